package io.arbiter.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.arbiter.ArbiterApplication;
import io.arbiter.dunning.DunningApi;
import io.arbiter.dunning.DunningAgenda;

/**
 * The dunning agenda over a whole portfolio (issue 8's benchmark): 100,000 customers and 1,000,000 open invoices
 * generated with SQL in a schema of this run's own (dropped at exit), due dates spread from 120 days late to 30 days
 * ahead, 1 % of invoices disputed and 1 % of customers under a promise to pay. Measured in the same run, alternating:
 * <ul>
 * <li>{@code sql-scan}: the baseline, a plain streamed scan of the open invoices (every column read, nothing kept);</li>
 * <li>{@code agenda}: {@link DunningAgenda#agenda(LocalDate, String)}, which streams the same invoices by customer and, per
 * customer, runs the policy (segmentation, scoring, rating), the escalation table and the escalator;</li>
 * <li>{@code agenda-http}: one {@code GET /api/v1/dunning/agenda} for the JSON over HTTP, reported for information.</li>
 * </ul>
 * Settings (system properties): {@code bench.customers} (100000), {@code bench.invoices} (1000000), {@code bench.rounds}
 * (3), {@code bench.out} ({@code target/dunning-agenda.txt}). The ratio target (≤ 5×) is reported, not gated.
 *
 * <p>Run with {@code ./mvnw -Pbench verify -Dbench.jmh.skip=true -Dbench.dunning.skip=false} (docs/benchmarks.md).
 */
public final class DunningAgendaBenchmark {

    private static final String API_KEY = "bench-dunning-engine";
    private static final LocalDate DAY = LocalDate.of(2026, 6, 15);

    private final int customers = Integer.getInteger("bench.customers", 100_000);
    private final int invoices = Integer.getInteger("bench.invoices", 1_000_000);
    private final int rounds = Integer.getInteger("bench.rounds", 3);
    private final Path out = Path.of(System.getProperty("bench.out", "target/dunning-agenda.txt"));

    public static void main(String[] args) {
        BenchmarkExit.after(() -> {
            new DunningAgendaBenchmark().run();
            return true;
        });
    }

