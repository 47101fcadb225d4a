package io.arbiter.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.arbiter.ArbiterApplication;

/**
 * The decision endpoint against the HTTP floor of the same application, over loopback with {@code wrk} (issue 26, item
 * 5; docs/architecture.md §9: the decision endpoint reaches at least 40 % of a no-op endpoint's throughput). The application starts
 * in-process on a random port, in a schema of this run's own on the local PostgreSQL (synchronous commit as the server
 * has it), logging at INFO to {@code target/decision-load-app.log} as in production. Then, after a warm-up of each:
 * <ul>
 * <li>{@code liveness}: {@code GET /actuator/health/liveness}, the floor: HTTP, Tomcat, the filter chain, no work;</li>
 * <li>{@code decision}: {@code POST /api/v1/credit-decisions}, a unique request id each time, the sandbox company
 * 402202006 (its bureau report cached after the first call), exposure and payment history in the request;</li>
 * <li>{@code by-id}: {@code GET /api/v1/credit-decisions/{id}} over ids decided during the warm-up.</li>
 * </ul>
 * The three run one after the other, for {@code bench.rounds} rounds, the order rotated each round, so each ratio is
 * taken between runs that shared the machine's load of that moment. Each run is {@code wrk -t<threads> -c<connections>
 * -d<duration>}; requests/s, p50 and p99 come from wrk's own summary. A run with any error (status ≥ 400, socket
 * error) fails the benchmark, and so does a decision run that answered more 201s than it added rows: every answered
 * decision must be durable. It also prints the decision table's size per row.
 *
 * <p>Settings (system properties): {@code bench.rounds} (3), {@code bench.duration} (10 s), {@code bench.warmup} (10
 * s), {@code bench.threads} (2), {@code bench.connections} (16), {@code bench.out}
 * ({@code target/decision-load.txt}), {@code bench.endpoints} ({@code liveness,decision,by-id}; one alone, e.g. under a
 * profiler, reports no ratio). Needs {@code wrk} on the PATH (Debian: {@code apt-get install wrk}). Run with
 * {@code ./mvnw -Pbench verify -Dbench.jmh.skip=true -Dbench.decision.skip=false} (docs/benchmarks.md).
 */
public final class DecisionLoadBenchmark {

    private static final String API_KEY = "bench-order-system";
    /** What is measured, in the first round's order; one endpoint alone is for a profiler (no ratio then). */
    private static final List<String> ENDPOINTS = List.of(System.getProperty("bench.endpoints", "liveness,decision,by-id")
            .split(","));

    private final int rounds = Integer.getInteger("bench.rounds", 3);
    private final int duration = Integer.getInteger("bench.duration", 10);
    private final int warmup = Integer.getInteger("bench.warmup", 10);
    private final int threads = Integer.getInteger("bench.threads", 2);
    private final int connections = Integer.getInteger("bench.connections", 16);
    private final Path out = Path.of(System.getProperty("bench.out", "target/decision-load.txt"));
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final Path scripts = Path.of("target", "decision-load");
    private int runs;

    /** One wrk run's summary, latencies in ms. */
    record Run(String endpoint, long requests, double seconds, long errors, double p50, double p99) {

        double perSecond() {
            return requests / seconds;
        }
    }

    public static void main(String[] args) {
        BenchmarkExit.after(new DecisionLoadBenchmark()::run);
    }

    private boolean run() throws Exception {
        requireWrk();
        SpringApplication application = new SpringApplication(ArbiterApplication.class);
        application.addInitializers(context -> context.getBeanFactory()
                .registerSingleton("benchExcludeTestComponents", new ExcludeTestComponents()));
        try (ConfigurableApplicationContext context = application.run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--arbiter.database.schema-per-run=true",
                "--arbiter.database.local-candidates[0]=jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
                "--arbiter.database.embedded.enabled=false",
                "--arbiter.security.api-keys[0].key=" + API_KEY,
                "--arbiter.security.api-keys[0].name=bench order system",
                "--arbiter.security.api-keys[0].roles=ORDER_SYSTEM",
                "--logging.config=src/jmh/resources/logback-decision-load.xml")) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
            String commit = jdbc.sql("show synchronous_commit").query(String.class).single();
            String fsync = jdbc.sql("show fsync").query(String.class).single();
            if (!"on".equals(fsync) || "off".equals(commit) || "local".equals(commit)) {
                throw new IllegalStateException("fsync " + fsync + ", synchronous_commit " + commit
                        + ": the benchmark measures durable decisions only");
            }
            Files.createDirectories(scripts);
            Path noScript = write("plain.lua", SUMMARY);

