package io.arbiter.law;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The deadline to declare a claim (déclaration de créance) to the court-appointed representative once insolvency
 * proceedings are opened, Code de commerce L622-24 and R622-24: two months from the publication of the opening judgment
 * in the BODACC, four for a creditor outside metropolitan France. Missing it bars the claim (forclusion) unless the
 * judge lifts the bar.
 *
 * <p>Months are counted as the Code de procédure civile (art. 641) counts them: the deadline is the same day of the
 * month, or the month's last day when it has no such day (publication on 31 December: end of February). Moving a
 * deadline that falls on a Saturday, Sunday or public holiday to the next working day (art. 642) is left to the caller.
 */
public final class ClaimDeclaration {

    private ClaimDeclaration() {
    }

    /** The last day to declare the claim. */
    public static LocalDate deadline(LocalDate bodaccPublication, CreditorDomicile domicile) {
        Objects.requireNonNull(bodaccPublication, "bodaccPublication");
        Objects.requireNonNull(domicile, "domicile");
        // plusMonths keeps the day of month and clamps to the month's last day, which is art. 641's rule.
        return bodaccPublication.plusMonths(domicile == CreditorDomicile.METROPOLITAN_FRANCE ? 2 : 4);
    }
}
