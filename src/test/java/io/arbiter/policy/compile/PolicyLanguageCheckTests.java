package io.arbiter.policy.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.junit.jupiter.api.Test;

import io.arbiter.policy.Stage;

/**
 * What the policy language allows is allowed: the check must not refuse the ordinary rules a developer or a table
 * writes (the hostile corpus shows what it refuses), and its messages say what to write instead.
 */
class PolicyLanguageCheckTests {

    private static List<PolicyLanguageCheck.Violation> check(String rules) throws DroolsParserException {
        String drl = """
                package arbiter.hardstops;
                import io.arbiter.policy.Applicant;
                import io.arbiter.policy.Segment;
                global io.arbiter.policy.HardStopResult stops;
                """ + rules;
        DrlParser parser = new DrlParser(DrlParser.DEFAULT_LANGUAGE_LEVEL);
        PackageDescr pkg = parser.parse(false, drl);
        assertThat(parser.getErrors()).as("parses").isEmpty();
        return new PolicyLanguageCheck().check(pkg, Stage.HARD_STOPS, drl);
    }

    @Test
    void ordinary_conditions_and_actions_pass() throws DroolsParserException {
        assertThat(check("""
                rule "Ranges, lists, arithmetic, helpers and bindings"
                    @description("Allowed")
                    salience 10
                    activation-group "stops"
                    no-loop true
                when
                    $a : Applicant(turnover >= 2000000 && < 50000000, companyStatus in ("ACTIVE", 'UNKNOWN'),
                                   country not in ("XX"), overduePercent * 2 > Math.max(paymentTermsDays, 30) - 10,
                                   $t : turnover, bureauLimit != null, publicSector == false, !bureauStale)
                    not Segment(name == "PUBLIC_SECTOR")
                    exists Applicant(seniorityMonths > $t / 1000000 || averageDaysLate >= Math.abs(-15))
                then
                    stops.review();
                end
                """)).isEmpty();
    }

    @Test
    void an_action_with_a_wrong_value_says_what_its_method_takes() throws DroolsParserException {
        List<PolicyLanguageCheck.Violation> found = check("""
                rule "Too many values"
                when
                    Applicant()
                then
                    stops.review(1);
                end
                """);
        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.line()).isEqualTo(9);
            assertThat(v.message()).contains("gives 1 value(s) where stops.review() takes 0");
        });
    }

    @Test
    void a_field_that_does_not_exist_is_named_with_the_fields_that_do() throws DroolsParserException {
        assertThat(check("""
                rule "Typo"
                when
                    Applicant(turnovr > 5)
                then
                    stops.review();
                end
                """)).singleElement().satisfies(v -> assertThat(v.message())
                        .contains("'turnovr' is not a field of Applicant").contains("turnover, bureauDataAvailable"));
    }

    @Test
    void a_name_bound_without_a_dollar_could_pass_for_a_function_and_is_refused() throws DroolsParserException {
        assertThat(check("""
                rule "Math"
                when
                    Math : Applicant()
                    Applicant(turnover > Math.max(1, 2))
                then
                    stops.review();
                end
                """)).anySatisfy(v -> assertThat(v.message()).contains("names bound in a rule start with $"));
    }
}
