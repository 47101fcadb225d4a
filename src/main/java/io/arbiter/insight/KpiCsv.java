package io.arbiter.insight;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.arbiter.shared.TableExport;

/** A {@link KpiReport} as a table, for finance staff who open it in a spreadsheet (CSV or XLSX). */
public final class KpiCsv {

    private KpiCsv() {
    }

    /** The table's columns: a row's fields, then one column per aged-balance bucket. */
    static List<String> csvHeader(KpiReport report) {
        List<String> header = new ArrayList<>(List.of("key", "name", "currency", "openReceivables", "overdue",
                "overduePercent", "beginningReceivables", "creditSales", "dsoSimple", "dsoCountback", "cei",
                "invoicesPaid", "invoicesPaidLate", "lateRatePercent", "averageDaysLate", "openDisputes",
                "disputesResolved", "averageDisputeResolutionDays", "dsoAverage", "bestPossibleDso", "daysBeyondTerms"));
        report.buckets().forEach(b -> header.add("aged " + b.label()));
        return header;
    }

    /** The report as a table: the header, then one line per row; amounts as numbers, the currency in its column. */
    public static void export(KpiReport report, TableExport out) {
        out.row(csvHeader(report));
        for (KpiReport.Row r : report.rows()) {
            List<Object> cells = new ArrayList<>(Arrays.asList(r.key(), r.name(), r.currency(), r.openReceivables(),
                    r.overdue(), r.overduePercent(), r.beginningReceivables(), r.creditSales(), r.dsoSimple(),
                    r.dsoCountback(), r.cei(), r.invoicesPaid(), r.invoicesPaidLate(), r.lateRatePercent(),
                    r.averageDaysLate(), r.openDisputes(), r.disputesResolved(), r.averageDisputeResolutionDays(),
                    r.dsoAverage(), r.bestPossibleDso(), r.daysBeyondTerms()));
            cells.addAll(r.agedBalance());
            out.row(cells);
        }
    }
}
