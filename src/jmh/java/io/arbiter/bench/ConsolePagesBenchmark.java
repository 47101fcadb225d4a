package io.arbiter.bench;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.arbiter.ArbiterApplication;
import io.arbiter.security.BrowserSession;
import io.arbiter.insight.InsightBenchmark;
import io.arbiter.security.People;
import io.arbiter.security.Person;
import io.arbiter.security.Role;

/**
 * The console's pages, timed as a signed-in person's browser asks for them (issues 23 and 24). The quickstart starts
 * in-process (its profile, its sandbox bureau and sample policy, its demo ledger) in a PostgreSQL schema of this run's
 * own, dropped at exit. Two people are added: a credit manager, who sees everything, and a collector (a salesperson,
 * whose agenda is their portfolio's). Each signs in as a browser does ({@code POST /login} with the login page's CSRF
 * token, the session cookie kept).
 * <ol>
 * <li>Demo dataset: every console page ({@code /}, {@code /policy}, a version's page, {@code /review}, {@code /agenda},
 * a customer search and a customer's page, {@code /kpis} and each panel fragment it loads, {@code /imports},
 * {@code /limits}) against {@code GET /actuator/health/liveness}, the HTTP floor. Target: every page under 200 ms at
 * p95.</li>
 * <li>Large ledger: {@link InsightBenchmark}'s generated ledger (100,000 customers, 1,000,000 invoices, 50 salespeople)
 * added to the same schema. Targets: the KPI page's first paint under 1 s, each panel fragment under 2 s at p95, the
 * agenda of one collector (salesperson {@code SP7}, about 2,000 customers) under 500 ms. The whole ledger's agenda, as a
 * credit manager opens it, is timed once, for information.</li>
 * </ol>
 * Requests are sequential, one at a time; after a warm-up, the pages of a phase are asked in turn, round after round,
 * so every page and the floor share the machine's load of the moment. Times are the client's, from sending the request
 * to the last byte of the answer over loopback: the server's time plus the floor's share, which the ratio shows.
 *
 * <p>Settings (system properties): {@code bench.runs} (50), {@code bench.warmup} (10), {@code bench.large.runs} (10),
 * {@code bench.customers} (100000), {@code bench.invoices} (1000000; 0 skips the large ledger), {@code bench.out}
 * ({@code target/console-pages.txt}). Run with
 * {@code ./mvnw -Pbench verify -Dbench.jmh.skip=true -Dbench.console.skip=false} (docs/benchmarks.md).
 */
public final class ConsolePagesBenchmark {

    private static final String DB = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final String PASSWORD = "bench-console-password";
    private static final String FLOOR = "/actuator/health/liveness";

    private final int runs = Integer.getInteger("bench.runs", 50);
    private final int warmup = Integer.getInteger("bench.warmup", 10);
    private final int largeRuns = Integer.getInteger("bench.large.runs", 10);
    private final int customers = Integer.getInteger("bench.customers", 100_000);
    private final int invoices = Integer.getInteger("bench.invoices", 1_000_000);
    private final Path out = Path.of(System.getProperty("bench.out", "target/console-pages.txt"));
    private final List<String> report = new ArrayList<>();
    private boolean met = true;

    /** One page's timings in ms, sorted. */
    record Timing(String page, double[] ms) {

        double percentile(double p) {
            return ms[Math.max(0, (int) Math.ceil(p / 100 * ms.length) - 1)];
        }

        double max() {
            return ms[ms.length - 1];
        }
    }

    public static void main(String[] args) {
        BenchmarkExit.after(() -> {
            new ConsolePagesBenchmark().run();
            return true;
        });
    }

