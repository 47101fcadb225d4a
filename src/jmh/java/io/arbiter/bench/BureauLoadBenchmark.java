package io.arbiter.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.arbiter.ArbiterApplication;
import io.arbiter.bureau.BureauProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Load test of the decision endpoint over real HTTP, three bureau situations in one run (docs/architecture.md §9: ratios against a
 * baseline measured in the same run):
 * <ul>
 * <li>{@code cached}: FR company 402202006, waterfall {@code [creditsafe]} (the in-app sandbox through the real
 * client), its report in the Caffeine cache;</li>
 * <li>{@code no-bureau}: a DE company, waterfall {@code DE=} (empty): no provider, no report;</li>
 * <li>{@code circuit-open}: a BE company, waterfall {@code [down]}: the provider is down, its circuit is open, and
 * the decision falls back to the company's last snapshot in PostgreSQL.</li>
 * </ul>
 * For the last one the snapshot must exist while the report is not in the cache (a cached report would answer without
 * touching the provider or its circuit). So the application is first started once with {@code down} answering, one
 * decision snapshots the BE company, and that application is closed; the measured application then starts with an
 * empty cache and {@code down} failing, as after a restart during an outage (or once the cache entry has expired), and
 * failing decisions drive its circuit open before anything is measured.
 *
 * <p>Every response must be 201 with the expected {@code bureau.source}; any other answer fails the run (exit 1). Ratios
 * against their targets are reported, never gated. Settings (system properties): {@code bench.threads} (8),
 * {@code bench.warmup} (2000 per scenario), {@code bench.measured} (10000 per scenario, split over the rounds),
 * {@code bench.rounds} (3), {@code bench.out} ({@code target/bureau-load.txt}).
 *
 * <p>Run with {@code ./mvnw -Pbench verify -Dbench.jmh.skip=true -Dbench.load.skip=false} (docs/benchmarks.md).
 */
public final class BureauLoadBenchmark {

    private static final String API_KEY = "bench-order-system";
    private static final String DECISIONS = "/api/v1/credit-decisions";

    private record Scenario(String name, String country, String registrationNumber, String expectedSource) {
    }

    /** Server-side totals read from Micrometer, to say where the time goes. */
    private record ServerTotals(long requests, double requestNanos, long evaluations, double evaluationNanos,
            long connectionUses, double connectionNanos) {

        ServerTotals minus(ServerTotals before) {
            return new ServerTotals(requests - before.requests, requestNanos - before.requestNanos,
                    evaluations - before.evaluations, evaluationNanos - before.evaluationNanos,
                    connectionUses - before.connectionUses, connectionNanos - before.connectionNanos);
        }

        ServerTotals plus(ServerTotals other) {
            return new ServerTotals(requests + other.requests, requestNanos + other.requestNanos,
                    evaluations + other.evaluations, evaluationNanos + other.evaluationNanos,
                    connectionUses + other.connectionUses, connectionNanos + other.connectionNanos);
        }
    }

    private final int threads = Integer.getInteger("bench.threads", 8);
    private final int warmup = Integer.getInteger("bench.warmup", 2_000);
    private final int measured = Integer.getInteger("bench.measured", 10_000);
    private final int rounds = Integer.getInteger("bench.rounds", 3);
    private final Path out = Path.of(System.getProperty("bench.out", "target/bureau-load.txt"));
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicLong failures = new AtomicLong();
    private final Map<String, AtomicInteger> failureKinds = new ConcurrentHashMap<>();
    private String base;

    public static void main(String[] args) {
        BenchmarkExit.after(new BureauLoadBenchmark()::run);
    }

