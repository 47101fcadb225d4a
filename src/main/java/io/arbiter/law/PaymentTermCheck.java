package io.arbiter.law;

import java.time.LocalDate;

/**
 * Whether an invoice's due date respects the legal maximum payment term.
 *
 * @param compliant               true when the due date is on or before the latest compliant one
 * @param latestCompliantDueDate  the latest due date the law allows for this invoice date and debtor
 */
public record PaymentTermCheck(boolean compliant, LocalDate latestCompliantDueDate) {
}