            Map<String, String[]> commands = new LinkedHashMap<>();
            commands.put("liveness", new String[] {base + "/actuator/health/liveness", noScript.toString()});
            // The decision script is written anew for each run, with the run's own prefix for its request ids.
            commands.put("decision", new String[] {base + "/api/v1/credit-decisions", null});

            log("warm-up: " + warmup + " s each for liveness and decision");
            check(wrk("liveness", commands.get("liveness"), warmup));
            check(wrk("decision", commands.get("decision"), warmup));
            List<String> ids = jdbc.sql("select decision_id::text from credit_decision limit 2000").query(String.class).list();
            commands.put("by-id", new String[] {base + "/api/v1/credit-decisions", write("by-id.lua", byIdScript(ids)).toString()});
            check(wrk("by-id", commands.get("by-id"), warmup));

            List<Map<String, Run>> results = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                Map<String, Run> measured = new LinkedHashMap<>();
                for (int i = 0; i < ENDPOINTS.size(); i++) {
                    String endpoint = ENDPOINTS.get((i + round) % ENDPOINTS.size());
                    long rowsBefore = rows(jdbc);
                    Run result = check(wrk(endpoint, commands.get(endpoint), duration));
                    if (endpoint.equals("decision") && rows(jdbc) - rowsBefore < result.requests()) {
                        throw new IllegalStateException("round " + (round + 1) + ": " + result.requests()
                                + " decisions answered but " + (rows(jdbc) - rowsBefore) + " rows written");
                    }
                    measured.put(endpoint, result);
                    log(String.format(Locale.ROOT, "round %d %-8s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms", round + 1,
                            endpoint, result.perSecond(), result.p50(), result.p99()));
                }
                results.add(measured);
            }
            String report = report(results, jdbc, commit);
            System.out.println(report);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report);
            log("written to " + out);
        }
        return true;
    }

    private String report(List<Map<String, Run>> results, JdbcClient jdbc, String commit) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Decision load benchmark: wrk -t%d -c%d -d%ds per run, %d rounds rotated, "
                + "%d CPUs, synchronous_commit=%s%n%n", threads, connections, duration, rounds,
                Runtime.getRuntime().availableProcessors(), commit));
        text.append(String.format(Locale.ROOT, "%-6s %-9s %10s %9s %9s %8s %16s%n", "round", "endpoint", "req/s", "p50 ms",
                "p99 ms", "p99/p50", "share of floor"));
        if (!ENDPOINTS.contains("liveness") || !ENDPOINTS.contains("decision")) {
            results.forEach(measured -> measured.values().forEach(r -> text.append(String.format(Locale.ROOT,
                    "%-6s %-9s %10.0f %9.2f %9.2f%n", "", r.endpoint(), r.perSecond(), r.p50(), r.p99()))));
            return text.toString();
        }
        List<Double> shares = new ArrayList<>();
        List<Double> tails = new ArrayList<>();
        for (int round = 0; round < results.size(); round++) {
            Map<String, Run> measured = results.get(round);
            double floor = measured.get("liveness").perSecond();
            for (String endpoint : ENDPOINTS) {
                Run r = measured.get(endpoint);
                text.append(String.format(Locale.ROOT, "%-6d %-9s %10.0f %9.2f %9.2f %8.2f %15.1f%%%n", round + 1, endpoint,
                        r.perSecond(), r.p50(), r.p99(), r.p99() / r.p50(), 100 * r.perSecond() / floor));
            }
            shares.add(measured.get("decision").perSecond() / floor);
            tails.add(measured.get("decision").p99() / measured.get("decision").p50());
        }
        double share = median(shares);
        double tail = median(tails);
        text.append(String.format(Locale.ROOT, "%ndecision / liveness throughput, per round: %s; median %.1f %% "
                + "(target ≥ 40 %%: %s)%n", shares.stream().map(s -> String.format(Locale.ROOT, "%.1f %%", 100 * s)).toList(),
                100 * share, share >= 0.4 ? "met" : "NOT met"));
        text.append(String.format(Locale.ROOT, "decision p99/p50, per round: %s; median %.2f (target ≤ 3: %s)%n",
                tails.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList(), tail, tail <= 3 ? "met" : "NOT met"));
        jdbc.sql("analyze credit_decision").update();
        // Partitioned since V260 (the months are summed, the request-id table added); a plain table before.
        boolean partitioned = jdbc.sql("select count(*) from pg_partitioned_table p join pg_class c on c.oid = p.partrelid"
                + " where c.relname = 'credit_decision' and c.relnamespace = current_schema()::regnamespace")
                .query(Long.class).single() > 0;
        String tables = partitioned
                ? "(select relid from pg_partition_tree('credit_decision') union all select 'credit_decision_key'::regclass)"
                : "(select 'credit_decision'::regclass as relid)";
        jdbc.sql("""
                select (select count(*) from credit_decision), sum(pg_total_relation_size(relid)), sum(pg_table_size(relid)),
                       sum(pg_indexes_size(relid)), (select coalesce(avg(pg_column_size(d.*)), 0) from credit_decision d)
                from %s t""".formatted(tables)).query(rs -> {
                    long count = rs.getLong(1);
                    text.append(String.format(Locale.ROOT, "decision records: %,d rows, %,.0f bytes per decision with "
                            + "indexes (tables %,.0f, indexes %,.0f), %.0f bytes per decision row as stored%n", count,
                            (double) rs.getLong(2) / count, (double) rs.getLong(3) / count, (double) rs.getLong(4) / count,
                            rs.getDouble(5)));
                });
        return text.toString();
    }

    private long rows(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from credit_decision").query(Long.class).single();
    }

    /** Unique request ids per run, wrk thread and request; the exposure in the request, as the issue measured it. */
    private String decisionScript(int phase) {
        return """
                local counter = 0
                local thread_id = 0
                local threads = 0
                function setup(thread)
                  thread:set("id", threads)
                  threads = threads + 1
                end
                function init(args)
                  thread_id = id
                end
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/json"
                wrk.headers["Authorization"] = "Bearer %s"
                function request()
                  counter = counter + 1
                  local body = '{"requestId":"bench-%s-%d-' .. thread_id .. '-' .. counter .. '",'
                    .. '"customer":{"registrationNumber":"402202006","name":"Atelier Moreau SARL","country":"FR",'
                    .. '"customerSince":"2021-03-01","paymentTermsDays":45},'
                    .. '"order":{"amount":18000,"currency":"EUR","reference":"PO-' .. counter .. '"},'
                    .. '"exposure":{"openReceivables":32000,"overdue":0,"ordersBacklog":5000},'
                    .. '"paymentHistory":{"averageDaysLate":4,"openDisputes":0}}'
                  return wrk.format(nil, nil, nil, body)
                end
                """.formatted(API_KEY, run, phase) + SUMMARY;
    }

    private String byIdScript(List<String> ids) {
        if (ids.isEmpty()) {
            throw new IllegalStateException("the warm-up decided nothing");
        }
        return """
                local ids = {%s}
                local counter = 0
                wrk.headers["Authorization"] = "Bearer %s"
                function request()
                  counter = counter + 1
                  return wrk.format("GET", wrk.path .. "/" .. ids[(counter %% #ids) + 1])
                end
                """.formatted(String.join(",", ids.stream().map(id -> "\"" + id + "\"").toList()), API_KEY) + SUMMARY;
    }

    /** wrk's own totals, one parsable line: requests, duration (µs), errors, p50 and p99 (µs). */
    private static final String SUMMARY = """
            function done(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("BENCH %d %d %d %d %d\\n", summary.requests, summary.duration,
                e.connect + e.read + e.write + e.status + e.timeout, latency:percentile(50), latency:percentile(99)))
            end
            """;

    private Run wrk(String endpoint, String[] command, int seconds) throws IOException, InterruptedException {
        String script = command[1] != null ? command[1] : write("decision.lua", decisionScript(++runs)).toString();
        Process process = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s", "-s", script, command[0]).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("wrk failed on " + endpoint + ":\n" + output);
        }
        String line = output.lines().filter(l -> l.startsWith("BENCH ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no summary from wrk:\n" + output));
        String[] f = line.split(" ");
        return new Run(endpoint, Long.parseLong(f[1]), Long.parseLong(f[2]) / 1e6, Long.parseLong(f[3]),
                Long.parseLong(f[4]) / 1e3, Long.parseLong(f[5]) / 1e3);
    }

    private static Run check(Run run) {
        if (run.errors() > 0 || run.requests() == 0) {
            throw new IllegalStateException(run.endpoint() + ": " + run.errors() + " errors in " + run.requests()
                    + " requests (see target/decision-load-app.log)");
        }
        return run;
    }

    private Path write(String name, String script) throws IOException {
        return Files.writeString(scripts.resolve(name), script);
    }

    private static void requireWrk() throws InterruptedException {
        try {
            new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not on the PATH; install it (Debian: apt-get install wrk)", e);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void log(String message) {
        System.out.println("[decision-load] " + message);
    }
}
