package io.arbiter.law;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The deadlines a credit-insurance policy sets for an unpaid invoice. They vary by insurer and contract, so they are
 * parameters, never constants.
 *
 * @param overdueReportingDays days after the (possibly extended) due date within which the overdue must be reported
 *                             (déclaration de menace de sinistre / d'impayé); after that, cover is lost (forclusion)
 * @param extensionDays        days the due date is pushed back by an extension (prorogation) agreed under the policy, 0
 *                             when there is none
 */
public record CreditInsuranceTerms(int overdueReportingDays, int extensionDays) {

    public CreditInsuranceTerms {
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
