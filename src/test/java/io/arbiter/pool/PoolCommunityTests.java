package io.arbiter.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.arbiter.ArbiterApplication;
import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.pool.client.Pseudonyms;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Four suppliers and one pool server, each a whole Arbiter in its own PostgreSQL schema, on their own random ports, all
 * talking real HTTP: what a supplier learns about a customer depends on how many others reported on it, on whether it
 * shares itself, and never on invoices under dispute.
 */
class PoolCommunityTests {

    private static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final String SHARED_KEY = "community-pool-test-shared-key-" + UUID.randomUUID();
    private static final String MANAGER = "test-manager";
    private static final String ORDER_SYSTEM = "test-order-system";
    private static final List<String> SUPPLIERS = List.of("supplier-a", "supplier-b", "supplier-c", "supplier-d");
    private static final YearMonth MONTH = YearMonth.now().minusMonths(1);
    private static final LocalDate DUE = MONTH.atDay(6);

    private static final List<String> schemas = new ArrayList<>();
    private static final Map<String, Supplier> suppliers = new java.util.LinkedHashMap<>();
    private static ConfigurableApplicationContext pool;
    private static int poolPort;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    private record Supplier(ConfigurableApplicationContext context, int port, LedgerFixtures ledger, String entity) {
    }

    @BeforeAll
    static void startPoolAndSuppliers() {
        List<String> members = new ArrayList<>(SUPPLIERS);
        members.add("lurker");
        members.add("greedy");
        // Command-line arguments, not builder properties: those are defaults, which application.yaml overrides.
        List<String> poolArguments = new ArrayList<>(List.of("--spring.datasource.url=" + schema("pool"), "--server.port=0",
                "--arbiter.pool.server.requests-per-minute=100"));
        for (int i = 0; i < members.size(); i++) {
            poolArguments.add("--arbiter.pool.server.members[" + i + "].name=" + members.get(i));
            poolArguments.add("--arbiter.pool.server.members[" + i + "].key=" + memberKey(members.get(i)));
        }
        pool = new SpringApplicationBuilder(ArbiterApplication.class).profiles("pool").run(poolArguments.toArray(String[]::new));
        poolPort = port(pool);
        for (String name : SUPPLIERS) {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(ArbiterApplication.class).run(
                    "--spring.datasource.url=" + schema(name.replace('-', '_')), "--server.port=0",
                    "--arbiter.pool.client.base-url=http://localhost:" + poolPort,
                    "--arbiter.pool.client.member-key=" + memberKey(name),
                    "--arbiter.pool.client.pseudonym-key=" + SHARED_KEY,
                    "--arbiter.pool.client.signal-cache-ttl=0s",
                    "--arbiter.pool.client.contribution-cron=-");
            LedgerFixtures ledger = new LedgerFixtures(context.getBean(JdbcClient.class));
            suppliers.put(name, new Supplier(context, port(context), ledger, ledger.entity("EUR")));
        }
    }

