package io.arbiter.policy.compile;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.arbiter.policy.Applicant;
import io.arbiter.policy.DunningCase;
import io.arbiter.policy.LimitApproval;
import io.arbiter.policy.Rating;
import io.arbiter.policy.Score;
import io.arbiter.policy.Segment;
import io.arbiter.policy.Stage;
import io.arbiter.policy.StageResult;

/**
 * The policy language's allow-list, in one place: what a decision table or DRL file may say. A policy is data, never
 * code: it may match the facts its stage is given, compare their fields with values, and tell its stage's result what
 * the matching row says through that result's public methods. Everything else (creating objects, calling other
 * methods, loops, functions, reflection, any other class) is refused by {@link PolicyLanguageCheck} before Drools sees
 * it. The policy language reference in {@code docs/policy-language.md} is written from this class, and
 * {@code PolicyLanguageReferenceTests} checks that it names everything allowed here.
 */
final class PolicyLanguage {

    /** The facts each stage's rules may match, by their simple names; the earlier stages' answers included. */
    private static final Map<Stage, List<Class<? extends Record>>> FACTS = facts();
    /** Where the fact and result types live: the only package a policy may import from. */
    static final String PACKAGE = "io.arbiter.policy";
    /** Operators a condition may use between a field and a value ({@code in} lists are expanded by Drools' parser). */
    static final Set<String> OPERATORS = Set.of("==", "!=", "<", "<=", ">", ">=", "in", "not in");
    /** Pure helpers a condition or an action may call: {@code Math.max(turnover, 0)}. */
    static final Map<String, Set<String>> HELPERS = Map.of("Math", Set.of("min", "max", "abs"));
    /** Rule attributes (Drools' names) that only order or group rules; their values are checked by kind. */
    static final Set<String> ATTRIBUTES = Set.of("salience", "no-loop", "lock-on-active", "auto-focus", "activation-group",
            "agenda-group", "ruleflow-group", "enabled", "date-effective", "date-expires", "dialect");
    /** The only annotation a rule may carry: what finance staff read back in decisions. */
    static final String DESCRIPTION = "description";

    private PolicyLanguage() {
    }

    /** A fact type's readable fields, by name, with their Java types (records' components; maps are not fields). */
    static Map<String, Class<?>> fields(Class<?> fact) {
        Map<String, Class<?>> fields = new LinkedHashMap<>();
        for (RecordComponent component : fact.getRecordComponents()) {
            if (isValueType(component.getType())) {
                fields.put(component.getName(), component.getType());
            }
        }
        return fields;
    }

    static List<Class<? extends Record>> facts(Stage stage) {
        return FACTS.get(stage);
    }

    static @Nullable Class<? extends Record> fact(Stage stage, String name) {
        for (Class<? extends Record> fact : FACTS.get(stage)) {
            if (fact.getSimpleName().equals(name) || fact.getName().equals(name)) {
                return fact;
            }
        }
        return null;
    }

    /** The stage's result type, which its global ({@link Stage#global()}) holds. */
    static Class<? extends StageResult> result(Stage stage) {
        return stage.newResult().getClass();
    }

    /** What a stage's rules may tell its result: the result class's public methods, by name. */
    static Map<String, Method> actions(Stage stage) {
        return Arrays.stream(result(stage).getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                        && !method.isSynthetic() && method.getReturnType() == void.class)
                .sorted(Comparator.comparing(Method::getName))
                .collect(Collectors.toMap(Method::getName, method -> method, (a, b) -> a, LinkedHashMap::new));
    }

    /** The types a policy may import: its stages' facts and results. */
    static Set<String> importable() {
        Set<String> types = FACTS.values().stream().flatMap(List::stream).map(Class::getName)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        for (Stage stage : Stage.values()) {
            types.add(result(stage).getName());
        }
        return types;
    }

    /** A method signature as finance staff write it: {@code limit.internal(whole number)}. */
    static String signature(Stage stage, Method method) {
        return stage.global() + "." + method.getName() + "(" + Arrays.stream(method.getParameterTypes())
                .map(PolicyLanguage::kind).collect(Collectors.joining(", ")) + ")";
    }

    /** The kind of value a Java type takes, in words a spreadsheet author knows. */
    static String kind(Class<?> type) {
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "whole number";
        }
        if (type == double.class || type == Double.class || type == BigDecimal.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return "text";
    }

    /** Every construct allowed, one line each: the summary an error message points to. */
    static String summary(Stage stage) {
        return "conditions on " + FACTS.get(stage).stream().map(Class::getSimpleName).collect(Collectors.joining(", "))
                + " comparing a field with a value (" + String.join(" ", List.of("==", "!=", "<", "<=", ">", ">=", "in"))
                + "), and actions " + actions(stage).values().stream().map(m -> signature(stage, m))
                .collect(Collectors.joining(", "));
    }

    private static boolean isValueType(Class<?> type) {
        return type.isPrimitive() || type == String.class || type == BigDecimal.class || Number.class.isAssignableFrom(type)
                || type == Boolean.class;
    }

    private static Map<Stage, List<Class<? extends Record>>> facts() {
        Map<Stage, List<Class<? extends Record>>> facts = new EnumMap<>(Stage.class);
        facts.put(Stage.SEGMENTATION, List.of(Applicant.class));
        facts.put(Stage.SCORING, List.of(Applicant.class, Segment.class));
        facts.put(Stage.RATING, List.of(Applicant.class, Segment.class, Score.class));
        facts.put(Stage.CREDIT_LIMIT, List.of(Applicant.class, Segment.class, Score.class, Rating.class));
        facts.put(Stage.HARD_STOPS, List.of(Applicant.class, Segment.class, Score.class, Rating.class));
        facts.put(Stage.ESCALATION, List.of(DunningCase.class));
        facts.put(Stage.APPROVAL, List.of(LimitApproval.class));
        return facts;
    }
}
