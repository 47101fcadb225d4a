package io.arbiter.insight;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/** A {@link KpiReport} as CSV, for finance staff who open it in a spreadsheet. */
final class KpiCsv {

    private KpiCsv() {
    }

    /** The CSV's columns: a row's fields, then one column per aged-balance bucket. */
    static List<String> csvHeader(KpiReport report) {
        List<String> header = new ArrayList<>(List.of("key", "name", "currency", "openReceivables", "overdue",
                "overduePercent", "beginningReceivables", "creditSales", "dsoSimple", "dsoCountback", "cei",
                "invoicesPaid", "invoicesPaidLate", "lateRatePercent", "averageDaysLate", "openDisputes",
                "disputesResolved", "averageDisputeResolutionDays", "dsoAverage", "bestPossibleDso", "daysBeyondTerms"));
        report.buckets().forEach(b -> header.add("aged " + b.label()));
        return header;
    }

    /**
     * The report as CSV, starting with a byte-order mark: without it, Excel reads the UTF-8 file in the machine's
     * code page and garbles accented names (Hélène).
     */
    static String csv(KpiReport report) {
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append(String.join(",", csvHeader(report))).append("\r\n");
        for (KpiReport.Row r : report.rows()) {
            List<Object> cells = new ArrayList<>(Arrays.asList(r.key(), r.name(), r.currency(), r.openReceivables(),
                    r.overdue(), r.overduePercent(), r.beginningReceivables(), r.creditSales(), r.dsoSimple(),
                    r.dsoCountback(), r.cei(), r.invoicesPaid(), r.invoicesPaidLate(), r.lateRatePercent(),
                    r.averageDaysLate(), r.openDisputes(), r.disputesResolved(), r.averageDisputeResolutionDays(),
                    r.dsoAverage(), r.bestPossibleDso(), r.daysBeyondTerms()));
            cells.addAll(r.agedBalance());
            out.append(cells.stream().map(KpiCsv::cell).collect(Collectors.joining(","))).append("\r\n");
        }
        return out.toString();
    }

    private static String cell(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof BigDecimal number ? number.toPlainString() : value.toString();
        // A cell starting with = + - @ would be a formula when the CSV is opened in a spreadsheet, and so would one
        // starting with a tab or a carriage return, which spreadsheets skip before reading the formula (OWASP, "CSV
        // Injection").
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
