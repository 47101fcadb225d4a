package io.arbiter.bureau.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.arbiter.bureau.providers.NormalisationProperties.Row;

import io.arbiter.bureau.BureauUnavailableException;

class NormalisationTests {

    private final Normalisation normalisation = new Normalisation(new NormalisationProperties(Map.of(
            "tenpoint", List.of(new Row(1, 1, 95), new Row(2, 4, 70), new Row(5, 10, 10)))));

    @Test
    void gives_the_grade_of_the_row_covering_the_score_bounds_included() {
        assertThat(normalisation.grade("tenpoint", 1)).isEqualTo(95);
        assertThat(normalisation.grade("tenpoint", 2)).isEqualTo(70);
        assertThat(normalisation.grade("tenpoint", 4)).isEqualTo(70);
        assertThat(normalisation.grade("tenpoint", 10)).isEqualTo(10);
    }

    @Test
    void refuses_a_score_outside_every_row_naming_provider_score_and_rows_without_retrying() {
        assertThatThrownBy(() -> normalisation.grade("tenpoint", 11))
                .isInstanceOfSatisfying(BureauUnavailableException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("tenpoint gave score 11")
                .hasMessageContaining("{from: 5, to: 10, grade: 10}");
    }

    @Test
    void refuses_a_provider_without_a_table() {
        assertThatThrownBy(() -> normalisation.requireTable("unknown"))
                .hasMessageContaining("arbiter.bureau.normalisation.tables.unknown is missing");
    }

    @Test
    void refuses_overlapping_rows_naming_both() {
        assertThatThrownBy(() -> new NormalisationProperties(Map.of("p", List.of(new Row(1, 3, 90), new Row(3, 5, 50)))))
                .hasMessage("arbiter.bureau.normalisation.tables.p[1] {from: 3, to: 5, grade: 50} overlaps "
                        + "arbiter.bureau.normalisation.tables.p[0] {from: 1, to: 3, grade: 90}: a provider score must have one grade");
    }

    @Test
    void refuses_a_grade_outside_0_to_100_and_a_reversed_range() {
        assertThatThrownBy(() -> new NormalisationProperties(Map.of("p", List.of(new Row(1, 1, 101)))))
                .hasMessageContaining("tables.p[0] {from: 1, to: 1, grade: 101}: the grade must be within 0–100");
        assertThatThrownBy(() -> new NormalisationProperties(Map.of("p", List.of(new Row(5, 1, 50)))))
                .hasMessageContaining("tables.p[0] {from: 5, to: 1, grade: 50}: 'from' is greater than 'to'");
    }

    @Test
    void application_refuses_to_start_with_overlapping_rows_naming_the_row() {
        new ApplicationContextRunner()
                .withUserConfiguration(Settings.class)
                .withPropertyValues(
                        "arbiter.bureau.normalisation.tables.riskgrade[0].from=1",
                        "arbiter.bureau.normalisation.tables.riskgrade[0].to=5",
                        "arbiter.bureau.normalisation.tables.riskgrade[0].grade=80",
                        "arbiter.bureau.normalisation.tables.riskgrade[1].from=5",
                        "arbiter.bureau.normalisation.tables.riskgrade[1].to=10",
                        "arbiter.bureau.normalisation.tables.riskgrade[1].grade=20")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("tables.riskgrade[1] {from: 5, to: 10, grade: 20} overlaps"));
    }

    @EnableConfigurationProperties(NormalisationProperties.class)
    static class Settings {
    }
}
