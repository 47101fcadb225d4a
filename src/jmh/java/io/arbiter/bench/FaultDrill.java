package io.arbiter.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.arbiter.ArbiterApplication;
import io.arbiter.TcpProxy;
import io.arbiter.bench.DrillLoad.Phase;
import io.arbiter.shared.database.EmbeddedDatabase;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * The fault drill (issue 19, item 9): real HTTP load on the real application while scripted faults hit what it depends
 * on, printing per fault the answers by status, p50/p99, the decisions answered 201 against the rows stored, and the
 * outcomes by bureau lookup. Everything runs on loopback and is bounded in time.
 *
 * <p>It runs twice, once per database Arbiter can use:
 * <ul>
 * <li>{@code postgresql}: the PostgreSQL at {@code drill.postgres} (127.0.0.1:5432, database test), in a schema of this
 * run's own, reached through a TCP proxy; its fault cuts every connection for {@code drill.outage-seconds} (what
 * Arbiter sees of a restart or a fail-over). With {@code drill.postgres.restart-command} (e.g. {@code pg_ctlcluster
 * --skip-systemctl-redirect 15 main restart}) the server itself is restarted instead: not by default, since the
 * server is usually shared;</li>
 * <li>{@code embedded}: the embedded PostgreSQL the quickstart uses, killed with SIGKILL under load; Arbiter starts it
 * again.</li>
 * </ul>
 * On each, the phases run in order for {@code drill.phase-seconds} each: {@code healthy} (the baseline), then the bureau
 * (WireMock, as Creditsafe) answering 500, hanging past every timeout, answering malformed JSON, answering 429 with
 * {@code Retry-After: 1}, refusing authentication, then the database fault. Half the requests are for companies never
 * seen (a bureau call), half for companies decided in the warm-up (cached), all established customers since 2015.
 *
 * <p>Nothing is gated but durability: a decision answered 201 and not stored fails the run (exit 1). Settings (system
 * properties): {@code drill.clients} (16), {@code drill.phase-seconds} (6), {@code drill.outage-seconds} (4),
 * {@code drill.databases} ({@code postgresql,embedded}), {@code drill.out} ({@code target/fault-drill.txt}). Run with
 * {@code ./mvnw -Pbench verify -Dbench.jmh.skip=true -Dbench.drill.skip=false} (docs/reliability.md).
 */
public final class FaultDrill {

    static final String API_KEY = "drill-order-system";

