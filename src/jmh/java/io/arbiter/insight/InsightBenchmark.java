package io.arbiter.insight;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

import io.arbiter.insight.forecast.CashInForecasts;
import io.arbiter.insight.kpi.AnalyticSettings;
import io.arbiter.insight.kpi.KpiQuery;
import io.arbiter.insight.kpi.Kpis;
import io.arbiter.ledger.reporting.BenchmarkStatements;
import io.arbiter.ledger.reporting.CashInForecastSums;
import io.arbiter.ledger.reporting.Receivables;

/**
 * KPIs and the cash-in forecast over a generated ledger of 100,000 customers and 1,000,000 invoices (issue 6: "KPIs
 * answer in under a second after import"). The ledger is made with {@code generate_series} in a schema of its own
 * (migrated by Flyway, dropped at the end), then ANALYZEd, as an import leaves it. Each statement is the one the API
 * runs (the ledger's reporting statements, {@link BenchmarkStatements}), timed through the same Java code
 * ({@link Kpis#report}, {@link CashInForecasts#forecast}): one warm-up, then the median of five runs. The baseline,
 * measured in the same run, is the physical floor of any KPI over the ledger: one sequential pass summing every
 * invoice ({@code select count(*), sum(amount) from ledger_invoice}). The report by customer is timed whole (as its
 * CSV) and by pages of 1,000 customers (as its JSON), the first and one from the middle of the accounts; for those
 * pages the page's customers ({@link BenchmarkStatements#pageSql}) and the invoice pass are explained. Each statement's EXPLAIN (ANALYZE, BUFFERS) is
 * summarised on the console and written whole to {@code target/insight-bench-plans.txt}.
 *
 * <p>Run with {@code ./mvnw -Pbench verify -Dbench.jmh.skip=true -Dbench.insight.skip=false}. Settings (system
 * properties): {@code bench.db} (the local test PostgreSQL), {@code bench.customers} (100000),
 * {@code bench.invoices} (1000000), {@code bench.runs} (5), {@code bench.keep} (keep the generated schema),
 * {@code bench.schema} (measure an existing schema again: migrated to the latest version, not regenerated).
 */
public final class InsightBenchmark {

    private static final String DB = System.getProperty("bench.db", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private static final int CUSTOMERS = Integer.getInteger("bench.customers", 100_000);
    private static final int INVOICES = Integer.getInteger("bench.invoices", 1_000_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 5);
    private static final double TARGET_MS = 1000;
    /** An existing schema to measure again without generating (e.g. one kept by an earlier run with bench.keep). */
    private static final String REUSE = System.getProperty("bench.schema");
    private static final boolean KEEP = Boolean.getBoolean("bench.keep");

    private final LocalDate asOf = LocalDate.now();
    private final StringBuilder plans = new StringBuilder();
    private final List<String> results = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        new InsightBenchmark().run();
    }

