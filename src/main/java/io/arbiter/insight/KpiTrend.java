package io.arbiter.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The overall report's DSO and CEI as of several days, oldest first: each month's figures are those of
 * {@code GET /api/v1/kpis?by=all} asked with the same filters, as of {@code asOf} over the period from {@code from}.
 */
public record KpiTrend(List<Month> months) {

    /** One day of the trend: a row per currency in which the report has invoices for that period. */
    public record Month(LocalDate asOf, LocalDate from, List<Row> rows) {
    }

    /** The report row's figures of one currency; null where the report has none (no sales, nothing collectible). */
    public record Row(String currency, @Nullable BigDecimal dsoSimple, @Nullable BigDecimal dsoCountback,
            @Nullable BigDecimal cei) {
    }
}
