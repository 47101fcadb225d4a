package io.arbiter.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import io.arbiter.shared.CurrencyAmount;

/**
 * Cash expected in each of the 13 weeks from {@code asOf}, per currency: pending promises to pay at their promised
 * date, other open invoices at due date + the customer's average delay (weighted days late over its last 12 months of
 * payments; none: on the due date); invoices already expected before {@code asOf} fall in week 1. Invoices in an
 * unresolved dispute are left out, shown only as {@code disputed}.
 *
 * @param weeks week 1 starts on {@code asOf}; each week is 7 days, {@code to} included
 * @param later what is expected after the 13th week
 * @param disputed open amounts of disputed invoices, excluded until the dispute is resolved
 */
public record CashInForecast(LocalDate asOf, List<Week> weeks, List<Amount> later, List<Amount> disputed) {

    public record Week(int week, LocalDate from, LocalDate to, List<Amount> amounts) {
    }

    /** @param total promised + expected */
    @Schema(name = "CashInAmount") // another API class has this simple name (SchemaNamesTests)
    public record Amount(String currency, CurrencyAmount promised, CurrencyAmount expected, CurrencyAmount total) {

        public Amount(String currency, BigDecimal promised, BigDecimal expected) {
            this(currency, new CurrencyAmount(promised, currency), new CurrencyAmount(expected, currency),
                    new CurrencyAmount(promised.add(expected), currency));
        }
    }
}
