package io.arbiter.bench;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.arbiter.ArbiterApplication;
import io.arbiter.policy.Applicant;
import io.arbiter.policy.PolicyCandidates;
import io.arbiter.policy.PolicyFixtures;
import io.arbiter.simulation.SimulationProperties;
import io.arbiter.simulation.SimulationRequest;
import io.arbiter.simulation.SimulationService;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/architecture.md §9: "replay simulation re-decides 1,000,000 customers in under a minute on 2 cores with flat memory".
 *
 * <p>Starts the application in a schema of its own in the local PostgreSQL (dropped at exit), generates a portfolio
 * of {@code bench.customers} (1,000,000) ledger customers with one SQL statement each for customers, open invoices
 * (every 4th customer, some overdue), open orders (every 10th) and stored decisions (every 10th customer, whose facts a
 * portfolio replay starts from), uploads a draft lowering SME class A's limit (CreditLimits!C15 150,000 → 100,000),
 * then runs the portfolio simulation through {@link SimulationService}, as {@code POST .../simulations} does, and polls
 * it to DONE. The baseline, measured in the same run with the same number of worker threads, is the same number of
 * pipeline evaluations (two per customer: active and candidate) in a tight loop over applicants built in memory, no
 * I/O. Heap: what a full collection leaves live, every 2 s while the replay runs, against the same before and after
 * it; a replay holding its rows would grow it with the population.
 *
 * <p>Run with {@code ./mvnw -Pbench verify -Dbench.jmh.skip=true -Dbench.replay.skip=false} (docs/benchmarks.md).
 */
public final class ReplayBenchmark {

    private static final String ANALYST = "bench-analyst";

    public static void main(String[] args) {
        BenchmarkExit.after(new ReplayBenchmark()::run);
    }