    private void run() throws Exception {
        String schema = REUSE != null ? REUSE : "arbiter_bench_insight_" + System.currentTimeMillis() / 1000;
        if (REUSE == null) {
            try (Connection admin = DriverManager.getConnection(DB); Statement statement = admin.createStatement()) {
                statement.execute("create schema " + schema);
            }
        }
        String url = DB + (DB.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try {
            Flyway.configure().dataSource(url, null, null).schemas(schema).load().migrate();
            try (Connection connection = DriverManager.getConnection(url)) {
                SingleConnectionDataSource dataSource = new SingleConnectionDataSource(connection, true);
                JdbcClient jdbc = JdbcClient.create(dataSource);
                if (REUSE == null) {
                    generate(connection, CUSTOMERS, INVOICES, asOf);
                } else {
                    analyze(connection);
                }
                measure(connection, jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
            }
        } finally {
            if (REUSE == null && !KEEP) {
                try (Connection admin = DriverManager.getConnection(DB); Statement statement = admin.createStatement()) {
                    statement.execute("drop schema " + schema + " cascade");
                }
            } else {
                System.out.println("schema kept: " + schema + " (drop it with: drop schema " + schema + " cascade)");
            }
        }
    }

    /**
     * Generates the ledger this benchmark measures in the connection's schema (migrated, empty), as of {@code asOf}, and
     * ANALYZEs it; the console pages benchmark (io.arbiter.bench.ConsolePagesBenchmark) reuses it. 50 salespeople
     * ({@code SP0}..{@code SP49}), 20 activities, two entities (EUR and USD).
     */
    public static void generate(Connection connection, int customerCount, int invoiceCount, LocalDate asOf) throws SQLException {
        String day = "date '" + asOf + "'";
        long start = System.nanoTime();
        try (Statement s = connection.createStatement()) {
            s.execute("insert into ledger_entity (code, name, currency) values ('BENCH-EUR', 'Bench France', 'EUR'),"
                    + " ('BENCH-USD', 'Bench US', 'USD')");
            s.execute("insert into ledger_customer_group (code, name) select 'G' || g, 'Group ' || g from generate_series(1, "
                    + customerCount / 10 + ") g");
            // 30 % of customers in groups of about three; 50 salespeople, 20 activities.
            s.execute("""
                    insert into ledger_customer (account, registration_number, name, country, group_code, salesperson,
                                                 activity, payment_terms_days, customer_since)
                    select 'C' || n, 'BENCH' || n, 'Customer ' || n, 'FR',
                           case when n %% 10 < 3 then 'G' || (n %% %1$d + 1) end, 'SP' || (n %% 50), 'ACT' || (n %% 20),
                           (array[30, 45, 60])[n %% 3 + 1], date '2015-01-01' + (n %% 3000)
                    from generate_series(1, %2$d) n""".formatted(customerCount / 10, customerCount));
            // Ids from the first generated customer on: the schema may already hold a ledger (the quickstart's demo).
            long first;
            try (ResultSet rs = s.executeQuery("select min(id) from ledger_customer where registration_number = 'BENCH1'")) {
                rs.next();
                first = rs.getLong(1);
            }
            // Issued over the last two years, terms 30/45/60 days, paid from 15 days early to 54 days late; 2 % never
            // paid, 1 % cancelled; one in five in USD.
            s.execute("""
                    insert into ledger_invoice (entity_code, number, customer_id, issue_date, due_date, amount, open_amount,
                                                currency, status, paid_on, allocated)
                    select entity, 'I' || n, customer, issue, due, amount,
                           case when status = 'OPEN' then amount else 0 end, currency, status,
                           case when status = 'PAID' then paid end, case when status = 'PAID' and n %% 2 = 0 then amount else 0 end
                    from (select n, (n %% %2$d) + %4$d as customer,
                                 case when n %% 5 = 0 then 'BENCH-USD' else 'BENCH-EUR' end as entity,
                                 case when n %% 5 = 0 then 'USD' else 'EUR' end as currency,
                                 %1$s - (n %% 730) as issue,
                                 %1$s - (n %% 730) + (array[30, 45, 60])[n %% 3 + 1] as due,
                                 (100 + (n::bigint * 7919) %% 20000)::numeric(15, 2) as amount,
                                 %1$s - (n %% 730) + (array[30, 45, 60])[n %% 3 + 1] + ((n::bigint * 31) %% 70 - 15)::int as paid
                          from generate_series(1, %3$d) n) x
                    cross join lateral (select case when n %% 100 = 0 then 'CANCELLED'
                                                    when paid <= %1$s and n %% 50 <> 0 then 'PAID'
                                                    else 'OPEN' end as status) s""".formatted(day, customerCount, invoiceCount, first));
            // Half of the paid invoices settled by a payment allocated on their payment day (lettrage), the other half
            // known only by paid_on: both ways of rewinding a past day's balance are exercised. The invoice keeps what
            // its allocations add up to, as the payment import writes it.
            s.execute("""
                    insert into ledger_payment (entity_code, reference, customer_id, received_on, amount, currency)
                    select entity_code, 'P' || id, customer_id, paid_on, amount, currency
                    from ledger_invoice where allocated > 0 and entity_code like 'BENCH-%'""");
            s.execute("""
                    insert into ledger_allocation (invoice_id, payment_id, amount, allocated_on)
                    select i.id, p.id, i.amount, i.paid_on
                    from ledger_invoice i join ledger_payment p on p.entity_code = i.entity_code and p.reference = 'P' || i.id
                    where i.allocated > 0 and i.entity_code like 'BENCH-%'""");
            s.execute("""
                    with d as (
                      insert into ledger_dispute (customer_id, reason, opened_on, resolved_on)
                      select customer_id, 'bench ' || id, due_date + 5,
                             case when id %% 3 = 0 then null else due_date + 5 + (id %% 60)::int end
                      from ledger_invoice where status = 'OPEN' and entity_code like 'BENCH-%%' and due_date < %1$s - 10 and id %% 7 = 0 limit 5000
                      returning id, reason)
                    insert into ledger_dispute_invoice (dispute_id, invoice_id) select id, substring(reason from 7)::bigint from d"""
                    .formatted(day));
            s.execute("""
                    with p as (
                      insert into ledger_promise (customer_id, made_on, promised_on, amount, currency, status)
                      select customer_id, %1$s - 3, %1$s + (id %% 60)::int, open_amount, currency, 'PENDING'
                      from ledger_invoice where status = 'OPEN' and entity_code like 'BENCH-%%' and due_date < %1$s and id %% 11 = 0 limit 10000
                      returning id, customer_id, amount, currency),
                    matched as (
                      select p.id as promise, (select i.id from ledger_invoice i where i.customer_id = p.customer_id
                             and i.status = 'OPEN' and i.open_amount = p.amount and i.currency = p.currency limit 1) as invoice
                      from p)
                    insert into ledger_promise_invoice (promise_id, invoice_id) select promise, invoice from matched
                    where invoice is not null""".formatted(day));
            s.execute("""
                    insert into ledger_promise (customer_id, made_on, promised_on, amount, currency, status)
                    select (n %% %2$d) + %3$d, %1$s - 60 - n %% 200, %1$s - 50 - n %% 200, 1000, 'EUR',
                           case when n %% 3 = 0 then 'BROKEN' else 'KEPT' end
                    from generate_series(1, 5000) n""".formatted(day, customerCount, first));
            s.execute("""
                    insert into ledger_open_order (entity_code, reference, customer_id, ordered_on, amount, currency)
                    select 'BENCH-EUR', 'O' || n, (n * 5 %% %2$d) + %3$d, %1$s - n %% 20, 500 + n %% 5000, 'EUR'
                    from generate_series(1, 20000) n""".formatted(day, customerCount, first));
        }
        analyze(connection);
        System.out.printf(Locale.ROOT, "generated and analysed in %.1f s:%n", (System.nanoTime() - start) / 1e9);
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("""
                select (select count(*) from ledger_customer), (select count(*) from ledger_invoice),
                       (select count(*) from ledger_invoice where status = 'OPEN'), (select count(*) from ledger_allocation),
                       (select count(*) from ledger_dispute), (select count(*) from ledger_promise),
                       pg_size_pretty(pg_total_relation_size('ledger_invoice'))""")) {
            rs.next();
            System.out.printf("  %d customers, %d invoices (%d open), %d allocations, %d disputes, %d promises; ledger_invoice %s%n",
                    rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getString(7));
        }
    }

    private void measure(Connection connection, JdbcClient jdbc, TransactionTemplate transaction) throws Exception {
        // The defaults of application.yaml; each call in a read-only transaction, as @Transactional gives it in the app.
        List<Integer> buckets = List.of(0, 30, 60, 90, 180);
        InsightProperties properties = new InsightProperties(Duration.ofDays(90), 12, buckets, 5, DataSize.ofMegabytes(64));
        transaction.setReadOnly(true);
        Kpis plainKpis = new Kpis(jdbc, new Receivables(jdbc), properties);
        CashInForecasts plainForecasts = new CashInForecasts(jdbc, new CashInForecastSums(jdbc), properties);
        Function<KpiQuery, KpiReport> kpis = q -> transaction.execute(t -> plainKpis.report(q));
        Function<LocalDate, CashInForecast> forecasts = d -> transaction.execute(t -> plainForecasts.forecast(d, null));
        String baselineSql = "select count(*), sum(amount) from ledger_invoice";
        double baseline = time("baseline: one pass over ledger_invoice", () -> transaction.execute(t -> {
            AnalyticSettings.apply(jdbc, properties.workMem());
            return jdbc.sql(baselineSql).query().listOfRows();
        }));

        Runnable analytic = () -> AnalyticSettings.apply(jdbc, properties.workMem());
        explain(connection, jdbc, "baseline", baselineSql, Map.of(), analytic);

        System.out.println();
        System.out.printf(Locale.ROOT, "%-34s %10s %8s %8s %s%n", "question (as of " + asOf + ", 90 days)", "median ms", "rows",
                "ratio", "target < " + (int) TARGET_MS + " ms");
        for (KpiQuery.Dimension by : KpiQuery.Dimension.values()) {
            KpiQuery query = new KpiQuery(asOf, asOf.minusDays(90), by, buckets, 12, KpiQuery.Filter.NONE, null);
            int[] rows = new int[1];
            double ms = time("kpis by=" + by.label(), () -> rows[0] = kpis.apply(query).rows().size());
            report("GET /api/v1/kpis?by=" + by.label() + (by == KpiQuery.Dimension.CUSTOMER ? " (whole, as CSV)" : ""), ms,
                    rows[0], baseline);
            explain(connection, jdbc, "kpis by=" + by.label() + " (invoices)", BenchmarkStatements.invoiceSql(query.receivables()), Map.of(), analytic);
            explain(connection, jdbc, "kpis by=" + by.label() + " (allocations)", BenchmarkStatements.allocationSql(query.receivables()), Map.of(), analytic);
            explain(connection, jdbc, "kpis by=" + by.label() + " (disputes)", BenchmarkStatements.disputeSql(query.receivables()), Map.of(), analytic);
        }
        // By customer, JSON comes by pages of 1,000 customers: the first page, and one from the middle of the accounts.
        String middle = jdbc.sql("select account from ledger_customer order by account offset :n limit 1")
                .param("n", CUSTOMERS / 2).query(String.class).single();
        for (String after : Arrays.asList(null, middle)) {
            KpiQuery.Page page = new KpiQuery.Page(1000, after);
            KpiQuery paged = new KpiQuery(asOf, asOf.minusDays(90), KpiQuery.Dimension.CUSTOMER, buckets, 12,
                    KpiQuery.Filter.NONE, page);
            int[] rows = new int[1];
            String question = "GET /api/v1/kpis?by=customer, " + (after == null ? "first page" : "page after " + after);
            report(question, time(question, () -> rows[0] = kpis.apply(paged).rows().size()), rows[0], baseline);
            Map<String, Object> parameters = BenchmarkStatements.pageParameters(paged.receivables());
            explain(connection, jdbc, question + " (its customers)", BenchmarkStatements.pageSql(paged.receivables()), parameters, analytic);
            Long[] ids = jdbc.sql(BenchmarkStatements.pageSql(paged.receivables())).params(parameters).query((rs, n) -> rs.getLong(1)).list().stream()
                    .limit(1000).toArray(Long[]::new);
            explain(connection, jdbc, question + " (invoices)", BenchmarkStatements.invoiceSql(paged.receivables()), Map.of("page", ids), analytic);
        }
        KpiQuery past = new KpiQuery(asOf.minusMonths(6), asOf.minusMonths(6).minusDays(90), KpiQuery.Dimension.ENTITY, buckets, 12,
                KpiQuery.Filter.NONE, null);
        int[] pastRows = new int[1];
        report("GET /api/v1/kpis?by=entity (6 months ago)", time("kpis 6 months ago",
                () -> pastRows[0] = kpis.apply(past).rows().size()), pastRows[0], baseline);
        explain(connection, jdbc, "kpis by=entity 6 months ago (invoices)", BenchmarkStatements.invoiceSql(past.receivables()), Map.of(), analytic);
        explain(connection, jdbc, "kpis by=entity 6 months ago (allocations)", BenchmarkStatements.allocationSql(past.receivables()), Map.of(), analytic);
        // A drill-down: one salesperson's 2,000 customers, by customer (the filter is bound, as the API binds it).
        KpiQuery drill = new KpiQuery(asOf, asOf.minusDays(90), KpiQuery.Dimension.CUSTOMER, buckets, 12,
                new KpiQuery.Filter(null, null, null, "SP7", null), null);
        int[] drillRows = new int[1];
        report("GET /api/v1/kpis?by=customer&salesperson=SP7", time("kpis drill-down",
                () -> drillRows[0] = kpis.apply(drill).rows().size()), drillRows[0], baseline);
        explain(connection, jdbc, "kpis by=customer salesperson=SP7 (invoices)", BenchmarkStatements.invoiceSql(drill.receivables()),
                drill.filter().values(), analytic);
        int[] weeks = new int[1];
        report("GET /api/v1/forecast/cash-in", time("forecast",
                () -> weeks[0] = forecasts.apply(asOf).weeks().size()), weeks[0], baseline);
        explain(connection, jdbc, "forecast", BenchmarkStatements.cashInSql(asOf, false, CashInForecasts.WEEKS), Map.of(), analytic);

        System.out.println();
        results.forEach(System.out::println);
        Path out = Path.of("target/insight-bench-plans.txt");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, plans);
        System.out.println("full plans written to " + out);
    }

