package io.arbiter.limits.requests;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A request for a standing limit, as the API takes it.
 *
 * @param company the company by its registration number (SIREN, SIRET or VAT number) and country ({@code FR} when
 *                omitted)
 * @param entity the supplier's legal entity whose sales the limit is for, by its ledger code (such as {@code FR01});
 *               may be left out when the ledger has a single legal entity
 * @param amount the limit asked for, {@code {amount, currency}}, in the entity's currency
 * @param validUntil the review date asked for; the configured default validity when omitted
 * @param decisionId the credit decision (REVIEW or REJECTED) that led the order system to ask; required from it
 */
public record NewLimitRequest(@Nullable CompanyRef company, @Nullable String entity, @Nullable Amount amount, @Nullable String justification,
        @Nullable LocalDate validUntil, @Nullable String decisionId) {

    public record CompanyRef(@Nullable String registrationNumber, @Nullable String country) {
    }

    @Schema(name = "RequestedAmount") // another API class has this simple name (SchemaNamesTests)
    public record Amount(@Nullable BigDecimal amount, @Nullable String currency) {
    }
}
