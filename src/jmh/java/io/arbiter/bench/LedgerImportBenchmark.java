package io.arbiter.bench;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.arbiter.ArbiterApplication;

/**
 * The ledger import of a generated 1,000,000-invoice CSV against PostgreSQL {@code COPY} of the same file into a bare
 * table, in one run (issue 6: the import's throughput within 3x of COPY's). The import goes through the API as a client
 * would send a large export (the file as the request body), and is timed from the upload to the job's end; COPY reads
 * the same file through the same JDBC driver into a table with the same typed columns and no key, index or constraint.
 * COPY runs before and after the import and the faster run is the baseline. A second import of the same file (every
 * row unchanged) is timed too.
 *
 * <p>Everything happens in a schema of its own, dropped at the end. Settings (system properties): {@code bench.rows}
 * (1000000), {@code bench.customers} (20000), {@code bench.out} ({@code target/ledger-import-bench.txt}).
 *
 * <p>Run with {@code ./mvnw -Pbench verify -Dbench.jmh.skip=true -Dbench.ledger.skip=false} (docs/benchmarks.md).
 */
public final class LedgerImportBenchmark {

    private static final String API_KEY = "bench-analyst";
    private static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.rows", 1_000_000);
        int customers = Integer.getInteger("bench.customers", 20_000);
        Path out = Path.of(System.getProperty("bench.out", "target/ledger-import-bench.txt"));
        String schema = "ledger_bench_" + System.currentTimeMillis();
        Path file = Path.of("target/ledger-bench-invoices.csv");
        Files.createDirectories(file.getParent());
        long generating = System.nanoTime();
        generate(file, rows, customers);
        log("generated %,d invoices (%,d customers) in %s: %.1f MB, %.1f s", rows, customers, file,
                Files.size(file) / 1e6, seconds(System.nanoTime() - generating));

