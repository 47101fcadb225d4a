package io.arbiter.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.arbiter.ApiTest;
import io.arbiter.pool.protocol.Contribution;
import tools.jackson.databind.JsonNode;

/**
 * One pool server over real HTTP on the real PostgreSQL, with members enough that each test class has its own: a month
 * sent again replaces the member's whole month, so two classes must never share a member. The classes extending this
 * one share one application.
 */
@ActiveProfiles("pool")
abstract class PoolServerTest extends ApiTest {

    /** Asks for the signals and shares nothing on the tests' customers. */
    static final String ASKER = "asker";
    static final int MEMBERS = 24;

    @Autowired
    Clock clock;

    @DynamicPropertySource
    static void members(DynamicPropertyRegistry registry) {
        registry.add("arbiter.pool.server.requests-per-minute", () -> "100000");
        registry.add("arbiter.pool.server.members[0].name", () -> ASKER);
        registry.add("arbiter.pool.server.members[0].key", () -> key(ASKER));
        for (int i = 1; i <= MEMBERS; i++) {
            String name = "member-" + i;
            registry.add("arbiter.pool.server.members[" + i + "].name", () -> name);
            registry.add("arbiter.pool.server.members[" + i + "].key", () -> key(name));
        }
    }

    /** Give-to-get: the asker shares a month on a customer of its own, so it receives signals. */
    @BeforeEach
    void askerShares() {
        share(ASKER, monthsAgo(0), List.of(new Contribution.Experience(customer(), "1K_5K", "ON_TIME", 1)));
    }

    YearMonth monthsAgo(int months) {
        return YearMonth.now(clock).minusMonths(months);
    }

    /** Replaces everything {@code member} shared for {@code month}. */
    void share(String member, YearMonth month, List<Contribution.Experience> experiences) {
        Response response = send(HttpRequest.newBuilder(uri("/pool/v1/contributions/" + month))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(new Contribution(experiences)))),
                key(member));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }

    JsonNode signal(String customer) {
        Response response = get("/pool/v1/signals/" + customer, key(ASKER));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body();
    }

    /** A customer pseudonym of the test's own. */
    static String customer() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String key(String member) {
        return "pool-server-test-key-" + member;
    }
}
