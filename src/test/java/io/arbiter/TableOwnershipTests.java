package io.arbiter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * No module reads or writes another module's tables (docs/architecture.md §2). {@link ModularityTests} sees the Java
 * dependencies between modules, not the table names inside their SQL, so this test reads the SQL: every table a
 * migration creates belongs to the module its name's prefix says, and a module's string literals may name, after
 * {@code from}, {@code join}, {@code into}, {@code update}, {@code table}, {@code using} or {@code exists}, only its
 * own tables. Another module's data is asked through that module's API, e.g. the ledger's aggregates through
 * {@code io.arbiter.ledger.reporting}.
 */
class TableOwnershipTests {

    private static final Path SOURCES = Path.of("src/main/java/io/arbiter");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    /** The module that owns a table, by the table name's prefix; the longest matching prefix wins. */
    private static final Map<String, String> OWNERS = Map.ofEntries(Map.entry("ledger_", "ledger"),
            Map.entry("dunning_", "dunning"), Map.entry("limit_", "limits"), Map.entry("insurance_", "limits"),
            Map.entry("policy_version", "policy"), Map.entry("policy_simulation", "simulation"),
            Map.entry("credit_decision", "decision"), Map.entry("review_verdict", "decision"),
            Map.entry("standing_limit_review", "decision"), Map.entry("bureau_notification", "bureau"),
            Map.entry("solvency_snapshot", "bureau"), Map.entry("webhook_", "webhook"), Map.entry("person", "security"),
            Map.entry("event_publication", "shared")); // Spring Modulith's outbox, which shared keeps moving

    /** String literals (text blocks and plain strings); comments and character literals are matched to be skipped. */
    private static final Pattern LITERALS = Pattern.compile(
            "\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"|//[^\\n]*|/\\*.*?\\*/|'(?:[^'\\\\]|\\\\.)'", Pattern.DOTALL);
    private static final Pattern TABLE_REFERENCES = Pattern.compile(
            "\\b(?:from|join|into|update|table|using|exists)\\s+([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATED_TABLES = Pattern.compile(
            "create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);

    @Test
    void every_table_belongs_to_a_module() {
        assertThat(tables()).isNotEmpty().allSatisfy(table -> assertThat(owner(table))
                .as("the module owning table %s: add its prefix to OWNERS", table).isNotNull());
    }

    @Test
    void no_module_names_another_modules_tables_in_its_sql() throws IOException {
        Set<String> tables = tables();
        Map<String, Set<String>> named = new TreeMap<>();
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted(Comparator.naturalOrder()).toList()) {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // the application class, in no module
                }
                String module = relative.getName(0).toString();
                for (String table : tablesNamedIn(Files.readString(file), tables)) {
                    named.computeIfAbsent(module, m -> new TreeSet<>()).add(table);
                    if (!module.equals(owner(table))) {
                        foreign.add(relative + " names " + table + ", a table of " + owner(table));
                    }
                }
            }
        }
        // The scan sees SQL at all: the ledger names its own invoices.
        assertThat(named.getOrDefault("ledger", Set.of())).contains("ledger_invoice");
        assertThat(foreign).as("SQL naming another module's tables: ask that module's API instead").isEmpty();
    }

    /** The tables a source's string literals name in SQL. */
    private static Set<String> tablesNamedIn(String source, Set<String> tables) {
        Set<String> named = new TreeSet<>();
        Matcher literal = LITERALS.matcher(source);
        while (literal.find()) {
            String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
            if (text == null) {
                continue;
            }
            Matcher reference = TABLE_REFERENCES.matcher(text);
            while (reference.find()) {
                String name = reference.group(1).toLowerCase(java.util.Locale.ROOT);
                if (tables.contains(name)) {
                    named.add(name);
                }
            }
        }
        return named;
    }

    private static Set<String> tables() {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path migration : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Matcher created = CREATED_TABLES.matcher(Files.readString(migration));
                while (created.find()) {
                    tables.add(created.group(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    private static @Nullable String owner(String table) {
        return OWNERS.entrySet().stream().filter(e -> table.startsWith(e.getKey()))
                .max(Comparator.comparingInt(e -> e.getKey().length())).map(Map.Entry::getValue).orElse(null);
    }
}
