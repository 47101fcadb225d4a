package io.arbiter.decision;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * "Can this customer place this order?" Amounts of the exposure and of the insurer's cover are in the order's currency.
 *
 * @param requestId the caller's id for this question; asking again with the same id returns the same decision
 * @param exposure the customer's current exposure, until Arbiter keeps the ledger; none means no exposure
 * @param paymentHistory how the customer has paid so far; none means no history
 */
public record CreditDecisionRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:/-]+", message = "may only contain letters, digits and . _ : / -") String requestId,
        @NotNull @Valid Customer customer,
        @NotNull @Valid Order order,
        @Valid @Nullable Exposure exposure,
        @Valid @Nullable PaymentHistory paymentHistory) {

    private static final String MAX_AMOUNT = "1000000000000";

    /**
     * @param registrationNumber SIREN (9 digits), SIRET (14 digits) or VAT number for French companies
     * @param country ISO 3166-1 alpha-2
     * @param customerSince first invoice or account opening; none means a new customer
     * @param publicSector a public buyer (State, local authority, hospital); for French companies it defaults from the
     *                     SIREN, whose first digit is 1 or 2 for public-law entities
     * @param insurerCover the credit insurer's cover on this customer
     */
    @Schema(name = "DecisionRequestCustomer") // another API class has this simple name (SchemaNamesTests)
    public record Customer(
            @NotBlank @Size(max = 32) String registrationNumber,
            @NotBlank @Size(max = 200) String name,
            @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 country code such as FR") String country,
            @Size(max = 100) @Nullable String group,
            @PastOrPresent @Nullable LocalDate customerSince,
            @Min(0) @Max(365) @Nullable Integer paymentTermsDays,
            @Nullable Boolean publicSector,
            @PositiveOrZero @DecimalMax(MAX_AMOUNT) @Digits(integer = 13, fraction = 2) @Nullable BigDecimal insurerCover) {
    }

    /**
     * @param entity the supplier's legal entity taking the order, by its code in the ledger (such as {@code FR01}):
     *               the standing limit approved for that entity applies. It may be left out when the ledger has a
     *               single legal entity; with several, a decision that names none uses the policy's limit
     */
    public record Order(
            @NotNull @Positive @DecimalMax(value = MAX_AMOUNT, message = "must be at most 1,000,000,000,000") @Digits(integer = 13, fraction = 2) BigDecimal amount,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code such as EUR") String currency,
            @Nullable LocalDate date,
            @Size(max = 100) @Nullable String reference,
            @Size(max = 50) @Nullable String entity) {
    }

    @Schema(name = "DecisionRequestExposure") // another API class has this simple name (SchemaNamesTests)
    public record Exposure(
            @NotNull @PositiveOrZero @DecimalMax(MAX_AMOUNT) @Digits(integer = 13, fraction = 2) BigDecimal openReceivables,
            @PositiveOrZero @DecimalMax(MAX_AMOUNT) @Digits(integer = 13, fraction = 2) @Nullable BigDecimal overdue,
            @PositiveOrZero @DecimalMax(MAX_AMOUNT) @Digits(integer = 13, fraction = 2) @Nullable BigDecimal ordersBacklog) {
    }

    /**
     * @param averageDaysLate weighted average days beyond terms on paid invoices
     */
    public record PaymentHistory(@Min(0) @Max(3650) int averageDaysLate, @Min(0) @Max(100000) int openDisputes) {
    }
}