    private void report(String question, double ms, int rows, double baseline) {
        String line = String.format(Locale.ROOT, "%-44s %9.1f %8d %7.1fx %s", question, ms, rows, ms / baseline,
                ms < TARGET_MS ? "ok" : "OVER");
        results.add(line);
        System.out.println(line);
    }

    /** Median of {@link #RUNS} runs after one warm-up, in milliseconds. */
    private double time(String what, Supplier<?> work) {
        work.get();
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        double median = ms[RUNS / 2];
        if (what.startsWith("baseline")) {
            String line = String.format(Locale.ROOT, "%-44s %9.1f ms (median of %d)", what, median, RUNS);
            results.add(line);
            System.out.println(line);
        }
        return median;
    }

    /** Statistics for this schema's tables only: ANALYZE without a table would wait for every other schema's locks. */
    private static void analyze(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "select quote_ident(tablename) from pg_tables where schemaname = current_schema()")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        try (Statement s = connection.createStatement()) {
            s.execute("analyze " + String.join(", ", tables));
        }
    }

    /**
     * EXPLAINs {@code sql} with its named {@code parameters} in a transaction of its own, after the {@code settings}
     * the API applies before it.
     */
    private void explain(Connection connection, JdbcClient jdbc, String what, String sql, Map<String, ?> parameters,
            Runnable settings) throws SQLException {
        List<String> lines = new ArrayList<>();
        connection.setAutoCommit(false);
        try {
            settings.run();
            lines.addAll(jdbc.sql("explain (analyze, buffers) " + sql).params(parameters).query((rs, n) -> rs.getString(1)).list());
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        plans.append("=== ").append(what).append('\n').append(sql).append("\n\n");
        lines.forEach(l -> plans.append(l).append('\n'));
        plans.append('\n');
        System.out.println("  plan of " + what + ":");
        for (String line : lines) {
            boolean node = line.contains("->") || line == lines.getFirst();
            boolean summary = line.startsWith("Execution Time") || line.startsWith("Planning Time")
                    || line.strip().startsWith("Workers Launched") || (line == lines.get(Math.min(1, lines.size() - 1))
                    && line.strip().startsWith("Buffers"));
            if ((node && !line.contains("(never executed)")) || summary) {
                String shown = line.replaceAll("\\(cost=[^)]*\\) ", "");
                System.out.println("    " + (shown.length() > 150 ? shown.substring(0, 150) + "..." : shown));
            }
        }
    }
}
