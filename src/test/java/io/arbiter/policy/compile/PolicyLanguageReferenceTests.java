package io.arbiter.policy.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.arbiter.policy.DunningCase;
import io.arbiter.policy.LimitApproval;
import io.arbiter.policy.Stage;

/**
 * The policy language reference for finance staff ({@code docs/policy-language.md}) lists exactly what
 * {@link PolicyLanguage} allows: its generated section is rewritten from the code, and this test fails when the file in
 * the repository differs, so that the documentation cannot drift from the check.
 */
class PolicyLanguageReferenceTests {

    private static final Path DOC = Path.of("docs", "policy-language.md");
    private static final String START = "<!-- generated: policy language reference -->";
    private static final String END = "<!-- end of generated reference -->";

    @Test
    void the_policy_language_reference_lists_every_fact_field_and_action_the_check_allows() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int start = doc.indexOf(START);
        int end = doc.indexOf(END);
        assertThat(start).as("the generated section's markers in " + DOC).isNotNegative().isLessThan(end);

        String current = doc.substring(start + START.length(), end);
        String generated = "\n" + reference();
        if (!current.equals(generated)) {
            Files.writeString(DOC, doc.substring(0, start + START.length()) + generated + doc.substring(end),
                    StandardCharsets.UTF_8);
        }
        assertThat(current).as(DOC + " was out of date with PolicyLanguage: it has been regenerated, commit it")
                .isEqualTo(generated);
    }

    static String reference() {
        StringBuilder md = new StringBuilder();
        for (Stage stage : Stage.values()) {
            md.append("### ").append(stage.ruleSet()).append("\n\n");
            md.append("Facts: ").append(PolicyLanguage.facts(stage).stream().map(Class::getSimpleName)
                    .collect(Collectors.joining(", "))).append(". Result: `").append(PolicyLanguage.result(stage).getName())
                    .append(' ').append(stage.global()).append("` (the `Variables` cell).\n\n");
            md.append("Actions: ").append(PolicyLanguage.actions(stage).values().stream()
                    .map(method -> "`" + PolicyLanguage.signature(stage, method) + "`").collect(Collectors.joining(", ")))
                    .append(".\n\n");
        }
        md.append("### Fields of each fact\n\n| fact | field | kind |\n|---|---|---|\n");
        for (Class<? extends Record> fact : PolicyLanguage.facts(Stage.HARD_STOPS)) {
            fields(md, fact);
        }
        fields(md, DunningCase.class);
        fields(md, LimitApproval.class);
        md.append('\n');
        return md.toString();
    }

    private static void fields(StringBuilder md, Class<?> fact) {
        for (Map.Entry<String, Class<?>> field : PolicyLanguage.fields(fact).entrySet()) {
            md.append("| ").append(fact.getSimpleName()).append(" | `").append(field.getKey()).append("` | ")
                    .append(PolicyLanguage.kind(field.getValue())).append(" |\n");
        }
    }
}
