package io.arbiter.ledger.reporting;

import java.time.LocalDate;
import java.util.Map;

/**
 * The reporting statements' text, for {@code io.arbiter.insight.InsightBenchmark}, which EXPLAINs the very statements
 * the API runs; in the application they stay internal to this package.
 */
public final class BenchmarkStatements {

    private BenchmarkStatements() {
    }

    public static String invoiceSql(ReceivablesQuestion question) {
        return ReceivablesStatements.invoiceSql(question);
    }

    public static String allocationSql(ReceivablesQuestion question) {
        return ReceivablesStatements.allocationSql(question);
    }

    public static String disputeSql(ReceivablesQuestion question) {
        return ReceivablesStatements.disputeSql(question);
    }

    /** The page's customers of a question that asks for a page. */
    public static String pageSql(ReceivablesQuestion question) {
        return ReceivablesStatements.pageSql(question, question.page());
    }

    /** What {@link #pageSql} binds, besides the drill-down's values. */
    public static Map<String, Object> pageParameters(ReceivablesQuestion question) {
        return ReceivablesStatements.pageParameters(question.page(), question.filter().parameters());
    }

    public static String cashInSql(LocalDate asOf, boolean oneSalesperson, int weeks) {
        return CashInForecastSums.sql(asOf, oneSalesperson, weeks);
    }
}
