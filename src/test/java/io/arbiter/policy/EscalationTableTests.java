package io.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Currency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped escalation workbook: the typical French escalation per plan, each step named by its row. */
class EscalationTableTests {

    private static final Currency EUR = Currency.getInstance("EUR");

    @TempDir
    Path directory;

    private CompiledPolicy shipped() {
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory);
        return PolicyEngine.load(policy.tables(), policy.rules(), EUR).policy();
    }

    /** One name per kind of customer: each segment segmentation gives is the name of the plan that chases it. */
    @Test
    void every_shipped_segment_names_a_dunning_plan_with_its_steps() {
        CompiledPolicy policy = shipped();

        for (String segment : java.util.List.of("KEY_ACCOUNT", "SME", "MICRO", "PUBLIC_SECTOR", "NEW_CUSTOMER")) {
            Escalation escalation = Pipeline.escalate(policy, new DunningCase(segment, "B", new BigDecimal("1200")));
            assertThat(escalation.problems()).as(segment).isEmpty();
            assertThat(escalation.steps()).as(segment).isNotEmpty();
        }
    }

    @Test
    void the_sme_plan_walks_from_pre_due_check_to_payment_order_with_formal_notice_confirmed_by_a_person() {
        Escalation escalation = Pipeline.escalate(shipped(), new DunningCase("SME", "B", new BigDecimal("1200")));

        assertThat(escalation.problems()).isEmpty();
        assertThat(escalation.steps()).extracting(EscalationStep::action).containsExactly("PRE_DUE_CHECK", "REMINDER",
                "CALL", "WRITTEN_CONFIRMATION", "FIRM_REMINDER", "INTERNAL_ALERT", "FORMAL_NOTICE", "AGENCY_HANDOFF",
                "PAYMENT_ORDER");
        assertThat(escalation.steps()).extracting(EscalationStep::afterDueDays).containsExactly(-5, 0, 7, 10, 20, 20, 30, 45, 90);
        EscalationStep formalNotice = escalation.steps().get(6);
        assertThat(formalNotice.channel()).isEqualTo("REGISTERED_LETTER");
        assertThat(formalNotice.confirm()).isTrue();
        assertThat(formalNotice.reason().table()).isEqualTo("escalation.drl.xlsx");
        assertThat(formalNotice.reason().sheet()).isEqualTo("Escalation");
        assertThat(formalNotice.reason().row()).isEqualTo(16);
        assertThat(formalNotice.reason().description()).contains("mise en demeure");
        assertThat(escalation.steps().get(1).confirm()).isFalse();
    }

    @Test
    void a_risky_customer_gets_stop_deliveries_and_small_amounts_skip_the_agency() {
        CompiledPolicy policy = shipped();

        Escalation risky = Pipeline.escalate(policy, new DunningCase("SME", "D", new BigDecimal("1200")));
        Escalation small = Pipeline.escalate(policy, new DunningCase("SME", "B", new BigDecimal("200")));

        assertThat(risky.steps()).extracting(EscalationStep::action).contains("STOP_DELIVERIES").doesNotContain("PAYMENT_ORDER");
        assertThat(small.steps()).extracting(EscalationStep::action).doesNotContain("AGENCY_HANDOFF", "PAYMENT_ORDER");
    }

    @Test
    void a_plan_no_row_knows_is_reported_as_a_policy_gap() {
        Escalation escalation = Pipeline.escalate(shipped(), new DunningCase("NO_SUCH_PLAN", "B", BigDecimal.TEN));

        assertThat(escalation.steps()).isEmpty();
        assertThat(escalation.problems()).extracting(Reason::ruleName).containsExactly("NO_ESCALATION");
    }

    @Test
    void a_failing_escalation_scenario_names_its_cell() {
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory)
                .setCell("escalation.drl.xlsx", "Tests", "G3", "CALL");

        PolicyLoadException failure = catchThrowableOfType(PolicyLoadException.class,
                () -> PolicyEngine.load(policy.tables(), policy.rules(), EUR));

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("escalation.drl.xlsx");
            assertThat(problem.cell()).isEqualTo("G3");
            assertThat(problem.message()).contains("expected CALL but was REMINDER");
        });
    }
}
