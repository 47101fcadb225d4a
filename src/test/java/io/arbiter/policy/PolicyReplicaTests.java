package io.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.arbiter.ApiTest;
import io.arbiter.ArbiterApplication;
import tools.jackson.databind.JsonNode;

/**
 * Two replicas on one database: this test's application (A) and a second one started here (B), which shares the run's
 * schema. B's periodic check is set to an hour, so that only LISTEN/NOTIFY (and the timer armed for a scheduled version)
 * can tell it of a publish. Always leaves the shipped policy published, on both, and closes B.
 */
class PolicyReplicaTests extends ApiTest {

    private static final String LIMITS = "credit-limits.drl.xlsx";
    // Far below B's hour-long periodic check, so a switch within it can only come from NOTIFY or the armed timer; the
    // one-second target itself is a measurement (printed below and reported), not a timed assertion that a busy
    // machine would break.
    // Each version compiles one stage more since the approval matrix; on a busy 2-core machine B took just over 5 s.
    private static final Duration PROPAGATION = Duration.ofSeconds(15);

    @TempDir
    Path directory;

    private ConfigurableApplicationContext replicaB;
    private int portB;
    private String shippedId;

    @BeforeEach
    void startASecondReplica() {
        shippedId = get("/api/v1/policies/active", ANALYST).body().get("id").asString();
        replicaB = new SpringApplicationBuilder(ArbiterApplication.class)
                .run("--server.port=0", "--arbiter.policy.refresh-interval=1h");
        portB = Integer.parseInt(replicaB.getEnvironment().getProperty("local.server.port"));
        assertThat(activeOn(portB).get("id").asString()).isEqualTo(shippedId);
    }

    @AfterEach
    void republishTheShippedPolicyAndStopB() {
        try {
            if (!get("/api/v1/policies/active", ANALYST).body().get("id").asString().equals(shippedId)) {
                assertThat(post("/api/v1/policies/versions/" + shippedId + "/publish", MANAGER, "").status()).isEqualTo(200);
            }
            String scheduled = jdbc.sql("select id::text from policy_version where state = 'SCHEDULED'").query(String.class)
                    .optional().orElse(null);
            assertThat(scheduled).as("no version left scheduled").isNull();
            awaitOn(portB, active -> active.get("id").asString().equals(shippedId), PROPAGATION);
        } finally {
            replicaB.close();
        }
    }

    @Test
    void a_publish_through_one_replica_serves_on_the_other_by_notify_not_the_periodic_check() throws IOException {
        String id = approvedDraft("175000");
        String version = get("/api/v1/policies/versions/" + id, ANALYST).body().get("version").asString();

        Response published = post("/api/v1/policies/versions/" + id + "/publish", MANAGER, "");
        Instant publishedAt = Instant.now();
        assertThat(published.status()).as(published.text()).isEqualTo(200);
        assertThat(published.body().get("state").asString()).isEqualTo("PUBLISHED");

        Duration delay = awaitOn(portB, active -> active.get("id").asString().equals(id), PROPAGATION);
        Duration delayFromResponse = Duration.between(publishedAt, Instant.now());
        System.out.println("Replica B served the published version " + delay.toMillis() + " ms after polling began ("
                + delayFromResponse.toMillis() + " ms after A answered the publish)");
        assertThat(delay).as("propagation delay to replica B").isLessThan(PROPAGATION);
        assertThat(activeOn(portB).get("version").asString()).isEqualTo(version);
        JsonNode decision = decideOn(portB);
        assertThat(decision.get("policyVersion").asString()).isEqualTo(version);
        assertThat(decision.at("/limitComposition/internal/amount").decimalValue()).isEqualByComparingTo("175000");
    }

    @Test
    void a_publish_right_after_the_approval_serves_on_the_other_replica_once_compiled_there_the_previous_until_then()
            throws IOException {
        String shippedVersion = activeOn(portB).get("version").asString();
        String id = approvedDraft("176000");
        String version = get("/api/v1/policies/versions/" + id, ANALYST).body().get("version").asString();
        // B heard of the approval a moment ago and is compiling the version on its compiler thread; A kept its draft's
        // compilation, so its publish is a swap and answers before B is done.
        assertThat(post("/api/v1/policies/versions/" + id + "/publish", MANAGER, "").status()).isEqualTo(200);
        assertThat(get("/api/v1/policies/active", ANALYST).body().get("version").asString()).isEqualTo(version);

        List<String> servedOnB = new ArrayList<>();
        Instant start = Instant.now();
        while (servedOnB.isEmpty() || !servedOnB.getLast().equals(version)) {
            assertThat(Duration.between(start, Instant.now())).as("waiting for replica B").isLessThan(PROPAGATION);
            servedOnB.add(decideOn(portB).get("policyVersion").asString()); // 201 every time, or decideOn fails
        }
        System.out.println("Replica B decided " + servedOnB.size() + " times on its way to the published version");
        assertThat(servedOnB).as("versions B decided on, in order").allMatch(v -> v.equals(shippedVersion) || v.equals(version));
        assertThat(servedOnB.subList(servedOnB.indexOf(version), servedOnB.size())).containsOnly(version);
    }

    @Test
    void an_effective_dated_publish_is_scheduled_then_serves_on_both_replicas_at_its_date() throws IOException {
        String id = approvedDraft("160000");
        String version = get("/api/v1/policies/versions/" + id, ANALYST).body().get("version").asString();
        // Far enough ahead that, on a loaded machine, the checks below still run before it.
        Instant effectiveFrom = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.MILLIS);

