package io.arbiter.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import io.arbiter.shared.problems.ProblemTypes;

/**
 * Clients branch on a problem's {@code type}, so the integration guide lists every kind the API answers: its table is
 * generated from {@link ProblemTypes}, and a kind the code throws (as a literal next to its status, or named to
 * {@code ProblemException.typeOf} or the framework handler) that the registry lacks, or answers with another status,
 * fails here.
 */
class ProblemTypesTests {

    /** {@code HttpStatus.NOT_FOUND, "decision-not-found"}: a ProblemException, a subclass, or a helper taking both. */
    private static final Pattern WITH_STATUS = Pattern.compile("HttpStatus\\.([A-Z_]+),\\s*\"([a-z]+(?:-[a-z]+)*)\"");
    /** {@code typeOf("internal-error")} and {@code set(problem, "not-found", ...)}: status set elsewhere in the handler. */
    private static final Pattern NAMED = Pattern.compile("(?:typeOf\\(|set\\(problem,\\s*)\"([a-z]+(?:-[a-z]+)*)\"");

    @Test
    void every_kind_the_code_answers_is_in_the_registry_with_the_status_it_is_thrown_with() throws IOException {
        Map<String, Integer> registry = ProblemTypes.ALL.stream()
                .collect(Collectors.toMap(ProblemTypes.Type::kind, ProblemTypes.Type::status));
        Map<String, String> missing = new TreeMap<>();
        Map<String, String> otherStatus = new TreeMap<>();
        int kinds = 0;
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                String code = Files.readString(source, StandardCharsets.UTF_8);
                Matcher thrown = WITH_STATUS.matcher(code);
                while (thrown.find()) {
                    kinds++;
                    String kind = thrown.group(2);
                    int status = HttpStatus.valueOf(thrown.group(1)).value();
                    if (!registry.containsKey(kind)) {
                        missing.put(kind, source.getFileName().toString());
                    } else if (registry.get(kind) != status) {
                        otherStatus.put(kind, status + " in " + source.getFileName() + ", " + registry.get(kind)
                                + " in the registry");
                    }
                }
                Matcher named = NAMED.matcher(code);
                while (named.find()) {
                    kinds++;
                    if (!registry.containsKey(named.group(1))) {
                        missing.put(named.group(1), source.getFileName().toString());
                    }
                }
            }
        }
        assertThat(kinds).as("problem kinds found in the code").isGreaterThan(50);
        assertThat(missing).as("kinds thrown but not in ProblemTypes (add each with its status and meaning)").isEmpty();
        assertThat(otherStatus).as("kinds thrown with another status than ProblemTypes gives them").isEmpty();
    }

    @Test
    void the_integration_guide_lists_every_problem_type_with_its_status_and_meaning() throws IOException {
        assertThat(ProblemTypes.ALL).extracting(ProblemTypes.Type::kind).doesNotHaveDuplicates();
        StringBuilder table = new StringBuilder("""
                | type (`urn:arbiter:problem:…`) | status | when |
                |---|---|---|
                """);
        ProblemTypes.ALL.forEach(type -> table.append("| `").append(type.kind()).append("` | ").append(type.status())
                .append(" | ").append(type.when().replace("|", "\\|")).append(" |\n"));
        table.append('\n');
        GeneratedSection.assertCurrent(Path.of("docs", "integration-guide.md"), "problem types", table.toString());
    }
}
