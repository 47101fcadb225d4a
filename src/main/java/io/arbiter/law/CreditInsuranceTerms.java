package io.arbiter.law;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The deadlines a credit-insurance policy sets for an unpaid invoice. They vary by insurer and contract, so they are
 * parameters, never constants.
 *
 * @param overdueReportingDays days after the (possibly extended) due date within which the overdue must be reported
 *                             (déclaration de menace de sinistre / d'impayé); after that, cover is lost (forclusion)
 * @param extensionDays        days the due date is pushed back by an extension (prorogation) agreed under the policy, 0
 *                             when there is none
 * @param claimDays            days after the overdue was reported within which the claim must be filed (déclaration de
 *                             sinistre / demande d'indemnisation); null when the contract sets none
 */
public record CreditInsuranceTerms(int overdueReportingDays, int extensionDays, @Nullable Integer claimDays) {

    /** Terms with no claim period. */
    public CreditInsuranceTerms(int overdueReportingDays, int extensionDays) {
        this(overdueReportingDays, extensionDays, null);
    }

    public CreditInsuranceTerms {
        if (claimDays != null && claimDays < 0) {
            throw new IllegalArgumentException("claimDays must not be negative: " + claimDays);
        }
        if (overdueReportingDays < 0) {
            throw new IllegalArgumentException("overdueReportingDays must not be negative: " + overdueReportingDays);
        }
        if (extensionDays < 0) {
            throw new IllegalArgumentException("extensionDays must not be negative: " + extensionDays);
        }
    }

    /** The deadlines for an invoice due on {@code dueDate}. */
    public InsuranceDeadlines deadlinesFor(LocalDate dueDate) {
        Objects.requireNonNull(dueDate, "dueDate");
        LocalDate extendedDueDate = dueDate.plusDays(extensionDays);
        LocalDate reportBy = extendedDueDate.plusDays(overdueReportingDays);
        return new InsuranceDeadlines(extendedDueDate, reportBy, reportBy.plusDays(1));
    }

    /** The last day to file the claim for an overdue reported on {@code reportedOn}; empty when the contract sets none. */
    public Optional<LocalDate> claimBy(LocalDate reportedOn) {
        Objects.requireNonNull(reportedOn, "reportedOn");
        return Optional.ofNullable(claimDays).map(reportedOn::plusDays);
    }

    /**
     * @param extendedDueDate   the due date after any extension
     * @param reportBy          the last day to report the overdue to the insurer
     * @param coverLostFrom     the first day the invoice is no longer covered if it was not reported (forclusion)
     */
    public record InsuranceDeadlines(LocalDate extendedDueDate, LocalDate reportBy, LocalDate coverLostFrom) {

        /** True when an overdue reported on {@code reportedOn} is too late to keep the cover. */
        public boolean isForeclosed(LocalDate reportedOn) {
            return reportedOn.isAfter(reportBy);
        }
    }
}
