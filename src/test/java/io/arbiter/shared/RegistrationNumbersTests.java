package io.arbiter.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


class RegistrationNumbersTests {

    @Test
    void a_siren_with_a_valid_luhn_digit_is_its_own_company_id() {
        assertThat(RegistrationNumbers.normalise("FR", "402 202 006", "number"))
                .isEqualTo(new RegistrationNumbers.CompanyId("FR", "402202006", "402202006"));
    }

    @Test
    void a_siret_names_its_company_by_its_first_nine_digits() {
        assertThat(RegistrationNumbers.normalise("FR", "40220200600019", "number"))
                .isEqualTo(new RegistrationNumbers.CompanyId("FR", "40220200600019", "402202006"));
    }

    @Test
    void la_poste_sirets_follow_their_own_rule() {
        // La Poste's establishments share SIREN 356 000 000; their SIRETs have a digit sum divisible by 5, not a Luhn digit.
        assertThat(RegistrationNumbers.normalise("FR", "35600000000010", "number").company()).isEqualTo("356000000");
        assertThatThrownBy(() -> RegistrationNumbers.normalise("FR", "35600000000011", "number")).isInstanceOf(ProblemException.class);
    }

    @Test
    void a_french_vat_number_carries_the_siren_and_its_key() {
        // key = (12 + 3 × (SIREN mod 97)) mod 97; for 402202006: 402202006 mod 97 = 42, (12 + 126) mod 97 = 41.
        assertThat(RegistrationNumbers.normalise("FR", "FR41402202006", "number").company()).isEqualTo("402202006");
        assertThatThrownBy(() -> RegistrationNumbers.normalise("FR", "FR42402202006", "number"))
                .isInstanceOf(ProblemException.class).hasMessageContaining("key does not match");
    }

    @ParameterizedTest
    @ValueSource(strings = {"402202007", "40220200600016", "12345", "ABCDEFGHI"})
    void a_mistyped_french_number_is_refused(String number) {
        assertThatThrownBy(() -> RegistrationNumbers.normalise("FR", number, "number")).isInstanceOf(ProblemException.class)
                .hasMessageContaining(number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"N/A", "NA", "inconnu", "0", "000000000", "000-000-000"})
    void a_placeholder_for_an_unknown_number_is_refused_in_any_country(String placeholder) {
        for (String country : new String[] {"FR", "DE"}) {
            assertThatThrownBy(() -> RegistrationNumbers.normalise(country, placeholder, "number"))
                    .isInstanceOf(ProblemException.class).hasMessageContaining("'" + placeholder + "' is not a registration number");
        }
    }

    @Test
    void numbers_of_other_countries_are_only_normalised() {
        assertThat(RegistrationNumbers.normalise("DE", "hrb 12345", "number").registrationNumber()).isEqualTo("HRB12345");
    }

    @Test
    void a_country_code_in_lower_case_is_the_same_country_and_a_country_name_is_refused() {
        assertThat(RegistrationNumbers.normalise(" fr", "FR41402202006", "number"))
                .isEqualTo(new RegistrationNumbers.CompanyId("FR", "FR41402202006", "402202006"));
        assertThatThrownBy(() -> RegistrationNumbers.normalise("France", "402202006", "number"))
                .isInstanceOf(ProblemException.class).hasMessageContaining("two-letter ISO 3166 code");
    }
}
