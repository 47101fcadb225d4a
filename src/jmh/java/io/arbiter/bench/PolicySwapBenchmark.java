package io.arbiter.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.arbiter.ArbiterApplication;
import io.arbiter.policy.LargeCreditLimitTable;
import io.arbiter.policy.PolicyEngine;
import io.arbiter.policy.PolicyProbe;

/**
 * Hot swap under load and heap after many publishes (issue 4, docs/architecture.md §9), against the real application started
 * in-process on a random port with the local PostgreSQL ({@code 127.0.0.1:5432/test}), everything through the real
 * HTTP API:
 * <ol>
 * <li><b>Hot swap.</b> The credit-limit table is replaced by a generated one of {@code bench.swap.rows} rows (10,000)
 * and published. A load generator then sends {@code POST /api/v1/credit-decisions} at a steady {@code bench.rate}
 * (200/s) on a fixed schedule (open loop: latency counts from when a request was due, so a stall is not hidden by
 * requests that were never sent): after {@code bench.warmup} seconds, {@code bench.steady} seconds give the steady p99.
 * Still under load, two phases follow, each with its p99 against the steady one and its failures:
 * <ul>
 * <li><i>publishes</i> (what the "while publishing 10 times" measures): {@code bench.swaps} (10) changed
 * versions of the table, uploaded as drafts by an analyst and approved by a manager beforehand (not measured), then
 * {@code bench.settle} (5) seconds later published one every {@code bench.publish.interval} (2) seconds; every request
 * due from the first publish to one interval after the last counts, so that the first decisions on each new version
 * do;</li>
 * <li><i>cycles</i>: as many more versions each uploaded, approved and published one after another, every request due
 * from the first upload to the last publish counting: what an analyst's upload costs the decisions besides the swap.</li>
 * </ul>
 * Every workbook is generated before the load starts. Every decision must answer 201 (failures must be 0); the ratio
 * of the publishes' p99 to the steady one has a target of at most 2×.</li>
 * <li><b>Heap.</b> Without load, {@code bench.heap.publishes} (100) versions alternating two drafts of a
 * {@code bench.heap.rows}-row (25) table are published the same way. Used heap after full GCs is read after the 1st
 * and after the last publish (target: within 5 MB); every superseded compiled policy, its KieBases and their class
 * loaders are held weakly and must all be collected.</li>
 * </ol>
 * Exit status 1 when a request failed or a step of the life cycle did not answer as expected; ratios and heap are
 * reported against their targets, not gated. Output also to {@code bench.out} ({@code target/policy-swap.txt}).
 *
 * <p>Run with {@code ./mvnw -Pbench verify -Dbench.jmh.skip=true -Dbench.swap.skip=false} (docs/benchmarks.md).
 */
public final class PolicySwapBenchmark {