    private void run() throws Exception {
        String schema = "arbiter_bench_console_" + System.currentTimeMillis() / 1000;
        try (Connection admin = DriverManager.getConnection(DB); Statement statement = admin.createStatement()) {
            statement.execute("create schema " + schema);
        }
        // The quickstart as DocsCommandsTests starts it: the application's own configuration files, this run's schema.
        SpringApplicationBuilder builder = new SpringApplicationBuilder(ArbiterApplication.class).profiles("quickstart")
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton("benchExcludeTestComponents", new ExcludeTestComponents()));
        try (ConfigurableApplicationContext context = builder.run(
                "--spring.config.location=classpath:/",
                "--spring.datasource.url=" + DB + "&currentSchema=" + schema,
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--logging.config=src/jmh/resources/logback-console-pages.xml")) {
            int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
            People people = context.getBean(People.class);
            people.add(new Person("bench-manager", "Bench Manager", Set.of(Role.CREDIT_MANAGER), null, false), PASSWORD);
            people.add(new Person("bench-collector", "Bench Collector", Set.of(Role.SALESPERSON), "SP7", false), PASSWORD);
            Session manager = new Session(port, "bench-manager");
            report.add(String.format(Locale.ROOT, "Console pages benchmark: %d CPUs, sequential requests over loopback, "
                    + "times in ms from request to last byte", Runtime.getRuntime().availableProcessors()));

            report.add("");
            report.add(String.format(Locale.ROOT, "1. Demo dataset (the quickstart's demo ledger and sample policy), "
                    + "credit manager; %d warm-up rounds, %d measured; target: every page p95 < 200 ms", warmup, runs));
            Map<String, Session> demo = new LinkedHashMap<>();
            demo.put(FLOOR, manager);
            for (String page : demoPages(manager)) {
                demo.put(page, manager);
            }
            table(measure(demo, warmup, runs), Map.of(), 200);

            if (invoices > 0) {
                long start = System.nanoTime();
                try (Connection connection = context.getBean(DataSource.class).getConnection()) {
                    InsightBenchmark.generate(connection, customers, invoices, LocalDate.now());
                }
                report.add("");
                report.add(String.format(Locale.ROOT, "2. Large ledger: %,d customers, %,d invoices added (generated and "
                        + "analysed in %.0f s); %d warm-up rounds, %d measured", customers, invoices,
                        (System.nanoTime() - start) / 1e9, Math.min(warmup, 2), largeRuns));
                Session collector = new Session(port, "bench-collector");
                Map<String, Session> large = new LinkedHashMap<>();
                Map<String, Double> targets = new LinkedHashMap<>();
                large.put(FLOOR, manager);
                large.put("/kpis", manager);
                targets.put("/kpis", 1000.0);
                for (String fragment : fragments(manager)) {
                    large.put(fragment, manager);
                    targets.put(fragment, 2000.0);
                }
                large.put("/agenda (collector SP7)", collector);
                targets.put("/agenda (collector SP7)", 500.0);
                table(measure(large, Math.min(warmup, 2), largeRuns), targets, Double.NaN);
                // Seconds each over the whole ledger (the dunning agenda benchmark's subject): once, for information.
                long whole = System.nanoTime();
                manager.get("/agenda");
                report.add(String.format(Locale.ROOT, "/agenda as a credit manager (the whole ledger's agenda), once: %.0f ms, "
                        + "for information", (System.nanoTime() - whole) / 1e6));
            }
            report.add("");
            report.add("targets: " + (met ? "all met" : "NOT all met (see OVER above)"));
            report.forEach(System.out::println);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.write(out, report);
            System.out.println("written to " + out);
        } finally {
            try (Connection admin = DriverManager.getConnection(DB); Statement statement = admin.createStatement()) {
                statement.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    /** The pages of the demo, the ids in their paths read from the pages that link to them. */
    private static List<String> demoPages(Session session) {
        List<String> pages = new ArrayList<>(List.of("/", "/policy"));
        pages.add(first(session.get("/policy"), "href=\"(/policy/versions/[0-9a-f-]{36})\"", "/policy"));
        pages.addAll(List.of("/review", "/agenda", "/customers?q=Durand"));
        pages.add(first(session.get("/customers?q=Durand"), "href=\"(/customers/[^\"?/]+)\"", "/customers?q=Durand"));
        pages.add("/kpis");
        pages.addAll(fragments(session));
        pages.addAll(List.of("/imports", "/limits"));
        return pages;
    }

    /** The panel fragments the KPI page loads after its first paint, with the page's own default filters. */
    private static List<String> fragments(Session session) {
        Matcher found = Pattern.compile("hx-get=\"(/kpis/[^\"]+)\"").matcher(session.get("/kpis"));
        List<String> fragments = new ArrayList<>();
        while (found.find()) {
            fragments.add(found.group(1).replace("&amp;", "&"));
        }
        if (fragments.isEmpty()) {
            throw new IllegalStateException("the KPI page loads no panel");
        }
        return fragments;
    }

    private static String first(String body, String regex, String where) {
        Matcher found = Pattern.compile(regex).matcher(body);
        if (!found.find()) {
            throw new IllegalStateException("no " + regex + " in " + where);
        }
        return found.group(1);
    }

    /** Warm-up rounds, then measured rounds, each round every page once in turn. */
    private static List<Timing> measure(Map<String, Session> pages, int warmups, int rounds) {
        Map<String, double[]> ms = new LinkedHashMap<>();
        pages.keySet().forEach(page -> ms.put(page, new double[rounds]));
        for (int round = -warmups; round < rounds; round++) {
            for (Map.Entry<String, Session> page : pages.entrySet()) {
                String path = page.getKey().replaceAll(" \\(.*\\)$", "");
                long start = System.nanoTime();
                page.getValue().get(path);
                if (round >= 0) {
                    ms.get(page.getKey())[round] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        return ms.entrySet().stream().map(e -> {
            double[] sorted = e.getValue().clone();
            Arrays.sort(sorted);
            return new Timing(e.getKey(), sorted);
        }).toList();
    }

    /** The table of one phase: a page's target is {@code targets}' or else {@code target} (none when NaN). */
    private void table(List<Timing> timings, Map<String, Double> targets, double target) {
        double floor = timings.getFirst().percentile(50);
        report.add(String.format(Locale.ROOT, "%-52s %9s %9s %9s %10s  %s", "page", "p50", "p95", "max", "p50/floor",
                "target (p95)"));
        for (Timing t : timings) {
            double limit = t.page().equals(FLOOR) ? Double.NaN : targets.getOrDefault(t.page(), target);
            String verdict = Double.isNaN(limit) ? (t.page().equals(FLOOR) ? "the floor" : "for information")
                    : String.format(Locale.ROOT, "< %.0f ms: %s", limit, t.percentile(95) < limit ? "met" : "OVER");
            met &= Double.isNaN(limit) || t.percentile(95) < limit;
            String page = t.page().length() > 52 ? t.page().substring(0, 49) + "..." : t.page();
            report.add(String.format(Locale.ROOT, "%-52s %9.1f %9.1f %9.1f %9.1fx  %s", page, t.percentile(50),
                    t.percentile(95), t.max(), t.percentile(50) / floor, verdict));
        }
    }

    /** A signed-in browser without a screen (the tests' own), whose pages must all answer 200. */
    private static final class Session {

        private final BrowserSession browser;

        Session(int port, String username) {
            browser = new BrowserSession(port, HttpClient.Redirect.NEVER);
            HttpResponse<String> signedIn = browser.signIn(username, PASSWORD);
            String location = signedIn.headers().firstValue("Location").orElse("");
            if (signedIn.statusCode() != 302 || location.contains("error")) {
                throw new IllegalStateException(username + " could not sign in: " + signedIn.statusCode() + " " + location);
            }
        }

        /** The page's HTML; anything but 200 stops the benchmark (a page that fails is not fast). */
        String get(String path) {
            HttpResponse<String> response = browser.get(path);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
            }
            return response.body();
        }
    }
}
