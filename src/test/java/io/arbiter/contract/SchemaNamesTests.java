package io.arbiter.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The OpenAPI document names a schema after its class's simple name, so two classes of the API with the same simple
 * name (a decision request's {@code Customer} and a KPI drill-down's) become one schema, and the document describes one
 * with the other's fields, silently, for people and for code generators alike. Every class an endpoint takes or
 * answers, down to its fields' types, must have a schema name of its own ({@code @Schema(name = ...)} gives one).
 */
class SchemaNamesTests {

    @Test
    void no_two_classes_of_the_api_share_a_schema_name() throws Exception {
        Set<Class<?>> api = new HashSet<>();
        for (Class<?> controller : controllers()) {
            for (Method method : controller.getDeclaredMethods()) {
                if (!AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class)) {
                    continue;
                }
                visit(method.getGenericReturnType(), api);
                for (Parameter parameter : method.getParameters()) {
                    if (parameter.isAnnotationPresent(RequestBody.class)) {
                        visit(parameter.getParameterizedType(), api);
                    }
                }
                for (ApiResponse response : AnnotatedElementUtils.findMergedRepeatableAnnotations(method, ApiResponse.class)) {
                    for (Content content : response.content()) {
                        visit(content.schema().implementation(), api);
                    }
                }
            }
        }
        assertThat(api).as("classes of the API found from the controllers").hasSizeGreaterThan(50);

        Map<String, Set<String>> byName = new TreeMap<>();
        for (Class<?> type : api) {
            byName.computeIfAbsent(schemaName(type), name -> new TreeSet<>()).add(type.getName());
        }
        List<String> shared = new ArrayList<>();
        byName.forEach((name, classes) -> {
            if (classes.size() > 1) {
                shared.add(name + ": " + classes);
            }
        });
        assertThat(shared).as("schema names shared by classes of the API (give one a @Schema(name = ...))").isEmpty();
    }

    private static List<Class<?>> controllers() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        List<Class<?>> controllers = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.arbiter")) {
            controllers.add(ClassUtils.forName(candidate.getBeanClassName(), SchemaNamesTests.class.getClassLoader()));
        }
        assertThat(controllers).hasSizeGreaterThan(10);
        return controllers;
    }

    /** The API's own classes that {@code type} is or holds, recursively through record components. */
    private static void visit(Type type, Set<Class<?>> api) {
        switch (type) {
            case ParameterizedType parameterized -> {
                visit(parameterized.getRawType(), api);
                for (Type argument : parameterized.getActualTypeArguments()) {
                    visit(argument, api);
                }
            }
            case WildcardType wildcard -> {
                for (Type bound : wildcard.getUpperBounds()) {
                    visit(bound, api);
                }
            }
            case GenericArrayType array -> visit(array.getGenericComponentType(), api);
            case Class<?> cls when cls.isArray() -> visit(cls.getComponentType(), api);
            case Class<?> cls when cls.getName().startsWith("io.arbiter.") && !cls.isEnum() && api.add(cls) -> {
                if (cls.isRecord()) {
                    for (RecordComponent component : cls.getRecordComponents()) {
                        visit(component.getGenericType(), api);
                    }
                }
            }
            default -> {
            }
        }
    }

    private static String schemaName(Class<?> type) {
        Schema schema = type.getAnnotation(Schema.class);
        return schema != null && !schema.name().isBlank() ? schema.name() : type.getSimpleName();
    }
}
