package io.arbiter.shared;

import java.time.LocalDate;

/** Business dates a request may carry. */
public final class BusinessDates {

    private BusinessDates() {
    }

    /**
     * {@code day}, refused unless within 1900–2200: days far outside any ledger reach years PostgreSQL's dates do not
     * have (year 0) and overflow day and month counts (a customer since year -999999999).
     *
     * @throws ProblemException 400 naming the field
     */
    public static LocalDate within(String field, LocalDate day) {
        if (day.getYear() < 1900 || day.getYear() > 2200) {
            String message = field + " must be a day from 1900 to 2200 (was " + day + ")";
            throw ProblemException.invalidField(field, message, message);
        }
        return day;
    }
}