    private final int clients = Integer.getInteger("drill.clients", 16);
    private final int phaseSeconds = Integer.getInteger("drill.phase-seconds", 6);
    private final int outageSeconds = Integer.getInteger("drill.outage-seconds", 4);
    private final List<String> databases = List.of(System.getProperty("drill.databases", "postgresql,embedded").split(","));
    private final String postgres = System.getProperty("drill.postgres", "127.0.0.1:5432");
    private final String restartCommand = System.getProperty("drill.postgres.restart-command", "");
    private final Path out = Path.of(System.getProperty("drill.out", "target/fault-drill.txt"));
    private final WireMockServer bureau = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(200));

    public static void main(String[] args) {
        BenchmarkExit.after(new FaultDrill()::run);
    }

    private boolean run() throws Exception {
        bureau.start();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Fault drill: %d clients, %d s per phase, %d CPUs, bureau budget as configured "
                + "(arbiter.decision.outside-budget)", clients, phaseSeconds, Runtime.getRuntime().availableProcessors()));
        lines.add(DrillLoad.HEADER);
        boolean durable = true;
        try {
            for (String database : databases) {
                List<Phase> phases = switch (database.trim()) {
                    case "postgresql" -> onPostgresql();
                    case "embedded" -> onEmbedded();
                    default -> throw new IllegalArgumentException("drill.databases: postgresql or embedded, not " + database);
                };
                for (Phase phase : phases) {
                    lines.add(phase.line());
                    durable &= phase.missing() == 0;
                }
            }
        } finally {
            bureau.stop();
        }
        String report = String.join(System.lineSeparator(), lines) + System.lineSeparator();
        System.out.println(report);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println("written to " + out + (durable ? "" : "; ANSWERED DECISIONS WERE LOST"));
        return durable;
    }

    private List<Phase> onPostgresql() throws Exception {
        int port = Integer.parseInt(postgres.substring(postgres.indexOf(':') + 1));
        try (TcpProxy proxy = new TcpProxy(port);
                ConfigurableApplicationContext app = start(
                        "--arbiter.database.schema-per-run=true",
                        "--arbiter.database.local-candidates[0]=jdbc:postgresql://127.0.0.1:" + proxy.port()
                                + "/test?user=postgres",
                        "--arbiter.database.embedded.enabled=false")) {
            return phases(app, "postgresql", restartCommand.isBlank()
                    ? outage(proxy::cut, proxy::restore)
                    : load -> restartServer());
        }
    }

    private List<Phase> onEmbedded() throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.start(null);
        try (ConfigurableApplicationContext app = start("--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.hikari.connection-timeout=1000")) {
            return phases(app, "embedded", load -> database.postmaster().orElseThrow().destroyForcibly());
        }
    }

    private Consumer<DrillLoad> outage(Runnable cut, Runnable restore) {
        return load -> {
            cut.run();
            sleep(outageSeconds * 1000L);
            restore.run();
        };
    }

    private void restartServer() {
        try {
            Process process = new ProcessBuilder("sh", "-c", restartCommand).inheritIO().start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(restartCommand + " exited " + process.exitValue());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Phase> phases(ConfigurableApplicationContext app, String database, Consumer<DrillLoad> databaseFault)
            throws Exception {
        String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        DrillLoad load = new DrillLoad(base, API_KEY, clients, app.getBean(JdbcClient.class));
        CircuitBreakerRegistry circuits = app.getBean(CircuitBreakerRegistry.class);
        healthy(0);
        load.warmUp(200);

        List<Phase> phases = new ArrayList<>();
        Map<String, Runnable> bureauFaults = new java.util.LinkedHashMap<>();
        bureauFaults.put("healthy", () -> healthy(0));
        bureauFaults.put("bureau 500", () -> bureau.stubFor(WireMock.any(WireMock.urlMatching("/companies.*"))
                .willReturn(aResponse().withStatus(500).withBody("internal error"))));
        bureauFaults.put("bureau hangs", () -> healthy(30_000));
        bureauFaults.put("bureau malformed", () -> bureau.stubFor(WireMock.any(WireMock.urlMatching("/companies.*"))
                .willReturn(okJson("{\"companies\": [ {\"id\": "))));
        bureauFaults.put("bureau 429", () -> bureau.stubFor(WireMock.any(WireMock.urlMatching("/companies.*"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))));
        bureauFaults.put("bureau auth refused", () -> {
            bureau.stubFor(WireMock.post("/authenticate").willReturn(aResponse().withStatus(401)));
            bureau.stubFor(WireMock.any(WireMock.urlMatching("/companies.*")).willReturn(aResponse().withStatus(401)));
        });
        for (Map.Entry<String, Runnable> fault : bureauFaults.entrySet()) {
            bureau.resetAll();
            healthy(0);
            fault.getValue().run();
            phases.add(load.phase(database, fault.getKey(), phaseSeconds, null));
            // Each fault starts from a closed circuit: what is measured is the fault, not the previous one's aftermath.
            circuits.getAllCircuitBreakers().forEach(circuit -> circuit.reset());
        }
        bureau.resetAll();
        healthy(0);
        phases.add(load.phase(database, "database " + (database.equals("embedded") ? "killed"
                : restartCommand.isBlank() ? "cut " + outageSeconds + " s" : "restarted"), phaseSeconds + outageSeconds,
                databaseFault));
        return phases;
    }

    /** Knows every company (the one report of the tests' fixtures), answering after {@code delayMillis}. */
    private void healthy(int delayMillis) {
        bureau.stubFor(WireMock.post("/authenticate").willReturn(okJson("{\"token\":\"opaque\"}")));
        bureau.stubFor(WireMock.get(urlPathEqualTo("/companies"))
                .willReturn(okJson(fixture("search.json")).withFixedDelay(delayMillis)));
        bureau.stubFor(WireMock.get("/companies/FR-X-552081317").willReturn(okJson(fixture("report.json"))
                .withFixedDelay(delayMillis)));
    }

    private ConfigurableApplicationContext start(String... database) {
        SpringApplication application = new SpringApplication(ArbiterApplication.class);
        application.addInitializers(context -> context.getBeanFactory()
                .registerSingleton("benchExcludeTestComponents", new ExcludeTestComponents()));
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--arbiter.security.api-keys[0].key=" + API_KEY,
                "--arbiter.security.api-keys[0].name=drill order system",
                "--arbiter.security.api-keys[0].roles=ORDER_SYSTEM",
                "--arbiter.bureau.creditsafe.base-url=" + bureau.baseUrl(),
                "--arbiter.bureau.creditsafe.username=drill",
                "--arbiter.bureau.creditsafe.password=drill",
                "--arbiter.bureau.waterfall.FR=creditsafe",
                "--logging.config=src/jmh/resources/logback-decision-load.xml"));
        args.addAll(List.of(database));
        return application.run(args.toArray(String[]::new));
    }

    private static String fixture(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/bureau/creditsafe", name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