    private boolean run() throws Exception {
        String beCompany = "BE0" + ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
        Scenario cached = new Scenario("cached", "FR", "402202006", "CACHE");
        Scenario noBureau = new Scenario("no-bureau", "DE", "DE" + run.toUpperCase(Locale.ROOT), "NONE");
        Scenario circuitOpen = new Scenario("circuit-open", "BE", beCompany, "SNAPSHOT");
        List<Scenario> scenarios = List.of(cached, noBureau, circuitOpen);

        // 1. Snapshot the BE company: an application where `down` answers, one decision, closed again.
        log("seeding a snapshot of BE " + beCompany + " (down answering)");
        try (ConfigurableApplicationContext seed = start(true)) {
            String source = bureauSource(decide(circuitOpen, "seed", 0));
            check("seed decision for BE came from the provider", "PROVIDER".equals(source), source);
        }

        // 2. The measured application: empty cache, `down` failing.
        log("starting the measured application (down failing)");
        try (ConfigurableApplicationContext app = start(false)) {
            SwitchableProvider down = app.getBean(SwitchableProvider.class);
            CircuitBreaker breaker = app.getBean(CircuitBreakerRegistry.class).circuitBreaker("down");
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            log("providers: " + app.getBeansOfType(io.arbiter.bureau.SolvencyProvider.class).values().stream()
                    .map(io.arbiter.bureau.SolvencyProvider::name).sorted().toList());
            List<String> deWaterfall = app.getBean(BureauProperties.class).waterfall().get("DE");
            check("arbiter.bureau.waterfall.DE= binds to an empty list", deWaterfall != null && deWaterfall.isEmpty(),
                    String.valueOf(deWaterfall));

            // The FR report into the cache, one checked decision per scenario.
            String first = decide(cached, "prime", 0);
            check("first FR decision", first.contains("\"available\":true") && first.contains("\"provider\":\"creditsafe\""), first);
            String de = decide(noBureau, "prime", 0);
            check("DE decision has bureau.available=false, source NONE, no provider tried",
                    de.contains("\"available\":false") && de.contains("\"source\":\"NONE\"")
                            && de.contains("\"unavailableProviders\":[]"), de);

            // Drive the circuit open with failing decisions (each retried by Resilience4j, as in production).
            int driving = 0;
            while (breaker.getState() != CircuitBreaker.State.OPEN && driving < 20) {
                String be = decide(circuitOpen, "drive", driving++);
                check("BE decision during the outage falls back to the snapshot", be.contains("\"source\":\"SNAPSHOT\"")
                        && be.contains("\"stale\":true") && be.contains("\"unavailableProviders\":[\"down\"]"), be);
            }
            check("circuit of down is open", breaker.getState() == CircuitBreaker.State.OPEN, breaker.getState().name());
            log("circuit open after " + driving + " failing decisions, " + down.calls() + " calls to down");

            log("warm-up: " + warmup + " decisions per scenario, " + threads + " client threads");
            for (Scenario scenario : scenarios) {
                load(scenario, "w", warmup, null);
            }

            int perRound = measured / rounds;
            Map<String, List<long[]>> latencies = new LinkedHashMap<>();
            Map<String, ServerTotals> server = new LinkedHashMap<>();
            Map<String, List<Double>> roundMeans = new LinkedHashMap<>();
            int downCallsBefore = down.calls();
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < scenarios.size(); i++) {
                    Scenario scenario = scenarios.get((i + round) % scenarios.size());
                    ServerTotals before = serverTotals(meters);
                    long[] sample = new long[perRound];
                    load(scenario, "r" + round, perRound, sample);
                    server.merge(scenario.name(), serverTotals(meters).minus(before), ServerTotals::plus);
                    latencies.computeIfAbsent(scenario.name(), k -> new ArrayList<>()).add(sample);
                    roundMeans.computeIfAbsent(scenario.name(), k -> new ArrayList<>())
                            .add(Arrays.stream(sample).average().orElse(0) / 1e6);
                    log("round " + (round + 1) + " " + scenario.name() + ": mean "
                            + ms(Arrays.stream(sample).average().orElse(0)) + " ms");
                }
                check("circuit of down still open after round " + (round + 1),
                        breaker.getState() == CircuitBreaker.State.OPEN, breaker.getState().name());
            }
            int downCallsMeasured = down.calls() - downCallsBefore;

