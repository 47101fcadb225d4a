package io.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arbiter.ApiTest;

/**
 * Finance staff keep the version list tidy: the same files uploaded twice are one version, a draft nobody wants can be
 * deleted, a publication scheduled by mistake can be cancelled before its date, and the list comes page by page.
 */
class PolicyVersionHousekeepingTests extends ApiTest {

    private static final String LIMITS = "credit-limits.drl.xlsx";

    @TempDir
    Path directory;

    @Test
    void uploading_the_files_of_a_stored_version_again_answers_that_version() throws IOException {
        byte[] workbook = aChangedLimit();
        Response first = upload(workbook, "first");
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        int versions = versionCount();

        Response again = upload(workbook, "the same files, another comment");

        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.body().get("id").asString()).isEqualTo(first.body().get("id").asString());
        assertThat(again.location()).isEqualTo("/api/v1/policies/versions/" + first.body().get("id").asString());
        assertThat(versionCount()).isEqualTo(versions);
        assertThat(jdbc.sql("select count(*) from policy_version where version = ?")
                .param(first.body().get("version").asString()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void a_draft_can_be_deleted_and_an_approved_version_cannot() throws IOException {
        String draft = upload(aChangedLimit(), "unwanted").body().get("id").asString();

        assertThat(delete("/api/v1/policies/versions/" + draft, ANALYST).status()).isEqualTo(204);
        assertThat(get("/api/v1/policies/versions/" + draft, ANALYST).status()).isEqualTo(404);
        assertThat(delete("/api/v1/policies/versions/" + draft, ANALYST).status()).isEqualTo(404);

        String approved = upload(aChangedLimit(), "kept").body().get("id").asString();
        assertThat(post("/api/v1/policies/versions/" + approved + "/approve", MANAGER, "").status()).isEqualTo(200);
        Response refused = delete("/api/v1/policies/versions/" + approved, MANAGER);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("type").asString()).isEqualTo("urn:arbiter:problem:policy-version-state");
        assertThat(get("/api/v1/policies/versions/" + approved, ANALYST).body().get("state").asString())
                .isEqualTo("APPROVED");
    }

    @Test
    void a_scheduled_publication_can_be_cancelled_before_its_date() throws IOException {
        String active = get("/api/v1/policies/active", ANALYST).body().get("version").asString();
        String id = upload(aChangedLimit(), "scheduled by mistake").body().get("id").asString();
        assertThat(post("/api/v1/policies/versions/" + id + "/approve", MANAGER, "").status()).isEqualTo(200);
        Response scheduled = post("/api/v1/policies/versions/" + id + "/publish?effectiveFrom=2099-01-01T00:00:00Z", MANAGER, "");
        assertThat(scheduled.body().get("state").asString()).as(scheduled.text()).isEqualTo("SCHEDULED");

        assertThat(delete("/api/v1/policies/versions/" + id + "/schedule", ANALYST).status()).isEqualTo(403);
        Response cancelled = delete("/api/v1/policies/versions/" + id + "/schedule", MANAGER);

        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.body().get("state").asString()).isEqualTo("APPROVED");
        assertThat(cancelled.body().get("effectiveFrom").isNull()).isTrue();
        assertThat(get("/api/v1/policies/active", ANALYST).body().get("version").asString()).isEqualTo(active);
        assertThat(jdbc.sql("select count(*) from policy_version where state = 'SCHEDULED'").query(Integer.class).single())
                .isZero();
        assertThat(delete("/api/v1/policies/versions/" + id + "/schedule", MANAGER).status()).isEqualTo(409);
    }

    @Test
    void the_version_list_pages_newest_first_with_a_link_to_the_next_page() throws IOException {
        upload(aChangedLimit(), "one");
        upload(aChangedLimit(), "two");
        List<String> listed = new ArrayList<>();
        String next = "/api/v1/policies/versions?limit=1";
        int pages = 0;
        while (next != null) {
            Response page = get(next, ANALYST);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            assertThat(page.body().get("items").size()).isEqualTo(1);
            page.body().get("items").forEach(version -> listed.add(version.get("createdAt").asString()));
            next = page.link() == null ? null : page.link().substring(page.link().indexOf("/api/"), page.link().indexOf('>'));
            pages++;
        }

        assertThat(pages).isEqualTo(versionCount());
        assertThat(listed).isSortedAccordingTo((a, b) -> java.time.Instant.parse(b).compareTo(java.time.Instant.parse(a)));
        assertThat(refusedField(get("/api/v1/policies/versions?cursor=garbage", ANALYST))).isEqualTo("cursor");
        assertThat(refusedField(get("/api/v1/policies/versions?limit=0", ANALYST))).isEqualTo("limit");
    }

    /** The shipped policy with the SME class A limit changed to a value no other upload of the run uses. */
    private byte[] aChangedLimit() throws IOException {
        String limit = String.valueOf(150_000 + ThreadLocalRandom.current().nextInt(1, 100_000));
        Path copy = Files.createTempDirectory(directory, "policy");
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(copy).setCell(LIMITS, "CreditLimits", "C15", limit);
        return Files.readAllBytes(policy.tables().resolve(LIMITS));
    }

    private Response upload(byte[] workbook, String comment) {
        Response response = uploadDraft(ANALYST, comment, new LinkedHashMap<>(Map.of(LIMITS, workbook)), null);
        assertThat(response.status()).as(response.text()).isIn(200, 201);
        return response;
    }

    private Response delete(String path, String apiKey) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), apiKey);
    }

    private int versionCount() {
        return jdbc.sql("select count(*) from policy_version").query(Integer.class).single();
    }
}