    @AfterAll
    static void stopAll() throws SQLException {
        suppliers.values().forEach(supplier -> supplier.context().close());
        if (pool != null) {
            pool.close();
        }
        try (Connection connection = DriverManager.getConnection(DATABASE); Statement statement = connection.createStatement()) {
            for (String schema : schemas) {
                statement.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    @Test
    void a_signal_needs_three_other_contributors_and_then_scores_the_decision() {
        String customer = TestSirens.random();
        paidOnTime("supplier-a", customer);
        paidLate("supplier-b", customer, 40);
        contribute("supplier-a", "supplier-b");
        assertThat(signal("supplier-a", customer).get("status").asString())
                .as("one other contributor").isEqualTo("INSUFFICIENT_DATA");

        paidLate("supplier-c", customer, 40);
        contribute("supplier-c");
        JsonNode twoOthers = signal("supplier-a", customer);
        assertThat(twoOthers.get("status").asString()).as("two other contributors").isEqualTo("INSUFFICIENT_DATA");
        assertThat(twoOthers.get("lateSharePercent").isNull()).isTrue();

        paidOnTime("supplier-d", customer);
        contribute("supplier-d");
        JsonNode threeOthers = signal("supplier-a", customer);
        assertThat(threeOthers.get("status").asString()).isEqualTo("AVAILABLE");
        assertThat(threeOthers.get("contributorsBand").asString()).isEqualTo("3-5");
        assertThat(threeOthers.get("lateSharePercent").asInt()).as("2 of b, c and d's 3 invoices were late").isEqualTo(66);
        assertThat(threeOthers.get("medianDaysBeyondTermsBand").asString()).isEqualTo("31_60");
        assertThat(threeOthers.toString()).doesNotContain("supplier");

        JsonNode decision = decide("supplier-a", customer);
        assertThat(decision.at("/pool/status").asString()).isEqualTo("AVAILABLE");
        assertThat(decision.at("/pool/contributorsBand").asString()).isEqualTo("3-5");
        assertThat(decision.at("/pool/signal/lateSharePercent").asInt()).isEqualTo(66);
        assertThat(decision.at("/scorePoints/POOL_SIGNAL").asInt()).isEqualTo(-20);
        assertThat(decision.get("reasons").toString()).contains("PoolSignal_66");
        assertThat(decision.toString()).doesNotContain("supplier-b", "supplier-c", "supplier-d");

        assertThat(signal("supplier-b", customer).get("lateSharePercent").asInt())
                .as("b hears a, c and d, not itself").isEqualTo(33);
    }

    @Test
    void a_member_that_shares_nothing_receives_nothing() {
        String customer = TestSirens.random();
        for (String supplier : SUPPLIERS) {
            paidLate(supplier, customer, 10);
        }
        contribute(SUPPLIERS.toArray(String[]::new));
        assertThat(signal("supplier-a", customer).get("status").asString()).isEqualTo("AVAILABLE");

        JsonNode lurker = signal("lurker", customer);
        assertThat(lurker.get("status").asString()).isEqualTo("CONTRIBUTE_FIRST");
        assertThat(lurker.get("lateSharePercent").isNull()).isTrue();
        assertThat(lurker.get("contributorsBand").isNull()).isTrue();

        HttpResponse<String> empty = send("lurker", HttpRequest.newBuilder(poolUri("/pool/v1/contributions/" + MONTH))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"experiences\": []}")));
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(signal("lurker", customer).get("status").asString()).as("an empty month is not sharing")
                .isEqualTo("CONTRIBUTE_FIRST");
    }

    @Test
    void disputed_invoices_never_leave_a_supplier() {
        String customer = TestSirens.random();
        paidOnTime("supplier-a", customer);
        for (String supplier : List.of("supplier-b", "supplier-c", "supplier-d")) {
            Supplier s = suppliers.get(supplier);
            long id = customerIn(supplier, customer);
            long invoice = s.ledger().paidInvoice(s.entity(), id, DUE.minusDays(30), DUE, "8000", "EUR", DUE.plusDays(100));
            s.ledger().dispute(id, "wrong quantities", DUE.plusDays(3), null, List.of(invoice));
        }
        contribute(SUPPLIERS.toArray(String[]::new));

        String subject = new Pseudonyms(SHARED_KEY).of("FR", customer);
        assertThat(poolJdbc().sql("select distinct member from pool_experience where subject = ?").param(subject)
                .query(String.class).list()).containsExactly("supplier-a");
        assertThat(signal("supplier-a", customer).get("status").asString()).isEqualTo("INSUFFICIENT_DATA");
    }

    @Test
    void sending_a_month_again_replaces_it() {
        String customer = TestSirens.random();
        paidLate("supplier-a", customer, 5);
        contribute("supplier-a");
        List<String> first = poolRowsOf("supplier-a");
        contribute("supplier-a");
        assertThat(poolRowsOf("supplier-a")).as("sent twice, held once").isEqualTo(first);

        paidLate("supplier-a", customer, 5);
        contribute("supplier-a");
        String subject = new Pseudonyms(SHARED_KEY).of("FR", customer);
        assertThat(poolJdbc().sql("select sum(invoices) from pool_experience where member = 'supplier-a' and subject = ?")
                .param(subject).query(Integer.class).single()).as("the ledger's two invoices, not 1 + 2").isEqualTo(2);
    }

    @Test
    void a_member_asking_too_fast_is_slowed_with_429_and_retry_after() {
        String subject = new Pseudonyms(SHARED_KEY).of("FR", TestSirens.random());
        HttpResponse<String> last = null;
        int served = 0;
        // 100 a minute: the 101st within a minute is refused (a minute boundary may refill once, hence up to 250)
        for (int i = 0; i < 250; i++) {
            last = send("greedy", HttpRequest.newBuilder(poolUri("/pool/v1/signals/" + subject)).GET());
            if (last.statusCode() != 200) {
                break;
            }
            served++;
        }
        assertThat(served).isGreaterThanOrEqualTo(100);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(send("supplier-d", HttpRequest.newBuilder(poolUri("/pool/v1/signals/" + subject)).GET()).statusCode())
                .as("other members are not slowed").isEqualTo(200);
    }

    @Test
    void the_pool_knows_members_by_their_key_only() {
        HttpResponse<String> unknown = http(HttpRequest.newBuilder(poolUri("/pool/v1/signals/" + "a".repeat(64)))
                .header("Authorization", "Bearer not-a-member").GET());
        assertThat(unknown.statusCode()).isEqualTo(401);
        HttpResponse<String> supplierKey = http(HttpRequest.newBuilder(poolUri("/pool/v1/signals/" + "a".repeat(64)))
                .header("Authorization", "Bearer " + MANAGER).GET());
        assertThat(supplierKey.statusCode()).as("an Arbiter API key is not a pool member key").isEqualTo(401);
    }

    private static void paidOnTime(String supplier, String siren) {
        paidLate(supplier, siren, 0);
    }

    private static void paidLate(String supplier, String siren, int days) {
        Supplier s = suppliers.get(supplier);
        s.ledger().paidInvoice(s.entity(), customerIn(supplier, siren), DUE.minusDays(30), DUE,
                String.valueOf(ThreadLocalRandom.current().nextInt(1_000, 4_000)), "EUR", DUE.plusDays(days));
    }

    private static long customerIn(String supplier, String siren) {
        Supplier s = suppliers.get(supplier);
        return s.context().getBean(JdbcClient.class).sql("select id from ledger_customer where registration_number = ?")
                .param(siren).query(Long.class).optional().orElseGet(() -> s.ledger().customer(siren));
    }

    private static void contribute(String... names) {
        for (String name : names) {
            HttpResponse<String> response = http(HttpRequest.newBuilder(URI.create("http://localhost:"
                    + suppliers.get(name).port() + "/api/v1/pool/contributions?month=" + MONTH))
                    .header("Authorization", "Bearer " + MANAGER).POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(200);
        }
    }

    private static JsonNode signal(String member, String siren) {
        HttpResponse<String> response = send(member, HttpRequest.newBuilder(
                poolUri("/pool/v1/signals/" + new Pseudonyms(SHARED_KEY).of("FR", siren))).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static JsonNode decide(String supplier, String siren) {
        HttpResponse<String> response = http(HttpRequest.newBuilder(URI.create("http://localhost:"
                + suppliers.get(supplier).port() + "/api/v1/credit-decisions"))
                .header("Authorization", "Bearer " + ORDER_SYSTEM).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"requestId": "pool-%s", "customer": {"registrationNumber": "%s", "name": "Client %s",
                         "country": "FR", "customerSince": "2018-01-01"}, "order": {"amount": 900, "currency": "EUR"}}"""
                        .formatted(UUID.randomUUID(), siren, siren))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body());
    }

    private static List<String> poolRowsOf(String member) {
        return poolJdbc().sql("""
                        select subject || ' ' || amount_band || ' ' || days_band || ' ' || invoices from pool_experience
                        where member = ? and month = ? order by 1""")
                .params(member, MONTH.atDay(1)).query(String.class).list();
    }

    private static JdbcClient poolJdbc() {
        return pool.getBean(JdbcClient.class);
    }

    private static URI poolUri(String path) {
        return URI.create("http://localhost:" + poolPort + path);
    }

    private static HttpResponse<String> send(String member, HttpRequest.Builder request) {
        return http(request.header("Authorization", "Bearer " + memberKey(member)));
    }

    private static HttpResponse<String> http(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String memberKey(String member) {
        return "pool-member-key-" + member;
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /** A schema of this class's own in the tests' database, dropped after: each instance has its own database. */
    private static String schema(String name) {
        String schema = "pool_it_" + name + "_" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        try (Connection connection = DriverManager.getConnection(DATABASE); Statement statement = connection.createStatement()) {
            statement.execute("create schema " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        schemas.add(schema);
        return DATABASE + "&currentSchema=" + schema;
    }
}