            String report = report(latencies, server, roundMeans, perRound, downCallsMeasured);
            System.out.println(report);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report);
            log("written to " + out);
        }
        if (failures.get() > 0) {
            System.err.println("FAILED: " + failures.get() + " requests did not answer as expected: " + failureKinds);
            return false;
        }
        return true;
    }

    private ConfigurableApplicationContext start(boolean downAnswering) {
        SpringApplication application = new SpringApplication(ArbiterApplication.class, BenchBureauConfiguration.class);
        application.addInitializers(context -> context.getBeanFactory()
                .registerSingleton("benchExcludeTestComponents", new ExcludeTestComponents()));
        ConfigurableApplicationContext context = application.run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
                "--arbiter.security.api-keys[0].key=" + API_KEY,
                "--arbiter.security.api-keys[0].name=bench order system",
                "--arbiter.security.api-keys[0].roles=ORDER_SYSTEM",
                "--arbiter.bureau.waterfall.FR=creditsafe",
                "--arbiter.bureau.waterfall.DE=",
                "--arbiter.bureau.waterfall.BE=down",
                // Stays open for the whole run: half-open probes would put retries with backoff into the measurement.
                "--resilience4j.circuitbreaker.instances.down.wait-duration-in-open-state=1h",
                "--bench.down.answering=" + downAnswering,
                "--logging.config=src/jmh/resources/logback-bureau-load.xml",
                "--logging.level.root=WARN");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        base = "http://127.0.0.1:" + port;
        return context;
    }

    /** One decision, checked to be a 201; returns the body. */
    private String decide(Scenario scenario, String phase, int n) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(scenario, phase, n), HttpResponse.BodyHandlers.ofString());
        check(scenario.name() + " " + phase + " answered 201", response.statusCode() == 201,
                response.statusCode() + " " + response.body());
        return response.body();
    }

    /** {@code count} decisions from {@code threads} client threads; latencies in ns into {@code sample} when given. */
    private void load(Scenario scenario, String phase, int count, long[] sample) throws Exception {
        AtomicInteger next = new AtomicInteger();
        String expected = "\"source\":\"" + scenario.expectedSource() + "\"";
        try (ExecutorService clients = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        HttpRequest request = request(scenario, phase, i);
                        long start = System.nanoTime();
                        int status;
                        String body;
                        try {
                            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                            status = response.statusCode();
                            body = response.body();
                        } catch (IOException e) {
                            status = -1;
                            body = e.toString();
                        }
                        long elapsed = System.nanoTime() - start;
                        if (sample != null) {
                            sample[i] = elapsed;
                        }
                        if (status != 201) {
                            fail(scenario.name() + " status " + status, body);
                        } else if (!body.contains(expected)) {
                            fail(scenario.name() + " bureau source not " + scenario.expectedSource(), body);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    private HttpRequest request(Scenario scenario, String phase, int n) {
        String body = """
                {"requestId": "bench-%s-%s-%s-%d",
                 "customer": {"registrationNumber": "%s", "name": "Bench customer", "country": "%s",
                              "customerSince": "2021-03-01", "paymentTermsDays": 45},
                 "order": {"amount": 18000, "currency": "EUR", "reference": "PO-1"},
                 "exposure": {"openReceivables": 32000, "overdue": 0, "ordersBacklog": 5000},
                 "paymentHistory": {"averageDaysLate": 4, "openDisputes": 0}}
                """.formatted(run, scenario.name(), phase, n, scenario.registrationNumber(), scenario.country());
        return HttpRequest.newBuilder(URI.create(base + DECISIONS))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String bureauSource(String body) {
        int at = body.indexOf("\"source\":\"");
        return at < 0 ? "?" : body.substring(at + 10, body.indexOf('"', at + 10));
    }

    private static ServerTotals serverTotals(MeterRegistry meters) {
        long requests = 0;
        double requestNanos = 0;
        for (Timer timer : meters.find("http.server.requests").tag("uri", DECISIONS).timers()) {
            requests += timer.count();
            requestNanos += timer.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        long evaluations = 0;
        double evaluationNanos = 0;
        for (Timer timer : meters.find("arbiter.policy.evaluation").timers()) {
            evaluations += timer.count();
            evaluationNanos += timer.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        long uses = 0;
        double useNanos = 0;
        for (Timer timer : meters.find("hikaricp.connections.usage").timers()) {
            uses += timer.count();
            useNanos += timer.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        return new ServerTotals(requests, requestNanos, evaluations, evaluationNanos, uses, useNanos);
    }

    private String report(Map<String, List<long[]>> latencies, Map<String, ServerTotals> server,
            Map<String, List<Double>> roundMeans, int perRound, int downCallsMeasured) {
        StringBuilder text = new StringBuilder();
        text.append("Bureau load benchmark: POST ").append(DECISIONS).append(" over HTTP/1.1, ").append(threads)
                .append(" client threads, ").append(warmup).append(" warm-up + ").append(perRound * rounds)
                .append(" measured decisions per scenario in ").append(rounds).append(" rotated rounds of ")
                .append(perRound).append(", ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs\n\n");
        text.append(String.format(Locale.ROOT, "%-13s %7s %9s %9s %9s %9s %9s   (client latency, ms)%n",
                "scenario", "count", "mean", "p50", "p90", "p99", "max"));
        Map<String, double[]> stats = new LinkedHashMap<>();
        for (var entry : latencies.entrySet()) {
            long[] all = entry.getValue().stream().flatMapToLong(Arrays::stream).sorted().toArray();
            double[] s = {all.length, Arrays.stream(all).average().orElse(0), percentile(all, 50), percentile(all, 90),
                    percentile(all, 99), all[all.length - 1]};
            stats.put(entry.getKey(), s);
            text.append(String.format(Locale.ROOT, "%-13s %7d %9s %9s %9s %9s %9s%n", entry.getKey(), (long) s[0],
                    ms(s[1]), ms(s[2]), ms(s[3]), ms(s[4]), ms(s[5])));
        }
        double[] cached = stats.get("cached");
        double[] none = stats.get("no-bureau");
        double[] open = stats.get("circuit-open");
        text.append('\n');
        text.append(ratio("cached / no-bureau, mean", cached[1] / none[1], 1.1));
        text.append(ratio("cached / no-bureau, p99", cached[4] / none[4], 1.1));
        text.append(ratio("circuit-open / cached, p99", open[4] / cached[4], 2.0));
        text.append(ratio("circuit-open / cached, mean", open[1] / cached[1], Double.NaN));
        text.append("\nMean per round (ms), to show drift:\n");
        roundMeans.forEach((name, means) -> text.append(String.format(Locale.ROOT, "  %-13s %s%n", name,
                means.stream().map(m -> String.format(Locale.ROOT, "%.3f", m)).toList())));
        text.append("\nServer side, measured phases (Micrometer; ms per decision):\n");
        text.append(String.format(Locale.ROOT, "  %-13s %9s %12s %14s %14s%n", "scenario", "http", "policy eval",
                "db conn held", "db uses/dec"));
        server.forEach((name, s) -> text.append(String.format(Locale.ROOT, "  %-13s %9s %12s %14s %14.2f%n", name,
                s.requests == 0 ? "n/a" : ms(s.requestNanos / s.requests),
                s.requests == 0 ? "n/a" : ms(s.evaluationNanos / s.requests),
                s.requests == 0 ? "n/a" : ms(s.connectionNanos / s.requests),
                s.requests == 0 ? 0.0 : (double) s.connectionUses / s.requests)));
        text.append("\nCalls reaching the down provider during measured phases: ").append(downCallsMeasured)
                .append(" (circuit open throughout)\n");
        text.append("Requests not answered 201 with the expected bureau source: ").append(failures.get())
                .append(failureKinds.isEmpty() ? "" : " " + failureKinds).append('\n');
        return text.toString();
    }

    private static String ratio(String label, double value, double target) {
        String verdict = Double.isNaN(target) ? "(no target)"
                : String.format(Locale.ROOT, "target <= %.1fx: %s", target, value <= target ? "met" : "MISSED");
        return String.format(Locale.ROOT, "%-30s %6.2fx   %s%n", label, value, verdict);
    }

    private static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String ms(double nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    private void fail(String kind, String body) {
        if (failures.incrementAndGet() <= 5) {
            System.err.println("unexpected answer (" + kind + "): " + body);
        }
        failureKinds.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    private void check(String what, boolean ok, String detail) {
        if (!ok) {
            throw new AssertionError(what + ": " + detail);
        }
    }

    private static void log(String message) {
        System.out.println("[bureau-load] " + message);
    }
}