        Response scheduled = post("/api/v1/policies/versions/" + id + "/publish?effectiveFrom=" + effectiveFrom, MANAGER, "");
        assertThat(scheduled.status()).as(scheduled.text()).isEqualTo(200);
        assertThat(scheduled.body().get("state").asString()).isEqualTo("SCHEDULED");
        assertThat(Instant.parse(scheduled.body().get("effectiveFrom").asString())).isEqualTo(effectiveFrom);
        assertThat(scheduled.body().get("scheduledBy").asString()).isEqualTo("test credit manager");
        assertThat(get("/api/v1/policies/active", ANALYST).body().get("id").asString()).isEqualTo(shippedId);
        assertThat(activeOn(portB).get("id").asString()).isEqualTo(shippedId);
        assertThat(get("/api/v1/policies/versions/" + shippedId, ANALYST).body().get("state").asString())
                .isEqualTo("PUBLISHED");

        awaitOn(port, active -> active.get("id").asString().equals(id), Duration.ofSeconds(15));
        Instant onA = Instant.now();
        awaitOn(portB, active -> active.get("id").asString().equals(id), PROPAGATION);
        Instant onB = Instant.now();
        System.out.println("The scheduled version served on A " + Duration.between(effectiveFrom, onA).toMillis()
                + " ms and on B " + Duration.between(effectiveFrom, onB).toMillis() + " ms after its effective date");
        assertThat(onA).isAfterOrEqualTo(effectiveFrom);
        assertThat(Duration.between(effectiveFrom, onA)).isLessThan(PROPAGATION);
        assertThat(Duration.between(effectiveFrom, onB)).isLessThan(PROPAGATION);

        JsonNode stored = get("/api/v1/policies/versions/" + id, ANALYST).body();
        assertThat(stored.get("state").asString()).isEqualTo("PUBLISHED");
        assertThat(stored.get("publishedBy").asString()).isEqualTo("test credit manager");
        assertThat(get("/api/v1/policies/versions/" + shippedId, ANALYST).body().get("state").asString())
                .isEqualTo("SUPERSEDED");
        assertThat(decideOn(port).get("policyVersion").asString()).isEqualTo(version);
        assertThat(decideOn(portB).get("policyVersion").asString()).isEqualTo(version);
    }

    @Test
    void a_later_schedule_replaces_the_earlier_one_and_a_past_date_publishes_at_once() throws IOException {
        String first = approvedDraft("161000");
        String second = approvedDraft("162000");
        Instant later = Instant.now().plus(Duration.ofDays(30));

        assertThat(post("/api/v1/policies/versions/" + first + "/publish?effectiveFrom=" + later, MANAGER, "").status())
                .isEqualTo(200);
        assertThat(post("/api/v1/policies/versions/" + second + "/publish?effectiveFrom=" + later, MANAGER, "").status())
                .isEqualTo(200);
        assertThat(state(first)).isEqualTo("APPROVED");
        assertThat(state(second)).isEqualTo("SCHEDULED");

        Response past = post("/api/v1/policies/versions/" + second + "/publish?effectiveFrom="
                + Instant.now().minusSeconds(60), MANAGER, "");
        assertThat(past.status()).as(past.text()).isEqualTo(200);
        assertThat(past.body().get("state").asString()).isEqualTo("PUBLISHED");
        assertThat(get("/api/v1/policies/active", ANALYST).body().get("id").asString()).isEqualTo(second);
        awaitOn(portB, active -> active.get("id").asString().equals(second), PROPAGATION);

        assertThat(post("/api/v1/policies/versions/" + first + "/publish?effectiveFrom=tomorrow", MANAGER, "").status())
                .isEqualTo(400);
    }

    private String state(String id) {
        return get("/api/v1/policies/versions/" + id, ANALYST).body().get("state").asString();
    }

    /** Polls replica at {@code port} until its active policy matches; returns how long that took. */
    private Duration awaitOn(int replicaPort, Predicate<JsonNode> matches, Duration atMost) {
        Instant start = Instant.now();
        while (!matches.test(activeOn(replicaPort))) {
            assertThat(Duration.between(start, Instant.now())).as("waiting for replica on port " + replicaPort)
                    .isLessThan(atMost);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return Duration.between(start, Instant.now());
    }

    private JsonNode activeOn(int replicaPort) {
        Response response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + replicaPort
                + "/api/v1/policies/active")).GET(), ANALYST);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body();
    }

    private JsonNode decideOn(int replicaPort) {
        Response response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + replicaPort
                + "/api/v1/credit-decisions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(smeOrder(newRequestId()))), ORDER_SYSTEM);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.body();
    }

    /** A draft with SME class A's limit (CreditLimits!C15) changed, approved by someone other than its author. */
    private String approvedDraft(String smeClassALimit) throws IOException {
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory.resolve(UUID.randomUUID().toString()))
                .setCell(LIMITS, "CreditLimits", "C15", smeClassALimit);
        byte[] workbook = Files.readAllBytes(policy.tables().resolve(LIMITS));
        String boundary = "arbiter-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + LIMITS
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(workbook);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Response draft = send(HttpRequest.newBuilder(uri("/api/v1/policies/drafts"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), ANALYST);
        assertThat(draft.status()).as(draft.text()).isEqualTo(201);
        String id = draft.body().get("id").asString();
        assertThat(post("/api/v1/policies/versions/" + id + "/approve", MANAGER, "").status()).isEqualTo(200);
        return id;
    }
}
