package io.arbiter.pool.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.arbiter.ArbiterApplication;

/**
 * The pool server's signal lookup under load against the cheapest query the same database can answer: a primary-key
 * lookup of one row (docs/architecture.md §9: a ratio measured in the same run). The pool server (profile {@code pool}) runs in a
 * schema of its own holding 1,000,000 experiences over 100,000 pseudonyms from 20 members over 24 months; each lookup
 * is {@link PoolServer#signal} for a random pseudonym as a member that shares (give-to-get check, the other members'
 * rows, the signal maths), the baseline is {@code pool_experience} by its full primary key through the same
 * {@link JdbcClient} and connection pool. Each of {@code bench.threads} threads alternates the two, call by call, so
 * that both meet the same load and the same stalls of a shared machine; the p99 of each is compared, per round of
 * {@code bench.rounds}: the target is at most 3×.
 *
 * <p>Run with {@code ./mvnw -Pbench verify -Dbench.jmh.skip=true -Dbench.pool.skip=false} (docs/benchmarks.md);
 * settings: {@code bench.threads} (8), {@code bench.measured} (20000 per kind and round), {@code bench.rounds} (3),
 * {@code bench.out} ({@code target/pool-signal.txt}); the database is {@code bench.database}
 * ({@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}).
 */
public final class PoolSignalBenchmark {

    private static final int EXPERIENCES = 1_000_000;
    private static final int PSEUDONYMS = 100_000;
    private static final int MEMBERS = 20;

