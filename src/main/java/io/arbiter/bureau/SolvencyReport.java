package io.arbiter.bureau;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import io.arbiter.shared.Money;
import io.arbiter.shared.RegistrationNumbers;

/**
 * A bureau's report on a company, normalised so that the policy never depends on one provider's scale.
 *
 * @param commonGrade 0 (certain default) to 100 (best), whatever the provider's own scale
 * @param band {@code A} (best) to {@code E}, derived from the common grade
 * @param providerScore the provider's own score, as it gives it
 * @param providerScale the provider's own scale, e.g. {@code 0-100} or {@code 1-10, 10 worst}
 * @param providerDescription the provider's words for its score, e.g. "Very Low Risk", when it gives them
 * @param recommendedLimit the provider's recommended credit limit, null when it gives none
 * @param paymentRemarks payment incidents reported (incidents de paiement)
 * @param paymentRemarksAmount their total, when the provider gives it
 */
public record SolvencyReport(String provider, String reportId, LocalDate reportDate, String registrationNumber,
        String country, String companyName, CompanyStatus status, int commonGrade, String band, String providerScore,
        String providerScale, @Nullable String providerDescription, @Nullable Money recommendedLimit,
        int paymentRemarks, @Nullable Money paymentRemarksAmount, @Nullable Money turnover) {

    /** The intra-EU VAT number of a French company, which follows from its SIREN; null elsewhere. */
    public @Nullable String vatNumber() {
        return "FR".equals(country) && registrationNumber.matches("\\d{9}")
                ? RegistrationNumbers.frenchVatNumber(registrationNumber) : null;
    }

    /** The common band of a common grade: A from 80, B from 60, C from 40, D from 20, E below. */
    public static String bandOf(int commonGrade) {
        if (commonGrade >= 80) {
            return "A";
        }
        if (commonGrade >= 60) {
            return "B";
        }
        if (commonGrade >= 40) {
            return "C";
        }
        return commonGrade >= 20 ? "D" : "E";
    }
}
