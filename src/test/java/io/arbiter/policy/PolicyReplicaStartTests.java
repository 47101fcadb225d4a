package io.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.RepeatedTest;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import io.arbiter.ArbiterApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two replicas starting at the same moment on a policy folder their database has never seen (a schema of their own,
 * migrated beforehand as a database in service is): both start, both serve the one version stored, and exactly one
 * version is PUBLISHED. Left to start-up timing, the two would collide only now and then; so the test holds the policy
 * table locked until both replicas wait on a lock in the step that stores the deployed policy, then lets them go at
 * once. Repeated, each time on a new schema.
 */
class PolicyReplicaStartTests {

    private static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final String ANALYST = "test-analyst";
    /** Two contexts compiling the policy at once on a busy 2-core machine. */
    private static final Duration START = Duration.ofMinutes(4);

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @RepeatedTest(3)
    void two_replicas_starting_together_on_a_new_folder_both_start_and_serve_the_one_version_stored() throws Exception {
        String schema = "replica_start_" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        String url = DATABASE + "&currentSchema=" + schema;
        execute(DATABASE, "create schema " + schema);
        List<CompletableFuture<ConfigurableApplicationContext>> replicas = new ArrayList<>();
        // A thread each: the common pool may have one thread on a small machine, and would start them one after another.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(url);
            Flyway.configure().dataSource(dataSource).outOfOrder(true).load().migrate();

            try (Connection gate = DriverManager.getConnection(url)) {
                gate.setAutoCommit(false);
                try (Statement statement = gate.createStatement()) {
                    statement.execute("lock table policy_version in access exclusive mode");
                }
                try {
                    // One after the other up to the gate: two contexts initialising logging at the same instant in one
                    // JVM broke Logback's set-up, which has nothing to do with replicas.
                    for (String name : List.of("a", "b")) {
                        replicas.add(CompletableFuture.supplyAsync(() -> new SpringApplicationBuilder(ArbiterApplication.class)
                                .run("--server.port=0", "--spring.datasource.url=" + url + "&ApplicationName=" + schema + "_"
                                        + name), threads));
                        awaitWaitingToStoreThePolicy(schema, replicas.size());
                    }
                } finally {
                    gate.rollback(); // both go on at once
                }
            }

            List<String> failures = new ArrayList<>();
            List<ConfigurableApplicationContext> started = new ArrayList<>();
            for (CompletableFuture<ConfigurableApplicationContext> replica : replicas) {
                try {
                    started.add(replica.get(START.toSeconds(), TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    failures.add(String.valueOf(NestedExceptionUtils.getMostSpecificCause(e.getCause()).getMessage()));
                }
            }
            assertThat(failures).as("replicas that did not start").isEmpty();

            List<String> served = started.stream().map(this::activeVersionId).toList();
            try (Connection connection = DriverManager.getConnection(url);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select id::text, state, published_by from policy_version")) {
                List<String> stored = new ArrayList<>();
                while (rows.next()) {
                    stored.add(rows.getString(1) + " " + rows.getString(2) + " by " + rows.getString(3));
                }
                assertThat(stored).as("versions stored").containsExactly(served.getFirst() + " PUBLISHED by deployment");
            }
            assertThat(served).as("version served by each replica").containsOnly(served.getFirst()).hasSize(2);
        } finally {
            for (CompletableFuture<ConfigurableApplicationContext> replica : replicas) {
                try {
                    replica.get(START.toSeconds(), TimeUnit.SECONDS).close();
                } catch (Exception e) {
                    // did not start: nothing to close
                }
            }
            threads.shutdown();
            execute(DATABASE, "drop schema if exists " + schema + " cascade");
        }
    }

    /**
     * This many replicas' connections wait on a lock in the statements that read or store the policy version: the table
     * lock held here or, the first replica holding the publication lock, that lock. Asked on a connection of its own
     * with no transaction open, since a transaction sees the activity it first read until it ends.
     */
    private static void awaitWaitingToStoreThePolicy(String schema, int replicas) throws Exception {
        Instant start = Instant.now();
        try (Connection connection = DriverManager.getConnection(DATABASE)) {
            while (true) {
                try (PreparedStatement query = connection.prepareStatement("""
                        select count(distinct application_name) from pg_stat_activity
                        where application_name like ? and wait_event_type = 'Lock' and query like '%policy%'""")) {
                    query.setString(1, schema + "\\_%");
                    try (ResultSet count = query.executeQuery()) {
                        count.next();
                        if (count.getInt(1) == replicas) {
                            return;
                        }
                    }
                }
                assertThat(Duration.between(start, Instant.now())).as("both replicas reaching the policy's storage")
                        .isLessThan(START);
                Thread.sleep(50);
            }
        }
    }

    private String activeVersionId(ConfigurableApplicationContext replica) {
        String port = replica.getEnvironment().getRequiredProperty("local.server.port");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/api/v1/policies/active")).header("Authorization", "Bearer " + ANALYST).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode active = json.readTree(response.body());
            return active.get("id").asString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