    private static final String ORDER_SYSTEM = "bench-order-system";
    private static final String ANALYST = "bench-analyst";
    private static final String MANAGER = "bench-manager";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([0-9a-f]+)\"");
    private static final Pattern POLICY_VERSION = Pattern.compile("\"policyVersion\"\\s*:\\s*\"([0-9a-f]+)\"");

    private final int rate = Integer.getInteger("bench.rate", 200);
    private final int warmupSeconds = Integer.getInteger("bench.warmup", 20);
    private final int steadySeconds = Integer.getInteger("bench.steady", 30);
    private final int swaps = Integer.getInteger("bench.swaps", 10);
    private final int publishInterval = Integer.getInteger("bench.publish.interval", 2);
    private final int settleSeconds = Integer.getInteger("bench.settle", 5);
    private final int swapRows = Integer.getInteger("bench.swap.rows", 10_000);
    private final int heapPublishes = Integer.getInteger("bench.heap.publishes", 100);
    private final int heapRows = Integer.getInteger("bench.heap.rows", 25);
    private final Path out = Path.of(System.getProperty("bench.out", "target/policy-swap.txt"));
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String base;

    public static void main(String[] args) {
        BenchmarkExit.after(new PolicySwapBenchmark()::run);
    }

    private boolean run() throws Exception {
        StringBuilder report = new StringBuilder();
        boolean ok;
        try (ConfigurableApplicationContext app = start()) {
            // Either part alone: -Dbench.swaps=0 skips the load, -Dbench.heap.publishes=0 the heap. Run alone, the heap
            // part is not measured after the load's residue (open connections, their buffers) in this same JVM.
            ok = swaps == 0 || swapUnderLoad(report);
            if (heapPublishes > 0) {
                heapAfterPublishes(app.getBean(PolicyEngine.class), report);
            }
        }
        System.out.println(report);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        log("written to " + out);
        return ok;
    }

    // ---------------------------------------------------------------------------------------------------- hot swap

    private boolean swapUnderLoad(StringBuilder report) throws Exception {
        // Every workbook is generated before the load starts: generating one (POI) takes a core for a while, and in this
        // JVM it would count against the swaps.
        log("generating " + (1 + 2 * swaps) + " workbooks of " + swapRows + " rows");
        List<byte[]> workbooks = new ArrayList<>();
        for (int variant = 0; variant <= 2 * swaps; variant++) {
            workbooks.add(LargeCreditLimitTable.workbook(swapRows, variant));
        }
        log("publishing the " + swapRows + "-row table (variant 0) before the load starts");
        Steps first = cycle(workbooks.get(0), "bench: " + swapRows + " rows, variant 0");
        log("  " + first);

        HttpResponse<String> primed = http.send(decision("prime"), HttpResponse.BodyHandlers.ofString());
        check("a first decision answers 201 on version " + first.version(), primed.statusCode() == 201
                && primed.body().contains("\"policyVersion\":\"" + first.version() + "\""), primed.body());

        Load load = new Load();
        Thread generator = Thread.ofPlatform().name("load-generator").start(load::generate);
        sleepSeconds(warmupSeconds);
        long steadyFrom = System.nanoTime();
        log("steady phase: " + steadySeconds + " s at " + rate + " req/s");
        sleepSeconds(steadySeconds);
        long steadyTo = System.nanoTime();

        log("preparing the publishes: " + swaps + " versions uploaded and approved under load (not measured)");
        List<Steps> prepared = new ArrayList<>();
        for (int i = 1; i <= swaps; i++) {
            Steps version = approved(workbooks.get(i), "bench: " + swapRows + " rows, variant " + i);
            prepared.add(version);
            log("  " + i + ": " + version);
        }
        sleepSeconds(settleSeconds);
        log("publish phase: the " + swaps + " approved versions published under load, one every " + publishInterval
                + " s");
        List<Steps> published = new ArrayList<>();
        long publishFrom = System.nanoTime();
        for (int i = 0; i < swaps; i++) {
            long due = publishFrom + (long) (i * publishInterval * 1e9);
            LockSupport.parkNanos(due - System.nanoTime());
            Steps version = publish(prepared.get(i));
            published.add(version);
            log("  " + (i + 1) + ": " + version);
        }
        sleepSeconds(publishInterval);
        long publishTo = System.nanoTime();

        sleepSeconds(settleSeconds);
        log("cycle phase: " + swaps + " versions uploaded, approved and published under load, one after another");
        List<Steps> cycled = new ArrayList<>();
        long cycleFrom = System.nanoTime();
        for (int i = swaps + 1; i <= 2 * swaps; i++) {
            Steps version = cycle(workbooks.get(i), "bench: " + swapRows + " rows, variant " + i);
            cycled.add(version);
            log("  " + (i - swaps) + ": " + version);
        }
        long cycleTo = System.nanoTime();
        load.stop();
        generator.join();
        load.awaitAll();

        Window steady = load.window(steadyFrom, steadyTo);
        Window publishes = load.window(publishFrom, publishTo);
        Window cycles = load.window(cycleFrom, cycleTo);
        report.append(String.format(Locale.ROOT, "Policy swap benchmark: POST /api/v1/credit-decisions at %d req/s (open"
                + " loop, latency from when each request was due), %d CPUs, max heap %d MB%n", rate,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
        report.append(String.format(Locale.ROOT, "Credit-limit table: %,d generated rows%n", swapRows));
        report.append(String.format(Locale.ROOT, "  publishes: %d versions uploaded and approved beforehand, then "
                + "published one every %d s; requests due from the first publish to %d s after the last, %.1f s%n",
                swaps, publishInterval, publishInterval, (publishTo - publishFrom) / 1e9));
        report.append(String.format(Locale.ROOT, "  cycles:    %d more versions each uploaded as a draft, approved by a "
                + "second user and published, one after another; requests due meanwhile, %.1f s%n%n", swaps,
                (cycleTo - cycleFrom) / 1e9));
        report.append(String.format(Locale.ROOT, "%-9s %7s %6s %9s %9s %9s %9s %9s %8s   (ms)%n", "phase", "count",
                "failed", "mean", "p50", "p99", "p99.9", "max", "p99/p99"));
        report.append(row("steady", steady, steady)).append(row("publishes", publishes, steady))
                .append(row("cycles", cycles, steady));
        double publishRatio = publishes.p99() / steady.p99();
        double cycleRatio = cycles.p99() / steady.p99();
        report.append(String.format(Locale.ROOT, "%np99 during the %d publishes / steady p99   %.2fx   target <= 2.0x: "
                + "%s%n", swaps, publishRatio, publishRatio <= 2.0 ? "met" : "MISSED"));
        report.append(String.format(Locale.ROOT, "p99 during the %d full cycles / steady p99 %.2fx   (upload, approve "
                + "and publish under load)%n", swaps, cycleRatio));
        report.append(String.format(Locale.ROOT, "Failed requests (not 201), whole run: %d of %d%s   target 0: %s%n",
                load.failures.get(), load.sent.get(), load.failureKinds.isEmpty() ? "" : " " + load.failureKinds,
                load.failures.get() == 0 ? "met" : "MISSED"));
        report.append(String.format(Locale.ROOT, "Decisions by policy version: %s%n", load.byVersion));
        report.append("\nEach version's steps (s): upload+validate / approve / publish\n");
        for (int i = 0; i < published.size(); i++) {
            report.append("  publishes ").append(published.get(i).line(i + 1));
        }
        for (int i = 0; i < cycled.size(); i++) {
            report.append("  cycles    ").append(cycled.get(i).line(i + 1));
        }
        String lastVersion = cycled.isEmpty() ? first.version() : cycled.getLast().version();
        String active = get("/api/v1/policies/active", ANALYST);
        check("the last published version serves", active.contains("\"version\":\"" + lastVersion + "\""), active);
        return load.failures.get() == 0;
    }

    /** The requests due in one phase: their latencies (ns, sorted) and how many failed. */
    private record Window(long[] latencies, long failed) {

        double p99() {
            return percentile(latencies, 99);
        }
    }

    /** An open-loop load: request n is due at start + n / rate, whatever happened to the ones before it. */
    private final class Load {

        private final long interval = 1_000_000_000L / rate;
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private final Map<String, AtomicInteger> failureKinds = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> byVersion = new ConcurrentHashMap<>();
        private final List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        private final List<long[]> samples = new ArrayList<>(); // {due, latency, 1 if failed}
        private volatile boolean running = true;

        void generate() {
            long start = System.nanoTime();
            for (long n = 0; running; n++) {
                long due = start + n * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long[] sample = {due, -1, 0};
                HttpRequest request = decision("n" + n);
                sent.incrementAndGet();
                CompletableFuture<Void> done = http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                        .handle((response, error) -> {
                            sample[1] = System.nanoTime() - due;
                            if (error != null || response.statusCode() != 201) {
                                sample[2] = 1;
                            }
                            if (error != null) {
                                fail("exception " + error.getClass().getSimpleName(), error.toString());
                            } else if (response.statusCode() != 201) {
                                fail("status " + response.statusCode(), response.body());
                            } else {
                                Matcher version = POLICY_VERSION.matcher(response.body());
                                byVersion.computeIfAbsent(version.find() ? version.group(1) : "?", k -> new AtomicInteger())
                                        .incrementAndGet();
                            }
                            return null;
                        });
                synchronized (this) {
                    samples.add(sample);
                    inFlight.add(done);
                }
            }
        }

        void stop() {
            running = false;
        }

        synchronized void awaitAll() {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        }

        /** The requests due in [from, to): their latencies (ns), sorted, and how many failed. */
        synchronized Window window(long from, long to) {
            List<long[]> due = samples.stream().filter(s -> s[0] >= from && s[0] < to).toList();
            return new Window(due.stream().mapToLong(s -> s[1]).sorted().toArray(), due.stream().filter(s -> s[2] == 1).count());
        }

        private void fail(String kind, String body) {
            if (failures.incrementAndGet() <= 5) {
                System.err.println("failed decision (" + kind + "): " + body);
            }
            failureKinds.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    // -------------------------------------------------------------------------------------------------------- heap

    private void heapAfterPublishes(PolicyEngine engine, StringBuilder report) throws Exception {
        byte[][] drafts = {LargeCreditLimitTable.workbook(heapRows, 0), LargeCreditLimitTable.workbook(heapRows, 1)};
        log("heap phase: " + heapPublishes + " publishes alternating two drafts of a " + heapRows + "-row table, no load");
        List<WeakReference<Object>> superseded = new ArrayList<>();
        List<Object> previous = null;
        long heapFirst = 0;
        long classesFirst = 0;
        long started = System.nanoTime();
        for (int i = 1; i <= heapPublishes; i++) {
            cycle(drafts[(i - 1) % 2], "bench heap " + i);
            if (previous != null) {
                previous.forEach(part -> superseded.add(new WeakReference<>(part)));
            }
            previous = PolicyProbe.activeParts(engine);
            if (i == 1) {
                heapFirst = usedHeapAfterGc();
                classesFirst = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
                log("  after publish 1: " + mb(heapFirst) + " MB used, " + classesFirst + " classes loaded");
            } else if (i % 10 == 0) {
                log("  " + i + " published");
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        previous = null;
        long heapLast = usedHeapAfterGc();
        long classesLast = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        long aliveParts = superseded.stream().filter(ref -> ref.get() != null).count();
        long delta = heapLast - heapFirst;
        report.append(String.format(Locale.ROOT, "%nHeap after publishes: %d versions of a %d-row credit-limit table "
                + "(two drafts alternating), published one after another without load, %.1f s%n", heapPublishes, heapRows,
                seconds));
        report.append(String.format(Locale.ROOT, "  used heap after full GC, after publish 1:   %8.2f MB%n", mb(heapFirst)));
        report.append(String.format(Locale.ROOT, "  used heap after full GC, after publish %d: %8.2f MB%n", heapPublishes,
                mb(heapLast)));
        report.append(String.format(Locale.ROOT, "  difference                                %+8.2f MB   target <= 5 MB: %s%n",
                mb(delta), Math.abs(delta) <= 5L * 1024 * 1024 ? "met" : "MISSED"));
        report.append(String.format(Locale.ROOT, "  classes loaded: %d after publish 1, %d after publish %d (%d unloaded "
                + "in the whole run)%n", classesFirst, classesLast, heapPublishes,
                ManagementFactory.getClassLoadingMXBean().getUnloadedClassCount()));
        report.append(String.format(Locale.ROOT, "  superseded compiled policies, KieBases and class loaders still "
                + "reachable: %d of %d%n", aliveParts, superseded.size()));
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    // ------------------------------------------------------------------------------------------- the policy's API

    /** One version's id and content version, and the seconds each step took (0 for a step not taken yet). */
    private record Steps(String id, String version, double draftSeconds, double approveSeconds, double publishSeconds) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "version %s: upload %.2f s, approve %.2f s, publish %.2f s", version,
                    draftSeconds, approveSeconds, publishSeconds);
        }

        String line(int n) {
            return String.format(Locale.ROOT, "%2d %s  %6.2f / %5.2f / %6.2f%n", n, version, draftSeconds, approveSeconds,
                    publishSeconds);
        }
    }

    /** Uploads the table as a draft (analyst), approves it and publishes it (manager), all through HTTP. */
    private Steps cycle(byte[] workbook, String comment) throws IOException, InterruptedException {
        return publish(approved(workbook, comment));
    }

    /** Uploads the table as a draft (analyst) and approves it (manager). */
    private Steps approved(byte[] workbook, String comment) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        String boundary = "bench" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\n" + comment + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                + LargeCreditLimitTable.FILE_NAME + "\"\r\nContent-Type: application/vnd.openxmlformats-officedocument"
                + ".spreadsheetml.sheet\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(workbook);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> draft = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/policies/drafts"))
                .header("Authorization", "Bearer " + ANALYST)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        check("draft uploaded (201)", draft.statusCode() == 201, draft.statusCode() + " " + draft.body());
        String id = first(ID, draft.body());
        String version = first(VERSION, draft.body());
        long t1 = System.nanoTime();
        String approved = postEmpty("/api/v1/policies/versions/" + id + "/approve", MANAGER);
        check("draft approved", approved.contains("\"state\":\"APPROVED\""), approved);
        long t2 = System.nanoTime();
        return new Steps(id, version, (t1 - t0) / 1e9, (t2 - t1) / 1e9, 0);
    }

    /** Publishes an approved version (manager). */
    private Steps publish(Steps approved) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        String published = postEmpty("/api/v1/policies/versions/" + approved.id() + "/publish", MANAGER);
        check("version published", published.contains("\"state\":\"PUBLISHED\""), published);
        return new Steps(approved.id(), approved.version(), approved.draftSeconds(), approved.approveSeconds(),
                (System.nanoTime() - t0) / 1e9);
    }

    private String postEmpty(String path, String key) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        check("POST " + path + " answered 200", response.statusCode() == 200, response.statusCode() + " " + response.body());
        return response.body();
    }

    private String get(String path, String key) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
        check("GET " + path + " answered 200", response.statusCode() == 200, response.statusCode() + " " + response.body());
        return response.body();
    }

    private HttpRequest decision(String n) {
        String body = """
                {"requestId": "swap-%s-%s",
                 "customer": {"registrationNumber": "DE%s", "name": "Bench customer", "country": "DE",
                              "customerSince": "2021-03-01", "paymentTermsDays": 45},
                 "order": {"amount": 18000, "currency": "EUR", "reference": "PO-1"},
                 "exposure": {"openReceivables": 32000, "overdue": 0, "ordersBacklog": 5000},
                 "paymentHistory": {"averageDaysLate": 4, "openDisputes": 0}}
                """.formatted(run, n, run.toUpperCase(Locale.ROOT));
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/credit-decisions"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ORDER_SYSTEM)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private ConfigurableApplicationContext start() {
        SpringApplication application = new SpringApplication(ArbiterApplication.class);
        application.addInitializers(context -> context.getBeanFactory()
                .registerSingleton("benchExcludeTestComponents", new ExcludeTestComponents()));
        ConfigurableApplicationContext context = application.run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
                "--arbiter.security.api-keys[0].key=" + ORDER_SYSTEM,
                "--arbiter.security.api-keys[0].name=bench order system",
                "--arbiter.security.api-keys[0].roles=ORDER_SYSTEM",
                "--arbiter.security.api-keys[1].key=" + ANALYST,
                "--arbiter.security.api-keys[1].name=bench analyst",
                "--arbiter.security.api-keys[1].roles=CREDIT_ANALYST",
                "--arbiter.security.api-keys[2].key=" + MANAGER,
                "--arbiter.security.api-keys[2].name=bench manager",
                "--arbiter.security.api-keys[2].roles=CREDIT_MANAGER",
                // No bureau for DE (as BureauLoadBenchmark's no-bureau scenario): what is measured is the decision, its
                // policy and its record, not a bureau cache that a burst of first requests would all miss at once.
                "--arbiter.bureau.waterfall.DE=",
                "--logging.config=src/jmh/resources/logback-policy-swap.xml");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        base = "http://127.0.0.1:" + port;
        return context;
    }

    // ----------------------------------------------------------------------------------------------------- helpers

    private static String row(String phase, Window window, Window steady) {
        long[] sorted = window.latencies();
        if (sorted.length == 0) {
            return String.format(Locale.ROOT, "%-9s %7d%n", phase, 0);
        }
        return String.format(Locale.ROOT, "%-9s %7d %6d %9s %9s %9s %9s %9s %7.2fx%n", phase, sorted.length,
                window.failed(), ms(Arrays.stream(sorted).average().orElse(0)), ms(percentile(sorted, 50)),
                ms(percentile(sorted, 99)), ms(percentile(sorted, 99.9)), ms(sorted[sorted.length - 1]),
                window.p99() / steady.p99());
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String ms(double nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        check("answer holds " + pattern.pattern(), matcher.find(), text);
        return matcher.group(1);
    }

    private static void sleepSeconds(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
    }

    private static void check(String what, boolean ok, String detail) {
        if (!ok) {
            throw new AssertionError(what + ": " + detail);
        }
    }

    private static void log(String message) {
        System.out.println("[policy-swap] " + message);
    }
}
