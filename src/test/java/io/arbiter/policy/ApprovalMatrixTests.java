package io.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Currency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped approval matrix: who approves a requested limit, by amount band, risk class and segment. */
class ApprovalMatrixTests {

    private static final Currency EUR = Currency.getInstance("EUR");

    @TempDir
    Path directory;

    private CompiledPolicy shipped() {
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory);
        return PolicyEngine.load(policy.tables(), policy.rules(), EUR).policy();
    }

    @Test
    void routes_each_band_to_its_role_and_number_of_approvers_naming_the_row() {
        CompiledPolicy policy = shipped();

        ApprovalRule small = Pipeline.approve(policy, new LimitApproval(new BigDecimal("15000"), "SME", "B"));
        ApprovalRule large = Pipeline.approve(policy, new LimitApproval(new BigDecimal("250000"), "KEY_ACCOUNT", "A"));
        ApprovalRule risky = Pipeline.approve(policy, new LimitApproval(new BigDecimal("5000"), "SME", "E"));

        assertThat(small.role()).isEqualTo("CREDIT_ANALYST");
        assertThat(small.approvers()).isEqualTo(1);
        assertThat(small.reason().table()).isEqualTo("approval-matrix.drl.xlsx");
        assertThat(small.reason().row()).isEqualTo(10);
        assertThat(large.role()).isEqualTo("CREDIT_MANAGER");
        assertThat(large.approvers()).isEqualTo(2);
        assertThat(large.reason().description()).isEqualTo("Above €200,000: two credit managers");
        assertThat(risky.role()).isEqualTo("CREDIT_MANAGER");
        assertThat(risky.approvers()).isEqualTo(1);
        assertThat(small.problems()).isEmpty();
    }

    @Test
    void a_role_the_matrix_may_not_name_is_refused_when_the_policy_is_loaded() {
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory)
                .setCell("approval-matrix.drl.xlsx", "ApprovalMatrix", "G10", "SALESPERSON");

        PolicyLoadException failure = catchThrowableOfType(PolicyLoadException.class,
                () -> PolicyEngine.load(policy.tables(), policy.rules(), EUR));

        assertThat(failure.problems()).isNotEmpty().allSatisfy(problem -> assertThat(problem.file())
                .isEqualTo("approval-matrix.drl.xlsx"));
    }

    @Test
    void a_failing_approval_scenario_names_its_cell() {
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory)
                .setCell("approval-matrix.drl.xlsx", "Tests", "F6", "1");

        PolicyLoadException failure = catchThrowableOfType(PolicyLoadException.class,
                () -> PolicyEngine.load(policy.tables(), policy.rules(), EUR));

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("approval-matrix.drl.xlsx");
            assertThat(problem.cell()).isEqualTo("F6");
            assertThat(problem.message()).contains("expected 1 but was 2");
        });
    }

    @Test
    void a_standing_limit_in_force_is_the_granted_limit_capped_by_the_insurer() {
        CompiledPolicy policy = shipped();
        Applicant applicant = Applicant.builder().registrationNumber("402202006").country("FR").seniorityMonths(40)
                .bureau(70, new BigDecimal("100000"), 0, false).companyStatus("ACTIVE").turnover(3_000_000)
                .insurerCover(new BigDecimal("60000")).orderAmount(new BigDecimal("50000")).build();
        StandingLimit standing = new StandingLimit("L-1", "FR01", io.arbiter.shared.Money.of(new BigDecimal("90000"), EUR),
                java.time.LocalDate.of(2027, 6, 30), "REQUEST");

        LimitComposition insured = Pipeline.evaluate(policy, applicant, Given.NOTHING, standing).limit();
        LimitComposition uncapped = Pipeline.evaluate(policy, Applicant.builder().registrationNumber("402202006")
                .country("FR").seniorityMonths(40).companyStatus("ACTIVE").orderAmount(new BigDecimal("50000")).build(),
                Given.NOTHING, standing).limit();

        assertThat(insured.binding()).isEqualTo("INSURER");
        assertThat(insured.granted().amount()).isEqualByComparingTo("60000");
        assertThat(insured.standing()).isEqualTo(standing);
        assertThat(uncapped.binding()).isEqualTo("STANDING");
        assertThat(uncapped.granted().amount()).isEqualByComparingTo("90000");
    }
}
