package io.arbiter;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import io.arbiter.policy.PolicyFixtures;

class StartupTests {

    @Test
    void the_application_refuses_to_start_on_a_broken_workbook_and_names_the_cell(@TempDir Path directory) {
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory)
                .setCell("credit-limits.drl.xlsx", "CreditLimits", "C15", "150 000 €");

        assertThatThrownBy(() -> new SpringApplicationBuilder(ArbiterApplication.class)
                .run("--server.port=0", "--arbiter.policy.tables-directory=" + policy.tables(),
                        "--arbiter.policy.rules-directory=" + policy.rules())
                .close())
                .rootCause()
                .hasMessageContaining("credit-limits.drl.xlsx!CreditLimits!C15")
                .hasMessageContaining("150 000 €");
    }

    @Test
    void the_application_refuses_to_start_on_a_gap_in_a_shipped_table_and_names_the_missing_range(@TempDir Path directory) {
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory)
                .setCell("segmentation.drl.xlsx", "Segmentation", "E13", "40000000");

        assertThatThrownBy(() -> new SpringApplicationBuilder(ArbiterApplication.class)
                .run("--server.port=0", "--arbiter.policy.tables-directory=" + policy.tables(),
                        "--arbiter.policy.rules-directory=" + policy.rules())
                .close())
                .rootCause()
                .hasMessageContaining("segmentation.drl.xlsx!Segmentation!A10:H14: RuleTable Segments: no row covers"
                        + " publicSector = false, seniorityMonths ≥ 6 and turnover 40,000,000–49,999,999");
    }
}