    private boolean run() throws Exception {
        int customers = Integer.getInteger("bench.customers", 1_000_000);
        Path out = Path.of(System.getProperty("bench.out", "target/replay-bench.txt"));
        SpringApplication application = new SpringApplication(ArbiterApplication.class);
        application.addInitializers(context -> context.getBeanFactory()
                .registerSingleton("benchExcludeTestComponents", new ExcludeTestComponents()));
        try (ConfigurableApplicationContext app = application.run(
                "--server.port=0",
                "--arbiter.database.local-candidates[0]=jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
                "--arbiter.database.schema-per-run=true",
                "--arbiter.security.api-keys[0].key=" + ANALYST,
                "--arbiter.security.api-keys[0].name=bench analyst",
                "--arbiter.security.api-keys[0].roles=CREDIT_ANALYST",
                "--logging.level.root=WARN")) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            int workers = app.getBean(SimulationProperties.class).threads() > 0
                    ? app.getBean(SimulationProperties.class).threads() : Runtime.getRuntime().availableProcessors();

            long generating = System.nanoTime();
            generate(jdbc, app.getBean(JsonMapper.class), customers);
            log("generated %,d customers in %.1f s", customers, seconds(System.nanoTime() - generating));
            UUID draft = uploadDraft(port);

            PolicyCandidates candidates = app.getBean(PolicyCandidates.class);
            PolicyCandidates.Candidate candidate = candidates.compile(draft);
            PolicyCandidates.Candidate active = candidates.active();
            Applicant[] sample = sample(10_000);
            evaluate(active, candidate, sample, customers / 5, workers); // warm-up
            long baselineNanos = evaluate(active, candidate, sample, customers, workers);

            SimulationService simulations = app.getBean(SimulationService.class);
            long heapBefore = liveHeap();
            HeapWatch watch = new HeapWatch();
            watch.start();
            long replaying = System.nanoTime();
            SimulationService.SimulationView view = simulations.start(draft, new SimulationRequest(null, null, null, true),
                    "bench");
            while (view.state() == io.arbiter.simulation.SimulationState.RUNNING) {
                Thread.sleep(200);
                view = simulations.find(draft, view.id());
            }
            long replayNanos = System.nanoTime() - replaying;
            watch.interrupt();
            watch.join();
            long heapAfter = liveHeap();

            double replaySeconds = seconds(replayNanos);
            double baselineSeconds = seconds(baselineNanos);
            String report = String.format(Locale.ROOT, """
                    Replay simulation over the ledger portfolio (docs/architecture.md §9), %d worker threads, %d processors
                    state                         %s (%,d of %,d processed, %,d changed)
                    replay                        %.1f s, %,.0f re-decisions/s (target: 1,000,000 in < 60 s)
                    baseline (2 evaluations each)  %.1f s, %,.0f customers/s, no I/O
                    ratio replay / baseline       %.2f×
                    heap live after a full GC: before %d MB, largest during the replay (every 2 s) %d MB, after %d MB (max heap %d MB)
                    summary: %s
                    """, workers, Runtime.getRuntime().availableProcessors(), view.state(), view.processed(),
                    view.total(), view.changed(), replaySeconds, view.processed() / replaySeconds, baselineSeconds,
                    customers / baselineSeconds, replaySeconds / baselineSeconds, heapBefore >> 20,
                    watch.largest.get() >> 20, heapAfter >> 20, Runtime.getRuntime().maxMemory() >> 20, view.summary());
            System.out.println(report);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report);
            return view.state() == io.arbiter.simulation.SimulationState.DONE && view.processed() == customers;
        }
    }

    private static void generate(JdbcClient jdbc, JsonMapper json, int customers) {
        jdbc.sql("insert into ledger_entity (code, name, currency) values ('BENCH', 'Bench entity', 'EUR')").update();
        jdbc.sql("""
                insert into ledger_customer (account, registration_number, name, country, payment_terms_days,
                                             customer_since, public_sector)
                select 'C' || lpad(g::text, 8, '0'), (300000000 + g)::text, 'Customer ' || g, 'FR',
                       (array[30, 45, 60])[1 + g % 3], date '2026-01-01' - (g % 3650), g % 50 = 0
                from generate_series(1, :n) g""").param("n", customers).update();
        jdbc.sql("""
                insert into ledger_invoice (entity_code, number, customer_id, issue_date, due_date, amount, open_amount,
                                            currency, status)
                select 'BENCH', 'I' || c.id, c.id, date '2026-09-01', date '2026-09-01' + (c.id % 120)::int,
                       (c.id % 200) * 500, (c.id % 200) * 500, 'EUR', 'OPEN'
                from ledger_customer c where c.id % 4 = 0""").update();
        jdbc.sql("""
                insert into ledger_open_order (entity_code, reference, customer_id, ordered_on, amount, currency)
                select 'BENCH', 'O' || c.id, c.id, date '2026-11-01', (c.id % 50) * 1000, 'EUR'
                from ledger_customer c where c.id % 10 = 0""").update();
        String facts = json.writeValueAsString(Applicant.builder().registrationNumber("").country("FR")
                .seniorityMonths(48).paymentTermsDays(45).bureau(85, new BigDecimal("120000"), 0, false)
                .turnover(8_000_000).paymentHistory(4, 0).build());
        // Records as the application keeps them: a key row per request id, and the documents in the plain form SQL
        // writes (first byte 0, then the JSON).
        jdbc.sql("""
                with fresh as (
                    select gen_random_uuid() as decision, c.id, c.registration_number, c.country, c.company_id
                    from ledger_customer c where c.id % 10 = 0),
                keys as (insert into credit_decision_key (request_id, decision_id, decided_at)
                         select 'bench-' || decision, decision, now() - interval '1 day' from fresh)
                insert into credit_decision (decision_id, request_id, request_hash, registration_number, company_key,
                                             outcome, policy_version, decided_at, request, facts, response)
                select f.decision, 'bench-' || f.decision, '', f.registration_number, f.country || ':' || f.company_id, 'APPROVED',
                       'bench', now() - interval '1 day',
                       '\\x00'::bytea || convert_to(jsonb_build_object('customer', jsonb_build_object(
                           'registrationNumber', f.registration_number, 'country', f.country))::text, 'UTF8'),
                       '\\x00'::bytea || convert_to(jsonb_set(jsonb_set(jsonb_set(cast(:facts as jsonb),
                           '{registrationNumber}', to_jsonb(f.registration_number)), '{bureauGrade}',
                           to_jsonb(30 + (f.id % 71))), '{turnover}', to_jsonb(500000 + (f.id % 40) * 1500000))::text, 'UTF8'),
                       '\\x00'::bytea || convert_to('{}', 'UTF8')
                from fresh f""").param("facts", facts).update();
        jdbc.sql("analyze").update();
    }

    /** Customers like the generated portfolio's: mostly known to the ledger only, a tenth with bureau data. */
    private static Applicant[] sample(int count) {
        Applicant[] applicants = new Applicant[count];
        for (int i = 0; i < count; i++) {
            Applicant.Builder builder = Applicant.builder().registrationNumber(Integer.toString(300000000 + i))
                    .country("FR").seniorityMonths(i % 120).paymentTermsDays(30 + 15 * (i % 3)).publicSector(i % 50 == 0)
                    .exposure(BigDecimal.valueOf(i % 4 == 0 ? (i % 200) * 500L : 0), BigDecimal.ZERO,
                            BigDecimal.valueOf(i % 10 == 0 ? (i % 50) * 1000L : 0));
            if (i % 10 == 0) {
                builder.bureau(30 + i % 71, new BigDecimal("120000"), 0, false).turnover(500_000L + (i % 40) * 1_500_000L)
                        .paymentHistory(4, 0);
            } else {
                builder.companyStatus("UNKNOWN");
            }
            applicants[i] = builder.build();
        }
        return applicants;
    }

    /** The baseline: per customer the active and the candidate version, on {@code workers} threads, no I/O. */
    private static long evaluate(PolicyCandidates.Candidate active, PolicyCandidates.Candidate candidate,
            Applicant[] sample, int customers, int workers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        List<Future<Long>> parts = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int first = w;
            parts.add(pool.submit(() -> {
                long granted = 0;
                for (int i = first; i < customers; i += workers) {
                    Applicant applicant = sample[i % sample.length];
                    granted += active.evaluate(applicant).limit().granted().amount().longValue();
                    granted += candidate.evaluate(applicant).limit().granted().amount().longValue();
                }
                return granted;
            }));
        }
        long sink = 0;
        for (Future<Long> part : parts) {
            sink += part.get();
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        log("baseline: %,d customers × 2 evaluations in %.1f s (checksum %d)", customers, seconds(elapsed), sink);
        return elapsed;
    }

    private static UUID uploadDraft(int port) throws Exception {
        Path directory = Files.createTempDirectory("replay-bench");
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory)
                .setCell("credit-limits.drl.xlsx", "CreditLimits", "C15", "100000");
        String boundary = "bench-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"credit-limits.drl.xlsx\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(policy.tables().resolve("credit-limits.drl.xlsx")));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://localhost:" + port + "/api/v1/policies/drafts"))
                .header("Authorization", "Bearer " + ANALYST)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("draft upload answered " + response.statusCode() + ": " + response.body());
        }
        String text = response.body();
        int at = text.indexOf("\"id\":\"") + 6;
        return UUID.fromString(text.substring(at, at + 36));
    }

    /** Every 2 s, the heap left live after a full collection; keeps the largest. */
    private static final class HeapWatch extends Thread {
        final AtomicLong largest = new AtomicLong();

        HeapWatch() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                try {
                    Thread.sleep(Duration.ofSeconds(2));
                } catch (InterruptedException e) {
                    return;
                }
                largest.accumulateAndGet(liveHeap(), Math::max);
            }
        }
    }

    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void log(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
