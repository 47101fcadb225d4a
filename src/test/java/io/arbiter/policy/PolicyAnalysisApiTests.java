package io.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arbiter.ApiTest;
import tools.jackson.databind.JsonNode;

/** An uploaded table with a gap is stored as a draft whose report shows the gap at its cells, and cannot be approved. */
class PolicyAnalysisApiTests extends ApiTest {

    private static final String SEGMENTATION = "segmentation.drl.xlsx";

    @TempDir
    Path directory;

    @Test
    void a_draft_with_a_gap_reports_it_at_its_cells_and_cannot_be_approved() throws IOException {
        // SME up to €40M instead of €50M: established private customers with €40M–€50M turnover have no segment
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory)
                .setCell(SEGMENTATION, "Segmentation", "E13", "40000000");

        Response draft = upload(policy, "SME ceiling lowered by mistake");

        assertThat(draft.status()).as(draft.text()).isEqualTo(201);
        String id = draft.body().get("id").asString();
        assertThat(draft.body().get("state").asString()).isEqualTo("DRAFT");
        assertGapReported(draft.body().get("analysis"));
        assertGapReported(get("/api/v1/policies/versions/" + id, ANALYST).body().get("analysis"));

        Response approval = post("/api/v1/policies/versions/" + id + "/approve", MANAGER, "");
        assertThat(approval.status()).as(approval.text()).isEqualTo(422);
        assertThat(approval.body().get("type").asString()).isEqualTo("urn:arbiter:problem:policy-analysis-errors");
        assertGapReported(approval.body().get("errors"));
        assertThat(get("/api/v1/policies/versions/" + id, ANALYST).body().get("state").asString()).isEqualTo("DRAFT");
        assertThat(get("/api/v1/policies/versions", ANALYST).body().get("items").get(0).has("analysis")).isFalse(); // one version at a time
    }

    @Test
    void a_gap_the_table_declares_allowed_is_reported_as_allowed_and_does_not_block_approval() throws IOException {
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory)
                .setCell(SEGMENTATION, "Segmentation", "E13", "40000000")
                .setCell(SEGMENTATION, "Segmentation", "B5", "Allow gaps: €40M–€50M is decided by hand");

        Response draft = upload(policy, "SME ceiling lowered on purpose");

        assertThat(draft.status()).as(draft.text()).isEqualTo(201);
        JsonNode item = segmentationItems(draft.body().get("analysis")).getFirst();
        assertThat(item.get("severity").asString()).isEqualTo("INFO");
        assertThat(item.get("message").asString()).endsWith(
                "(allowed by 'Allow gaps: €40M–€50M is decided by hand' in B5)");
        Response approval = post("/api/v1/policies/versions/" + draft.body().get("id").asString() + "/approve", MANAGER, "");
        assertThat(approval.status()).as(approval.text()).isEqualTo(200);
    }

    /** The segmentation table's items: the others (the escalation table's allowed overlaps) are not this test's. */
    private static List<JsonNode> segmentationItems(JsonNode items) {
        assertThat(items).isNotNull();
        return items.valueStream().filter(item -> item.get("file").asString().equals(SEGMENTATION)).toList();
    }

    private static void assertGapReported(JsonNode items) {
        List<JsonNode> segmentation = segmentationItems(items);
        assertThat(segmentation).hasSize(1);
        JsonNode gap = segmentation.getFirst();
        assertThat(gap.get("file").asString()).isEqualTo(SEGMENTATION);
        assertThat(gap.get("sheet").asString()).isEqualTo("Segmentation");
        assertThat(gap.get("cell").asString()).isEqualTo("A10:H14");
        assertThat(gap.get("severity").asString()).isEqualTo("ERROR");
        assertThat(gap.get("message").asString()).isEqualTo("RuleTable Segments: no row covers publicSector = false,"
                + " seniorityMonths ≥ 6 and turnover 40,000,000–49,999,999");
    }

    private Response upload(PolicyFixtures policy, String comment) throws IOException {
        String boundary = "arbiter-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + SEGMENTATION
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(policy.tables().resolve(SEGMENTATION)));
        body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\n" + comment
                + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri("/api/v1/policies/drafts"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), ANALYST);
    }
}