    public static void main(String[] args) throws Exception {
        String database = System.getProperty("bench.database", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        int threads = Integer.getInteger("bench.threads", 8);
        int measured = Integer.getInteger("bench.measured", 20_000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        Path out = Path.of(System.getProperty("bench.out", "target/pool-signal.txt"));
        String schema = "pool_bench_" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        try (Connection connection = DriverManager.getConnection(database); Statement statement = connection.createStatement()) {
            statement.execute("create schema " + schema);
        }
        int exit = 0;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ArbiterApplication.class)
                .profiles("pool")
                .properties("server.port=0", "spring.datasource.url=" + database + "&currentSchema=" + schema,
                        "spring.datasource.hikari.maximum-pool-size=" + threads,
                        "logging.level.root=WARN", "logging.level.io.arbiter=WARN")
                .run()) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            PoolServer pool = context.getBean(PoolServer.class);
            long loading = System.nanoTime();
            load(jdbc);
            System.out.printf(Locale.ROOT, "Loaded %,d experiences over %,d pseudonyms in %.1f s%n",
                    jdbc.sql("select count(*) from pool_experience").query(Long.class).single(),
                    jdbc.sql("select count(distinct subject) from pool_experience").query(Long.class).single(),
                    (System.nanoTime() - loading) / 1e9);
            String[] subjects = jdbc.sql("select subject from pool_experience group by subject").query(String.class)
                    .list().toArray(String[]::new);
            List<Object[]> keys = jdbc.sql("select subject, member, month, amount_band, days_band from pool_experience"
                    + " tablesample system (2)").query((rs, row) -> new Object[] {rs.getString(1), rs.getString(2),
                            rs.getDate(3), rs.getString(4), rs.getString(5)}).list();

            IntConsumer signal = i -> {
                var answer = pool.signal("m" + (i % MEMBERS), subjects[ThreadLocalRandom.current().nextInt(subjects.length)]);
                if (!"AVAILABLE".equals(answer.status()) && !"INSUFFICIENT_DATA".equals(answer.status())) {
                    throw new IllegalStateException("unexpected answer " + answer);
                }
            };
            IntConsumer primaryKey = i -> {
                Object[] key = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
                jdbc.sql("select invoices from pool_experience where subject = ? and member = ? and month = ?"
                        + " and amount_band = ? and days_band = ?").params(key).query(Integer.class).single();
            };
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            measure(executor, threads, measured / 2, signal, primaryKey);
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "Pool signal lookup vs primary-key lookup, %d threads, %,d calls each per round",
                    threads, measured));
            double worst = 0;
            for (int round = 1; round <= rounds; round++) {
                long[][] both = measure(executor, threads, measured, signal, primaryKey);
                long[] signals = both[0];
                long[] lookups = both[1];
                double ratio = (double) percentile(signals, 99) / percentile(lookups, 99);
                worst = Math.max(worst, ratio);
                lines.add(String.format(Locale.ROOT,
                        "round %d: signal p50 %.3f ms p99 %.3f ms | primary key p50 %.3f ms p99 %.3f ms | p99 ratio %.2fx",
                        round, percentile(signals, 50) / 1e6, percentile(signals, 99) / 1e6,
                        percentile(lookups, 50) / 1e6, percentile(lookups, 99) / 1e6, ratio));
            }
            lines.add(String.format(Locale.ROOT, "worst p99 ratio %.2fx (target <= 3x): %s", worst, worst <= 3 ? "met" : "NOT met"));
            executor.shutdown();
            lines.forEach(System.out::println);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.write(out, lines);
        } catch (Exception e) {
            e.printStackTrace();
            exit = 1;
        } finally {
            try (Connection connection = DriverManager.getConnection(database); Statement statement = connection.createStatement()) {
                statement.execute("drop schema if exists " + schema + " cascade");
            }
        }
        System.exit(exit);
    }

    /**
     * 100,000 pseudonyms, 10 rows each: 10 different members (of 20), each in one of the last 24 months, with
     * days-beyond-terms bands skewed towards on time; every member shared last month (give-to-get).
     */
    private static void load(JdbcClient jdbc) {
        YearMonth current = YearMonth.now();
        jdbc.sql("""
                insert into pool_experience (subject, member, month, amount_band, days_band, invoices)
                select encode(sha256(('bench-' || s)::bytea), 'hex'),
                       'm' || ((s + r * 7) % :members),
                       (cast(:current as date) - make_interval(months => ((s * 31 + r * 17) % 24)::int))::date,
                       (array['UNDER_1K','1K_5K','5K_20K','20K_100K','100K_AND_MORE'])[1 + (s + r) % 5],
                       (array['ON_TIME','ON_TIME','ON_TIME','1_15','1_15','16_30','31_60','61_90','OVER_90'])[1 + (s * 3 + r) % 9],
                       1 + (s + r) % 4
                from generate_series(1, :pseudonyms) s, generate_series(0, :perPseudonym - 1) r""")
                .param("members", MEMBERS).param("current", current.atDay(1)).param("pseudonyms", PSEUDONYMS)
                .param("perPseudonym", EXPERIENCES / PSEUDONYMS).update();
        jdbc.sql("""
                insert into pool_contribution (member, month, experiences, received_at)
                select 'm' || m, :month, 50000, now() from generate_series(0, :members - 1) m""")
                .param("month", current.minusMonths(1).atDay(1)).param("members", MEMBERS).update();
        jdbc.sql("analyze pool_experience").update();
        jdbc.sql("analyze pool_contribution").update();
    }

    /** {@code count} calls of each kind spread over the threads, alternating; the latency of each, in nanoseconds. */
    private static long[][] measure(ExecutorService executor, int threads, int count, IntConsumer first,
            IntConsumer second) throws Exception {
        long[][] latencies = new long[2][count];
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            running.add(executor.submit(() -> {
                for (int i = thread; i < count; i += threads) {
                    long started = System.nanoTime();
                    first.accept(i);
                    long between = System.nanoTime();
                    second.accept(i);
                    latencies[0][i] = between - started;
                    latencies[1][i] = System.nanoTime() - between;
                }
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        return latencies;
    }

    private static long percentile(long[] latencies, int percentile) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * percentile / 100.0) - 1)];
    }
}
