package io.arbiter.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;

import io.arbiter.bureau.SolvencyReport;
import io.arbiter.decision.ReviewVerdict;
import io.arbiter.dunning.OutcomeKind;
import io.arbiter.insight.PaymentBehaviour;
import io.arbiter.ledger.CustomerDirectory;
import io.arbiter.ledger.Exposures.CurrencyExposure;
import io.arbiter.policy.Outcome;
import io.arbiter.policy.Reason;
import io.arbiter.policy.StandingLimit;
import io.arbiter.pool.PoolSignal;
import io.arbiter.shared.Money;

/**
 * Everything Arbiter knows of one company on {@code asOf}, as the customer page shows it. A salesperson's key gets the
 * company without its group's figures (they would show other salespeople's customers), as the exposure endpoint does.
 *
 * @param companyId the company key, as {@code /api/v1/customers} lists it
 * @param openInvoices the open invoices, due first, at most {@value CustomerSummaries#MAX_INVOICES}; {@code openInvoiceCount}
 *                     counts them all
 * @param promises promises to pay, latest first, at most {@value CustomerSummaries#MAX_EVENTS}
 * @param decisions the latest credit decisions, at most {@value CustomerSummaries#MAX_DECISIONS}; all of them page at
 *                  {@code /api/v1/credit-decisions?company=}
 * @param dunningHistory actions proposed and outcomes recorded, latest first, at most {@value CustomerSummaries#MAX_EVENTS}
 */
public record CustomerSummary(String companyId, String country, String registrationNumber, String name, LocalDate asOf,
        List<CustomerDirectory.Account> accounts, List<String> groups, Exposure exposure, Limit limit,
        @Nullable Bureau bureau, PoolSignal pool, @Nullable PaymentBehaviour behaviour, List<PaymentBehaviour.Month> paymentTrend,
        int openInvoiceCount, List<OpenInvoice> openInvoices, List<Promise> promises, List<Decision> decisions,
        List<DunningEvent> dunningHistory) {

    /**
     * @param measuredOn {@code GROUP} when the limit is measured on the group's exposure, else {@code COMPANY}
     */
    @Schema(name = "CustomerSummaryExposure") // another API class has this simple name (SchemaNamesTests)
    public record Exposure(String measuredOn, List<CurrencyExposure> customer, List<CurrencyExposure> group) {
    }

    /**
     * The limit the company's exposure is measured against.
     *
     * @param standing the limit people approved, in force today; null when none is
     * @param insurerCover the credit insurer's cover in force, in the standing limit's currency; null when none is known
     * @param latestDecision the limit the latest credit decision granted, when there is no standing limit
     * @param granted the standing limit capped by the insurer's cover, else the latest decision's; null when neither
     * @param used the exposure measured against it, in its currency
     * @param available {@code granted} minus {@code used} (negative when over)
     * @param usedPercent {@code used} as a share of {@code granted}; null when nothing is granted
     */
    public record Limit(@Nullable StandingLimit standing, @Nullable Money insurerCover, @Nullable Money latestDecision,
            @Nullable Money granted, @Nullable Money used, @Nullable Money available, @Nullable BigDecimal usedPercent) {
    }

    /**
     * The latest bureau report Arbiter holds (it asks no bureau for this page).
     *
     * @param ageDays days since the report's date
     * @param stale older than {@code arbiter.bureau.max-report-age}: the next decision fetches a new one
     */
    public record Bureau(SolvencyReport report, long ageDays, boolean stale) {
    }

    /** A dispute on an invoice; open until {@code resolvedOn}. */
    public record Dispute(String reason, LocalDate openedOn, @Nullable LocalDate resolvedOn) {
    }

    /** @param daysLate days past the due date today, 0 when not yet due */
    public record OpenInvoice(String account, String entity, String number, LocalDate issueDate, LocalDate dueDate,
            long daysLate, Money amount, Money openAmount, List<Dispute> disputes) {

        public boolean disputed() {
            return disputes.stream().anyMatch(d -> d.resolvedOn() == null);
        }
    }

    /** @param invoices the invoices it covers; empty for the account's whole balance */
    public record Promise(String account, LocalDate madeOn, LocalDate promisedOn, Money amount, String status,
            List<String> invoices) {
    }

    public record Decision(UUID decisionId, Instant decidedAt, Outcome outcome, Money order, Money grantedLimit,
            @Nullable String riskClass, String summary, List<Reason> reasons, String policyVersion,
            @Nullable ReviewVerdict review) {
    }

    /** A dunning action proposed and, when something came of it, its outcome. */
    public record DunningEvent(String account, LocalDate date, String action, String channel, @Nullable Integer level,
            List<String> invoices, @Nullable OutcomeKind outcome, @Nullable String agent, @Nullable String note) {
    }
}
