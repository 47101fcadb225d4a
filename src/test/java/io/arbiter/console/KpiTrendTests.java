package io.arbiter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.arbiter.ApiTest;
import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.ledger.LedgerFixtures.NewCustomer;
import io.arbiter.security.BrowserSession;
import io.arbiter.security.People;
import io.arbiter.security.Person;
import io.arbiter.security.Role;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's trend, computed for its twelve months together, shows for each month the figures the KPI API gives
 * when asked about that month alone with the same filter: read from the trend's export and from
 * {@code GET /api/v1/kpis}, both over HTTP, on a ledger of its own entity with every way an invoice is settled.
 */
class KpiTrendTests extends ApiTest {

    private static final String PASSWORD = "a long enough password";

    @Autowired
    People people;

    private final LocalDate today = LocalDate.now();

    @Test
    void each_month_of_the_trend_has_the_figures_of_that_month_s_report() {
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        String entity = ledger.entity("EUR");
        long customer = ledger.customer(NewCustomer.named(LedgerFixtures.siren()));
        long other = ledger.customer(NewCustomer.named(LedgerFixtures.siren()));
        // Sixteen months of invoices: paid on time and late, allocated in part, settled outside Arbiter with or without
        // a payment day, credited, cancelled, still open (some in USD): every way a past balance is rewound.
        for (int n = 0; n < 40; n++) {
            LocalDate issued = today.minusDays(480 - 12L * n);
            LocalDate due = issued.plusDays(30 + 15 * (n % 3));
            long owner = n % 4 == 0 ? other : customer;
            String amount = String.valueOf(1000 + 137 * n);
            String currency = n % 5 == 2 ? "USD" : "EUR";
            LocalDate paid = due.plusDays(n % 7 * 9 - 12);
            switch (n % 6) {
                case 0 -> ledger.paidInvoice(entity, owner, issued, due, amount, currency, paid.isAfter(today) ? today : paid);
                case 1 -> {
                    long invoice = ledger.invoice(entity, owner, issued, due, amount, "400", currency, "OPEN", null);
                    LocalDate on = due.plusDays(n % 3 * 20);
                    ledger.paymentAllocated(entity, owner, invoice, on.isAfter(today) ? today : on,
                            new BigDecimal(amount).subtract(new BigDecimal("400")).toPlainString(), currency);
                }
                case 2 -> ledger.invoice(entity, owner, issued, due, amount, "0", currency, "SETTLED", null);
                case 3 -> {
                    long invoice = ledger.invoice(entity, owner, issued, due, amount, "0", currency, "PAID",
                            paid.isAfter(today) ? today : paid);
                    LocalDate on = due.minusDays(3);
                    ledger.creditNoteAllocated(entity, owner, invoice, on.isAfter(today) ? today : on, "300", currency);
                }
                case 4 -> ledger.openInvoice(entity, owner, issued, due, amount, currency);
                default -> ledger.invoice(entity, owner, issued, due, amount, "0", currency, n % 12 == 5 ? "CANCELLED" : "PAID",
                        paid.isAfter(today) ? today : paid);
            }
        }
        String manager = "trend-" + UUID.randomUUID().toString().substring(0, 8);
        people.add(new Person(manager, "Claire Petit", Set.of(Role.CREDIT_MANAGER), null, false), PASSWORD);
        BrowserSession console = new BrowserSession(port, HttpClient.Redirect.NEVER);
        console.signIn(manager, PASSWORD);

        HttpResponse<String> export = console.get("/kpis/export/trend.csv?lang=en&entity=" + entity);
        assertThat(export.statusCode()).isEqualTo(200);
        List<String[]> lines = new ArrayList<>(export.body().replace("\uFEFF", "").lines()
                .map(line -> line.split(",", -1)).toList());
        assertThat(lines.removeFirst()).containsExactly("currency", "asOf", "from", "dsoSimple", "dsoCountback", "cei");
        assertThat(lines).as("twelve months in each currency").hasSize(24);
        assertThat(lines.stream().map(line -> line[1]).distinct()).hasSize(12);

        List<BigDecimal> shown = new ArrayList<>();
        for (String[] line : lines) {
            JsonNode report = get("/api/v1/kpis?by=all&entity=" + entity + "&asOf=" + line[1] + "&from=" + line[2],
                    ANALYST).body();
            JsonNode row = StreamSupport.stream(report.get("rows").spliterator(), false)
                    .filter(r -> r.get("currency").asString().equals(line[0])).findFirst().orElse(null);
            String month = Arrays.toString(line);
            assertThat(number(line[3])).as("simple DSO of %s", month).isEqualTo(figure(row, "dsoSimple"));
            assertThat(number(line[4])).as("countback DSO of %s", month).isEqualTo(figure(row, "dsoCountback"));
            assertThat(number(line[5])).as("CEI of %s", month).isEqualTo(figure(row, "cei"));
            for (int column = 3; column <= 5; column++) {
                if (number(line[column]) != null) {
                    shown.add(number(line[column]));
                }
            }
        }
        assertThat(shown.stream().distinct().count()).as("figures that change from month to month").isGreaterThan(20);
    }

    private static @Nullable BigDecimal number(String cell) {
        return cell.isEmpty() ? null : new BigDecimal(cell).stripTrailingZeros();
    }

    private static @Nullable BigDecimal figure(@Nullable JsonNode row, String kpi) {
        return row == null || row.get(kpi).isNull() ? null : row.get(kpi).decimalValue().stripTrailingZeros();
    }
}