    private void run() throws Exception {
        SpringApplication application = new SpringApplication(ArbiterApplication.class);
        application.addInitializers(context -> context.getBeanFactory()
                .registerSingleton("benchExcludeTestComponents", new ExcludeTestComponents()));
        try (ConfigurableApplicationContext context = application.run(
                "--server.port=0",
                "--arbiter.database.schema-per-run=true",
                "--arbiter.database.local-candidates[0]=jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
                "--arbiter.database.embedded.enabled=false",
                "--arbiter.security.api-keys[0].key=" + API_KEY,
                "--arbiter.security.api-keys[0].name=bench dunning engine",
                "--arbiter.security.api-keys[0].roles=DUNNING_ENGINE",
                "--logging.config=src/jmh/resources/logback-dunning-agenda.xml",
                "--logging.level.root=WARN")) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            DunningAgenda dunning = context.getBean(DunningAgenda.class);
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            long generating = System.nanoTime();
            generate(jdbc);
            List<String> report = new ArrayList<>();
            report.add(String.format(Locale.ROOT, "data: %,d customers, %,d open invoices generated in %.1f s; agenda date %s",
                    customers, invoices, (System.nanoTime() - generating) / 1e9, DAY));

            scan(jdbc);
            DunningApi.Agenda warm = dunning.agenda(DAY, null);
            report.add(String.format(Locale.ROOT, "agenda: %,d customers with open items, %,d actions due, %d assignee groups",
                    warm.customers(), warm.actions(), warm.groups().size()));
            warm.groups().forEach(group -> report.add(String.format(Locale.ROOT, "  %-28s %,9d actions", group.assignee(),
                    group.actions().size())));

            List<Double> scans = new ArrayList<>();
            List<Double> agendas = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                long start = System.nanoTime();
                long rows = scan(jdbc);
                scans.add((System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                DunningApi.Agenda agenda = dunning.agenda(DAY, null);
                agendas.add((System.nanoTime() - start) / 1e9);
                if (rows != invoices || agenda.actions() != warm.actions()) {
                    throw new AssertionError("round " + round + ": " + rows + " rows scanned, " + agenda.actions() + " actions");
                }
                report.add(String.format(Locale.ROOT, "round %d: sql-scan %.2f s, agenda %.2f s, ratio %.2f×", round,
                        scans.getLast(), agendas.getLast(), agendas.getLast() / scans.getLast()));
            }
            double scan = median(scans);
            double agenda = median(agendas);
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                ratios.add(agendas.get(i) / scans.get(i));
            }
            // Each round's two timings share the machine's load of that moment: the ratio is taken per round.
            double ratio = median(ratios);
            long start = System.nanoTime();
            HttpResponse<byte[]> http = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/v1/dunning/agenda?date=" + DAY))
                    .header("Authorization", "Bearer " + API_KEY).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            double overHttp = (System.nanoTime() - start) / 1e9;
            if (http.statusCode() != 200) {
                throw new AssertionError("GET agenda answered " + http.statusCode());
            }
            report.add(String.format(Locale.ROOT, "median of %d rounds: sql-scan %.2f s, agenda %.2f s; median ratio %.2f× "
                    + "(target ≤ 5×: %s)", rounds, scan, agenda, ratio, ratio <= 5 ? "met" : "NOT met"));
            report.add(String.format(Locale.ROOT, "agenda-http (one GET, %,d bytes of JSON): %.2f s", http.body().length, overHttp));
            report.forEach(System.out::println);
            write(report);
        }
    }

    /** The baseline: every open invoice read once, all columns, streamed like the agenda streams them. */
    private static long scan(JdbcClient jdbc) {
        AtomicLong rows = new AtomicLong();
        jdbc.sql("""
                        select id, entity_code, number, customer_id, issue_date, due_date, amount, open_amount, currency
                        from ledger_invoice where status = 'OPEN' and open_amount > 0""")
                .withFetchSize(5_000)
                .query(rs -> {
                    rs.getLong(1);
                    rs.getString(2);
                    rs.getString(3);
                    rs.getLong(4);
                    rs.getObject(5, LocalDate.class);
                    rs.getObject(6, LocalDate.class);
                    rs.getBigDecimal(7);
                    rs.getBigDecimal(8);
                    rs.getString(9);
                    rows.incrementAndGet();
                });
        return rows.get();
    }

    private void generate(JdbcClient jdbc) {
        jdbc.sql("insert into ledger_entity (code, name, currency) values ('BENCH', 'Bench entity', 'EUR')").update();
        jdbc.sql("""
                        insert into ledger_customer (account, registration_number, name, country, salesperson,
                                                     payment_terms_days, customer_since, public_sector)
                        select 'C' || g, lpad(g::text, 9, '0'), 'Customer ' || g, 'FR', 'sales' || (g % 40), 30,
                               date '2012-01-01' + (g % 5000), g % 25 = 0
                        from generate_series(1, ?) g""").param(customers).update();
        jdbc.sql("""
                        insert into ledger_invoice (entity_code, number, customer_id, issue_date, due_date, amount, open_amount,
                                                    currency, status)
                        select 'BENCH', 'I' || g, c.first + (g % ?), d.due - 30, d.due, a.amount, a.amount, 'EUR', 'OPEN'
                        from generate_series(1, ?) g
                        cross join (select min(id) as first from ledger_customer) c
                        cross join lateral (select cast(? as date) + 30 - ((g::bigint * 7919) % 151)::int as due) d
                        cross join lateral (select (100 + (g::bigint * 37) % 9000)::numeric(15,2) as amount) a""")
                .params(customers, invoices, DAY).update();
        jdbc.sql("""
                        with disputed as (
                            insert into ledger_dispute (customer_id, reason, opened_on)
                            select customer_id, 'bench ' || id, issue_date from ledger_invoice where id % 100 = 0
                            returning id, reason)
                        insert into ledger_dispute_invoice (dispute_id, invoice_id)
                        select id, substring(reason from 7)::bigint from disputed""").update();
        jdbc.sql("""
                        insert into ledger_promise (customer_id, made_on, promised_on, amount, currency)
                        select id, cast(? as date) - 3, cast(? as date) + 5, 1000, 'EUR' from ledger_customer where id % 100 = 0""")
                .params(DAY, DAY).update();
        jdbc.sql("analyze").update();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private void write(List<String> report) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, report);
    }
}