        try (Connection admin = DriverManager.getConnection(DATABASE); Statement statement = admin.createStatement()) {
            statement.execute("create schema " + schema);
        }
        ConfigurableApplicationContext app = null;
        boolean ok = false;
        try {
            app = start(schema);
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();

            double copyBefore = copy(schema, file);
            log("COPY into a bare table: %.2f s", copyBefore);
            double[] floor = floor(schema);
            log("the same rows COPYed into a table like ledger_invoice: %.2f s, its indexes built: %.2f s", floor[0], floor[1]);
            String indexesBefore = indexes(schema);
            Result first = importFile(base, file);
            log("import: %.2f s (%s)", first.seconds, first.summary);
            Result again = importFile(base, file);
            log("re-import of the same file: %.2f s (%s)", again.seconds, again.summary);
            double copyAfter = copy(schema, file);
            log("COPY into a bare table again: %.2f s", copyAfter);

            long stored = count(schema, "select count(*) from " + schema + ".ledger_invoice");
            // The import never touches the invoices' indexes: they must be as the migrations made them.
            String indexesAfter = indexes(schema);
            if (!indexesAfter.equals(indexesBefore)) {
                log("ledger_invoice's indexes changed:%n before %s%n after  %s", indexesBefore, indexesAfter);
            }
            ok = first.imported == rows && again.unchanged == rows && stored == rows && indexesAfter.equals(indexesBefore);
            double copy = Math.min(copyBefore, copyAfter);
            String report = String.format(Locale.ROOT, """
                    Ledger import benchmark: %,d invoices, %,d customers, %.1f MB CSV (one run, %d cores)
                      PostgreSQL COPY into a bare table : %.2f s and %.2f s -> baseline %.2f s (%,.0f rows/s)
                      import through the API            : %.2f s (%,.0f rows/s)  ratio to COPY %.2fx  (target <= 3x)
                        %s
                      re-import, every row unchanged    : %.2f s (%,.0f rows/s)  ratio to COPY %.2fx
                        %s
                      the least an import can take: the same rows, in ledger_invoice's columns, COPYed into a table
                      like it (identity key, checks) %.2f s, then its unique key and indexes built %.2f s
                      = %.2f s, %.2fx COPY
                      rows in ledger_invoice after      : %,d, its indexes as before: %s  -> %s
                    """, rows, customers, Files.size(file) / 1e6, Runtime.getRuntime().availableProcessors(),
                    copyBefore, copyAfter, copy, rows / copy, first.seconds, rows / first.seconds, first.seconds / copy,
                    first.summary, again.seconds, rows / again.seconds, again.seconds / copy, again.summary, floor[0],
                    floor[1], floor[0] + floor[1], (floor[0] + floor[1]) / copy, stored, indexesAfter.equals(indexesBefore), ok ? "OK" : "UNEXPECTED");
            System.out.print(report);
            Files.writeString(out, report);
        } finally {
            if (app != null) {
                app.close();
            }
            try (Connection admin = DriverManager.getConnection(DATABASE); Statement statement = admin.createStatement()) {
                statement.execute("drop schema " + schema + " cascade");
            }
            Files.deleteIfExists(file);
        }
        System.exit(ok ? 0 : 1);
    }

    /** The definitions of ledger_invoice's indexes, one per line. */
    private static String indexes(String schema) throws SQLException {
        StringBuilder definitions = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(DATABASE); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select indexdef from pg_indexes where schemaname = '" + schema
                        + "' and tablename = 'ledger_invoice' order by indexname")) {
            while (rs.next()) {
                definitions.append(rs.getString(1)).append('\n');
            }
        }
        return definitions.toString();
    }

    /** An open-items export as an ERP writes it: one entity, customers with their names, two-decimal amounts. */
    private static void generate(Path file, int rows, int customers) throws IOException {
        LocalDate start = LocalDate.of(2025, 1, 1);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("Company Code,Customer Account,Customer Name,Invoice Number,Invoice Date,Due Date,Amount,Balance,Currency\n");
            for (int i = 0; i < rows; i++) {
                int customer = i % customers;
                LocalDate issued = start.plusDays(i % 540);
                long cents = 10_000 + (i * 7919L) % 5_000_000;
                long open = i % 4 == 0 ? cents / 2 : cents;
                out.write("FR01,C" + customer + ",Customer " + customer + " SAS,INV-" + i + "," + issued + ","
                        + issued.plusDays(45) + "," + cents / 100 + "." + pad(cents % 100) + "," + open / 100 + "."
                        + pad(open % 100) + ",EUR\n");
            }
        }
    }

    private static String pad(long cents) {
        return cents < 10 ? "0" + cents : Long.toString(cents);
    }

    private static ConfigurableApplicationContext start(String schema) {
        SpringApplication application = new SpringApplication(ArbiterApplication.class);
        application.addInitializers(context -> context.getBeanFactory()
                .registerSingleton("benchExcludeTestComponents", new ExcludeTestComponents()));
        return application.run(
                "--server.port=0",
                "--spring.datasource.url=" + DATABASE + "&currentSchema=" + schema,
                "--spring.flyway.schemas=" + schema,
                "--arbiter.security.api-keys[0].key=" + API_KEY,
                "--arbiter.security.api-keys[0].name=bench analyst",
                "--arbiter.security.api-keys[0].roles=CREDIT_ANALYST",
                "--logging.level.root=WARN",
                "--logging.level.io.arbiter.ledger=INFO");
    }

    private static double copy(String schema, Path file) throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(DATABASE); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists " + schema + ".bare_invoices");
            statement.execute("create table " + schema + ".bare_invoices (entity text, account text, customer_name text, "
                    + "number text, issue_date date, due_date date, amount numeric(15,2), open_amount numeric(15,2), "
                    + "currency char(3))");
            long started = System.nanoTime();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                long copied = connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy " + schema + ".bare_invoices from stdin (format csv, header true)", reader);
                double elapsed = seconds(System.nanoTime() - started);
                if (copied <= 0) {
                    throw new IllegalStateException("COPY copied nothing");
                }
                return elapsed;
            }
        }
    }

    /**
     * The least any import into {@code ledger_invoice} can take, with nothing an import does besides storing the rows: the
     * same rows, already in {@code ledger_invoice}'s columns (no parsing beyond COPY's own, no lookup, hash or check),
     * COPYed into a table with its identity key, checks and defaults, then its unique key and indexes built from their
     * definitions (faster than keeping them up to date, which an import does so as never to lock the table against
     * credit decisions). Measured before the import, on the same fresh database, then dropped.
     *
     * @return the seconds of the COPY and of the index builds
     */
    private static double[] floor(String schema) throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(DATABASE); Statement statement = connection.createStatement()) {
            statement.execute("create table " + schema + ".floor_invoices (like " + schema
                    + ".ledger_invoice including defaults including identity including constraints)");
            statement.execute("alter table " + schema + ".floor_invoices add primary key (id)");
            ByteArrayOutputStream rows = new ByteArrayOutputStream(1 << 27);
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (select entity, number, 0, issue_date, "
                    + "due_date, amount, open_amount, currency, 'OPEN', md5(number), 'bench' from " + schema
                    + ".bare_invoices) to stdout", rows);
            List<String> indexes = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("select indexdef from pg_indexes where schemaname = '" + schema
                    + "' and tablename = 'ledger_invoice' and indexname <> 'ledger_invoice_pkey'")) {
                while (rs.next()) {
                    indexes.add(rs.getString(1).replace(" ledger_invoice_", " floor_invoices_")
                            .replace(schema + ".ledger_invoice ", schema + ".floor_invoices "));
                }
            }
            long started = System.nanoTime();
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + schema + ".floor_invoices (entity_code, "
                    + "number, customer_id, issue_date, due_date, amount, open_amount, currency, status, row_hash, source) "
                    + "from stdin", new ByteArrayInputStream(rows.toByteArray()));
            double copied = seconds(System.nanoTime() - started);
            statement.execute("set maintenance_work_mem = '256MB'");
            started = System.nanoTime();
            for (String index : indexes) {
                statement.execute(index);
            }
            double indexed = seconds(System.nanoTime() - started);
            statement.execute("drop table " + schema + ".floor_invoices");
            return new double[] {copied, indexed};
        }
    }

    private record Result(double seconds, long imported, long unchanged, String summary) {
    }

    private static Result importFile(String base, Path file) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long started = System.nanoTime();
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(base
                        + "/api/v1/ledger/imports?kind=invoices&source=bench-erp&mode=snapshot"))
                .header("Authorization", "Bearer " + API_KEY).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("Import not accepted: " + accepted.statusCode() + " " + accepted.body());
        }
        double uploaded = seconds(System.nanoTime() - started);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        while (true) {
            String job = http.send(HttpRequest.newBuilder(URI.create(base + location))
                    .header("Authorization", "Bearer " + API_KEY).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (job.contains("\"state\":\"SUCCEEDED\"") || job.contains("\"state\":\"FAILED\"")) {
                double elapsed = seconds(System.nanoTime() - started);
                if (job.contains("FAILED")) {
                    throw new IllegalStateException("Import failed: " + job.substring(0, Math.min(2000, job.length())));
                }
                return new Result(elapsed, number(job, "imported"), number(job, "unchanged"), String.format(Locale.ROOT,
                        "upload %.2f s; imported %d, updated %d, unchanged %d, settled %d, customers created %d",
                        uploaded, number(job, "imported"), number(job, "updated"), number(job, "unchanged"),
                        number(job, "settled"), number(job, "customersCreated")));
            }
            Thread.sleep(100);
        }
    }

    private static long number(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private static long count(String schema, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(DATABASE); Statement statement = connection.createStatement();
                var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void log(String format, Object... args) {
        System.out.println("[ledger-import-bench] " + String.format(Locale.ROOT, format, args));
    }
}
