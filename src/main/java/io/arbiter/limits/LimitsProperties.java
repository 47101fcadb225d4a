package io.arbiter.limits;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Credit-limit settings.
 *
 * @param requestTtl how long a limit request waits for its approvers before it expires
 * @param defaultValidity how long an approved limit stays in force when the request names no review date
 * @param maxValidity the furthest review date a request may ask for
 * @param maxAmount the largest limit a request may ask for: above it, the amount is taken for a typing mistake
 * @param reviewNotice how long before its review date a standing limit opens a review task
 * @param checkInterval how often expired requests and limits are looked for
 * @param insurance the credit-insurance contracts whose terms set the reporting deadlines
 */
@ConfigurationProperties("arbiter.limits")
public record LimitsProperties(@DefaultValue("7d") Duration requestTtl, @DefaultValue("365d") Duration defaultValidity,
        @DefaultValue("1096d") Duration maxValidity, @DefaultValue("100000000") BigDecimal maxAmount,
        @DefaultValue("30d") Duration reviewNotice, @DefaultValue("1h") Duration checkInterval,
        @DefaultValue Insurance insurance) {

    /**
     * @param contracts one per insurer, {@code {insurer, overdue-reporting-days, extension-days, claim-days}}: days to
     *        report an overdue after the due date plus extension, then to file the claim after the report (unset: none
     *        tracked); a cover imported for an insurer with no contract here gets no deadline alerts
     * @param alertDays how many days before the insurer's deadline (overdue report, then claim) an unpaid insured invoice
     *        is alerted
     */
    public record Insurance(@DefaultValue List<Contract> contracts, @DefaultValue("7") int alertDays) {
    }

    /**
     * The terms of one credit-insurance contract (see the law package's {@code CreditInsuranceTerms}).
     *
     * @param insurer the insurer's name as the cover imports give it
     * @param overdueReportingDays days after the (extended) due date to report an unpaid invoice before cover is lost
     * @param extensionDays days an extension (prorogation) agreed under the contract adds to the due date
     * @param claimDays days after an overdue is reported within which the claim must be filed (déclaration de sinistre);
     *        unset, reported invoices simply leave the alerts
     */
    public record Contract(String insurer, int overdueReportingDays, @DefaultValue("0") int extensionDays,
            @Nullable Integer claimDays) {
    }
}
