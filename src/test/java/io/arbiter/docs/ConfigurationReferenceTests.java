package io.arbiter.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration reference of {@code docs/operations.md} lists every {@code arbiter.*} setting the application
 * binds, from the metadata Spring Boot's configuration processor writes at compile time (names, types and the
 * Javadoc of each settings record's components), with its default from {@code application.yaml}. It is regenerated
 * from the build, so a new setting cannot be left out of the operators' page.
 */
class ConfigurationReferenceTests {

    private static final Path METADATA = Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json");
    private static final Path APPLICATION_YAML = Path.of("src", "main", "resources", "application.yaml");

    @Test
    void the_operations_page_lists_every_arbiter_setting_with_its_type_default_and_meaning() throws IOException {
        JsonNode metadata = JsonMapper.builder().build().readTree(Files.readString(METADATA, StandardCharsets.UTF_8));
        Map<String, Object> defaults = flatten(APPLICATION_YAML);
        Map<String, JsonNode> settings = new TreeMap<>();
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asString();
            if (name.startsWith("arbiter.")) {
                settings.put(name, property);
            }
        }
        assertThat(settings).as("the settings records' metadata").containsKeys("arbiter.policy.tables-directory",
                "arbiter.bureau.max-report-age", "arbiter.security.api-keys");

        StringBuilder md = new StringBuilder("""
                Generated from the settings records (`@ConfigurationProperties`) by `ConfigurationReferenceTests`; the
                default is the one `application.yaml` sets, else the record's own. Every setting can also be given as
                an environment variable (the name shown, as Spring Boot derives it: dots become `_`, dashes go, upper
                case; Spring Boot also accepts `_` for a dash, e.g. `ARBITER_BUREAU_MAX_REPORT_AGE`; a list's items
                are numbered, e.g. `ARBITER_SECURITY_APIKEYS_0_KEY`) or on the command line
                (`--arbiter.policy.currency=EUR`).

                | setting | environment variable | type | default | meaning |
                |---|---|---|---|---|
                """);
        settings.forEach((name, property) -> md.append("| `").append(name).append("` | `").append(environment(name))
                .append("` | ").append(type(property)).append(" | ").append(defaultValue(name, property, defaults))
                .append(" | ").append(cell(property.path("description").asString(""))).append(" |\n"));
        md.append('\n');
        GeneratedSection.assertCurrent(Path.of("docs", "operations.md"), "configuration reference", md.toString());
    }

    private static String environment(String name) {
        return name.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
    }

    private static String type(JsonNode property) {
        String type = property.path("type").asString("");
        return type.isEmpty() ? "" : "`" + type.replaceAll("[a-z][\\w]*\\.", "").replace("$", ".") + "`";
    }

    private static String defaultValue(String name, JsonNode property, Map<String, Object> defaults) {
        Object value = defaults.containsKey(name) ? defaults.get(name) : null;
        if (value == null && property.has("defaultValue")) {
            JsonNode node = property.get("defaultValue");
            value = node.isString() ? node.asString() : node.toString();
        }
        if (value == null) {
            return "";
        }
        String text = value instanceof Collection<?> list && list.isEmpty() ? "[]" : String.valueOf(value);
        return text.isEmpty() ? "" : "`" + cell(text).replace("`", "'") + "`";
    }

    private static String cell(String text) {
        return text.replaceAll("\\{@(?:code|link|linkplain|value) ((?:[^{}]|\\{[^{}]*})*)}", "`$1`")
                .replaceAll("</?(?:p|ul|ol|li|em|b|i)>", "")
                .replaceAll("\\s+", " ").replace("|", "\\|").strip();
    }

    /** application.yaml's values by their dotted names; lists and maps of values kept whole, as they are bound. */
    private static Map<String, Object> flatten(Path yaml) throws IOException {
        Map<String, Object> flat = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(yaml, StandardCharsets.UTF_8)) {
            for (Object document : new Yaml().loadAll(reader)) {
                if (document instanceof Map<?, ?> map) {
                    flatten("", map, flat);
                }
            }
        }
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> flat) {
        map.forEach((key, value) -> {
            String name = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
            if (value instanceof Map<?, ?> nested && !name.matches(".*\\.(tables|waterfall)$")) {
                flatten(name, nested, flat);
            } else {
                flat.put(name, value instanceof List<?> list ? new ArrayList<>(list) : value);
            }
        });
    }
}
