package io.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;

import io.arbiter.ApiTest;
import io.arbiter.ArbiterApplication;
import io.arbiter.shared.Sha256;
import tools.jackson.databind.JsonNode;

/**
 * The policy's life cycle over HTTP: upload a draft, maker-checker approval, publish, decide on it, roll back. Runs in a
 * context of its own (the upload limit is lowered) and always leaves the shipped policy published, because the other
 * test classes of the run share this database and decide on the shipped policy.
 */
@TestPropertySource(properties = {"arbiter.policy.max-upload-size=16KB", "spring.servlet.multipart.max-file-size=32KB"})
class PolicyLifecycleTests extends ApiTest {

    private static final String LIMITS = "credit-limits.drl.xlsx";

    @TempDir
    Path directory;

    private String shippedId;
    private String shippedVersion;

    @BeforeEach
    void rememberTheShippedPolicy() {
        JsonNode active = get("/api/v1/policies/active", ANALYST).body();
        shippedId = active.get("id").asString();
        shippedVersion = active.get("version").asString();
    }

    @AfterEach
    void republishTheShippedPolicy() {
        if (!get("/api/v1/policies/active", ANALYST).body().get("id").asString().equals(shippedId)) {
            assertThat(post("/api/v1/policies/versions/" + shippedId + "/publish", MANAGER, "").status()).isEqualTo(200);
        }
    }

    @Test
    void a_changed_limit_is_uploaded_approved_by_another_person_published_decided_on_and_rolled_back() throws IOException {
        byte[] workbook = workbook(LIMITS, "CreditLimits", "C15", "175000"); // SME, class A: 150,000 → 175,000

        Response draft = upload(ANALYST, "SME class A up to 175k", Map.of(LIMITS, workbook));
        assertThat(draft.status()).as(draft.text()).isEqualTo(201);
        String id = draft.body().get("id").asString();
        String version = draft.body().get("version").asString();
        assertThat(version).isNotEqualTo(shippedVersion);
        assertThat(draft.location()).isEqualTo("/api/v1/policies/versions/" + id);
        assertThat(draft.body().get("state").asString()).isEqualTo("DRAFT");
        assertThat(draft.body().get("author").asString()).isEqualTo("test credit analyst");
        assertThat(draft.body().get("comment").asString()).isEqualTo("SME class A up to 175k");
        assertThat(fileHash(draft.body(), LIMITS)).isEqualTo(Sha256.hex(workbook));
        assertThat(fileHash(draft.body(), "hard-stops.drl")).isNotNull(); // the active version's other files are kept
        // 25 credit scenarios, 15 escalation ones and 8 of the approval matrix
        assertThat(draft.body().get("scenarios").size()).isEqualTo(48);

        Response byAuthor = post("/api/v1/policies/versions/" + id + "/approve", ANALYST, "");
        assertThat(byAuthor.status()).isEqualTo(403);
        assertThat(byAuthor.body().get("type").asString()).isEqualTo("urn:arbiter:problem:forbidden");

        Response notApproved = post("/api/v1/policies/versions/" + id + "/publish", MANAGER, "");
        assertThat(notApproved.status()).isEqualTo(409);
        assertThat(notApproved.contentType()).startsWith("application/problem+json");
        assertThat(notApproved.body().get("type").asString()).isEqualTo("urn:arbiter:problem:policy-version-state");

        Response approved = post("/api/v1/policies/versions/" + id + "/approve", MANAGER, "");
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(approved.body().get("state").asString()).isEqualTo("APPROVED");
        assertThat(approved.body().get("approvedBy").asString()).isEqualTo("test credit manager");
        assertThat(get("/api/v1/policies/active", ANALYST).body().get("version").asString()).isEqualTo(shippedVersion);

        Response published = post("/api/v1/policies/versions/" + id + "/publish", MANAGER, "");
        assertThat(published.status()).as(published.text()).isEqualTo(200);
        assertThat(published.body().get("state").asString()).isEqualTo("PUBLISHED");
        assertThat(published.body().get("publishedBy").asString()).isEqualTo("test credit manager");
        assertThat(published.body().get("publishedAt").isNull()).isFalse();
        assertThat(get("/api/v1/policies/active", ANALYST).body().get("version").asString()).isEqualTo(version);
        assertThat(get("/api/v1/policies/versions/" + shippedId, ANALYST).body().get("state").asString())
                .isEqualTo("SUPERSEDED");

        JsonNode decision = decide();
        assertThat(decision.get("policyVersion").asString()).isEqualTo(version);
        assertThat(decision.at("/limitComposition/internal/amount").decimalValue()).isEqualByComparingTo("175000");

        HttpResponse<byte[]> download = download("/api/v1/policies/versions/" + id + "/files/" + LIMITS);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(workbook);
        assertThat(download.headers().firstValue("Content-Type").orElseThrow())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment").contains(LIMITS);

        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(ArbiterApplication.class)
                .run("--server.port=0")) {
            assertThat(restarted.getBean(PolicyEngine.class).active().version())
                    .as("an unchanged redeploy keeps the version published through the API").isEqualTo(version);
        }

        Response rollback = post("/api/v1/policies/versions/" + shippedId + "/publish", MANAGER, "");
        assertThat(rollback.status()).as(rollback.text()).isEqualTo(200);
        assertThat(get("/api/v1/policies/active", ANALYST).body().get("version").asString()).isEqualTo(shippedVersion);
        assertThat(get("/api/v1/policies/versions/" + id, ANALYST).body().get("state").asString()).isEqualTo("SUPERSEDED");
        JsonNode afterRollback = decide();
        assertThat(afterRollback.get("policyVersion").asString()).isEqualTo(shippedVersion);
        assertThat(afterRollback.at("/limitComposition/internal/amount").decimalValue()).isEqualByComparingTo("150000");

        JsonNode versions = get("/api/v1/policies/versions", ANALYST).body();
        assertThat(versions.get("items").get(0).get("id").asString()).isEqualTo(id); // newest first
    }

    @Test
    void publishing_and_rolling_back_under_load_fails_no_decision() throws Exception {
        Response draft = upload(ANALYST, null, Map.of(LIMITS, workbook(LIMITS, "CreditLimits", "C20", "33000")));
        assertThat(draft.status()).as(draft.text()).isEqualTo(201);
        String id = draft.body().get("id").asString();
        String version = draft.body().get("version").asString();
        assertThat(post("/api/v1/policies/versions/" + id + "/approve", MANAGER, "").status()).isEqualTo(200);

        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService deciders = Executors.newFixedThreadPool(4);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(deciders.submit(() -> {
                List<String> versions = new ArrayList<>();
                while (running.get()) {
                    versions.add(decide().get("policyVersion").asString());
                }
                return versions;
            }));
        }
        try {
            Thread.sleep(200);
            assertThat(post("/api/v1/policies/versions/" + id + "/publish", MANAGER, "").status()).isEqualTo(200);
            Thread.sleep(200);
            assertThat(post("/api/v1/policies/versions/" + shippedId + "/publish", MANAGER, "").status()).isEqualTo(200);
            Thread.sleep(200);
        } finally {
            running.set(false);
            deciders.shutdown();
        }
        List<String> decided = new ArrayList<>();
        for (Future<List<String>> result : results) {
            decided.addAll(result.get()); // a failed decision fails its thread, and this test
        }
        assertThat(decided).isNotEmpty().containsOnly(shippedVersion, version).contains(version);
    }

    @Test
    void a_deploy_that_changes_the_files_publishes_them_as_deployment() {
        PolicyFixtures changed = PolicyFixtures.copyOfShippedPolicy(directory)
                .setCell(LIMITS, "CreditLimits", "C20", "31000");
        try (ConfigurableApplicationContext deployed = new SpringApplicationBuilder(ArbiterApplication.class)
                .run("--server.port=0", "--arbiter.policy.tables-directory=" + changed.tables(),
                        "--arbiter.policy.rules-directory=" + changed.rules())) {
            ActivePolicy active = deployed.getBean(PolicyEngine.class).active();
            assertThat(active.version()).isNotEqualTo(shippedVersion);
            JsonNode version = get("/api/v1/policies/versions/" + active.id(), ANALYST).body();
            assertThat(version.get("state").asString()).isEqualTo("PUBLISHED");
            assertThat(version.get("publishedBy").asString()).isEqualTo("deployment");
            assertThat(get("/api/v1/policies/versions/" + shippedId, ANALYST).body().get("state").asString())
                    .isEqualTo("SUPERSEDED");
        } finally {
            String published = jdbc.sql("select id::text from policy_version where state = 'PUBLISHED'")
                    .query(String.class).single();
            if (!published.equals(shippedId)) {
                assertThat(post("/api/v1/policies/versions/" + shippedId + "/publish", MANAGER, "").status()).isEqualTo(200);
            }
        }
    }

    @Test
    void a_zip_of_policy_files_is_a_draft_of_the_files_it_holds() throws IOException {
        byte[] workbook = workbook(LIMITS, "CreditLimits", "C20", "34000");
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            zip.putNextEntry(new ZipEntry("decision-tables/"));
            zip.putNextEntry(new ZipEntry("decision-tables/" + LIMITS));
            zip.write(workbook);
            zip.closeEntry();
        }

        Response draft = upload(ANALYST, null, Map.of("policy.zip", zipped.toByteArray()));

        assertThat(draft.status()).as(draft.text()).isEqualTo(201);
        assertThat(fileHash(draft.body(), LIMITS)).isEqualTo(Sha256.hex(workbook));
        assertThat(draft.body().get("files").size()).isEqualTo(7);
    }

    @Test
    void the_active_version_and_a_draft_are_compared_cell_by_cell_in_json_and_markdown() throws IOException {
        Response draft = upload(ANALYST, "SME class A up to 175k",
                Map.of(LIMITS, workbook(LIMITS, "CreditLimits", "C15", "175000")));
        assertThat(draft.status()).as(draft.text()).isEqualTo(201);
        String id = draft.body().get("id").asString();
        String path = "/api/v1/policies/versions/" + shippedId + "/diff/" + id;

        Response json = get(path, ANALYST);
        assertThat(json.status()).as(json.text()).isEqualTo(200);
        assertThat(json.contentType()).startsWith("application/json");
        assertThat(json.body().get("from").asString()).isEqualTo(shippedVersion);
        assertThat(json.body().get("to").asString()).isEqualTo(draft.body().get("version").asString());
        assertThat(json.body().get("files").size()).isEqualTo(1);
        JsonNode file = json.body().get("files").get(0);
        assertThat(file.get("name").asString()).isEqualTo(LIMITS);
        assertThat(file.get("change").asString()).isEqualTo("CHANGED");
        JsonNode table = file.get("tables").get(0);
        assertThat(table.get("sheet").asString()).isEqualTo("CreditLimits");
        assertThat(table.get("table").asString()).isEqualTo("CreditLimits");
        JsonNode row = table.get("rows").get(0);
        assertThat(row.get("change").asString()).isEqualTo("CHANGED");
        assertThat(row.get("conditions").asString()).isEqualTo("SME / A");
        assertThat(row.get("fromRule").asString()).isEqualTo("CreditLimits_15");
        JsonNode cell = row.get("cells").get(0);
        assertThat(cell.get("column").asString()).isEqualTo("Internal limit (€)");
        assertThat(cell.get("fromCell").asString()).isEqualTo("C15");
        assertThat(cell.get("toCell").asString()).isEqualTo("C15");
        assertThat(cell.get("from").asString()).isEqualTo("150000");
        assertThat(cell.get("to").asString()).isEqualTo("175000");

        Response markdown = send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/markdown").GET(), MANAGER);
        assertThat(markdown.status()).as(markdown.text()).isEqualTo(200);
        assertThat(markdown.contentType()).startsWith("text/markdown");
        assertThat(markdown.text()).contains("""
                ### credit-limits.drl.xlsx — CreditLimits / CreditLimits
                - changed row SME / A: Internal limit (€) 150000 → 175000 (C15)
                """);

        assertThat(get("/api/v1/policies/versions/" + id + "/diff/" + id, ANALYST).body().get("files").size()).isZero();
        assertThat(get("/api/v1/policies/versions/" + UUID.randomUUID() + "/diff/" + id, ANALYST).status()).isEqualTo(404);
        assertThat(get(path, ORDER_SYSTEM).status()).isEqualTo(403);
        assertThat(get("/api/v1/policies/active", ANALYST).body().get("id").asString()).isEqualTo(shippedId);
    }

    @Test
    void a_broken_cell_is_refused_with_its_file_sheet_and_cell_and_nothing_is_stored() throws IOException {
        int before = versionCount();
        byte[] broken = workbook(LIMITS, "CreditLimits", "C15", "150 000 €");

        Response refused = upload(ANALYST, null, Map.of(LIMITS, broken));

        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("type").asString()).isEqualTo("urn:arbiter:problem:invalid-policy");
        JsonNode error = refused.body().get("errors").get(0);
        assertThat(error.get("file").asString()).isEqualTo(LIMITS);
        assertThat(error.get("sheet").asString()).isEqualTo("CreditLimits");
        assertThat(error.get("cell").asString()).isEqualTo("C15");
        assertThat(error.get("message").asString()).contains("150 000 €");
        assertThat(versionCount()).isEqualTo(before);
        assertThat(get("/api/v1/policies/active", ANALYST).body().get("id").asString()).isEqualTo(shippedId);
    }

    @Test
    void a_file_that_is_not_a_workbook_is_refused_and_nothing_is_stored() {
        int before = versionCount();

        Response refused = upload(ANALYST, null, Map.of(LIMITS, "not a workbook".getBytes(StandardCharsets.UTF_8)));

        assertThat(refused.status()).as(refused.text()).isBetween(400, 499);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(versionCount()).isEqualTo(before);
    }

    @Test
    void uploads_that_are_not_policy_files_empty_or_too_large_are_refused_as_problems() {
        int before = versionCount();

        Response notPolicy = upload(ANALYST, null, Map.of("notes.txt", "hello".getBytes(StandardCharsets.UTF_8)));
        assertThat(notPolicy.status()).isEqualTo(400);
        assertThat(notPolicy.body().get("type").asString()).isEqualTo("urn:arbiter:problem:invalid-upload");
        assertThat(notPolicy.body().at("/errors/0/file").asString()).isEqualTo("notes.txt");

        Response empty = upload(ANALYST, null, Map.of("rules.drl", new byte[0]));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().get("type").asString()).isEqualTo("urn:arbiter:problem:invalid-upload");

        Response none = upload(ANALYST, "nothing", Map.of());
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body().get("type").asString()).isEqualTo("urn:arbiter:problem:invalid-upload");

        Response tooLarge = upload(ANALYST, null, Map.of("big.drl", new byte[20 * 1024]));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.contentType()).startsWith("application/problem+json");
        assertThat(tooLarge.body().get("type").asString()).isEqualTo("urn:arbiter:problem:upload-too-large");
        assertThat(tooLarge.body().at("/errors/0/file").asString()).isEqualTo("big.drl");

        Response beyondSpring = upload(ANALYST, null, Map.of("bigger.drl", new byte[100 * 1024]));
        assertThat(beyondSpring.status()).isEqualTo(413);
        assertThat(beyondSpring.contentType()).startsWith("application/problem+json");
        assertThat(beyondSpring.body().get("type").asString()).isEqualTo("urn:arbiter:problem:upload-too-large");

        assertThat(versionCount()).isEqualTo(before);
    }

    @Test
    void hostile_or_broken_uploads_are_located_problems_and_store_nothing() throws IOException {
        int before = versionCount();
        byte[] segmentation = PolicyHostileFilesTests.shipped(PolicyHostileFilesTests.SEGMENTATION);
        byte[] bomb = PolicyHostileFilesTests.zipBomb(segmentation, 3);
        assertThat(bomb.length).as("under the 16KB upload limit of this test").isLessThan(16 * 1024);
        String drl = new String(PolicyHostileFilesTests.shipped("hard-stops.drl"), StandardCharsets.UTF_8)
                .replace("import io.arbiter.policy.Applicant;", "import io.arbiter.policy.Applicant;\nimport java.lang.Runtime;");
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("truncated", new Object[] {"segmentation.drl.xlsx", java.util.Arrays.copyOf(segmentation, 3000), "truncated or damaged"});
        cases.put("xlsx named xls", new Object[] {"segmentation.drl.xls", segmentation, "rename it to segmentation.drl.xlsx"});
        cases.put("zip bomb", new Object[] {"segmentation.drl.xlsx", bomb, "zip bomb"});
        cases.put("reaching out", new Object[] {"hard-stops.drl", drl.getBytes(StandardCharsets.UTF_8), "imports 'java.lang.Runtime'"});
        cases.forEach((what, upload) -> {
            String key = ((String) upload[0]).endsWith(".drl") ? POLICY_DEVELOPER : ANALYST;
            Response refused = upload(key, what, Map.of((String) upload[0], (byte[]) upload[1]));
            assertThat(refused.status()).as(what + ": " + refused.text()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().get("type").asString()).isEqualTo("urn:arbiter:problem:invalid-policy");
            assertThat(refused.body().at("/errors/0/file").asString()).as(what).isEqualTo(upload[0]);
            assertThat(refused.body().at("/errors/0/message").asString()).as(what).contains((String) upload[2]);
        });
        assertThat(versionCount()).isEqualTo(before);
        assertThat(get("/api/v1/policies/active", ANALYST).body().get("id").asString()).isEqualTo(shippedId);
    }

    @Test
    void an_upload_that_loses_a_tests_sheet_is_refused_unless_the_author_says_so() {
        byte[] withoutTests = SpreadsheetTrapsTests.edit("credit-limits.drl.xlsx",
                book -> book.removeSheetAt(book.getSheetIndex("Tests")));
        int before = versionCount();

        Response refused = upload(ANALYST, "no tests", Map.of("credit-limits.drl.xlsx", withoutTests));

        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.body().get("type").asString()).isEqualTo("urn:arbiter:problem:scenarios-dropped");
        assertThat(refused.body().get("errors")).hasSize(7).allSatisfy(error -> {
            assertThat(error.get("file").asString()).isEqualTo("credit-limits.drl.xlsx");
            assertThat(error.get("sheet").asString()).isEqualTo("Tests");
            assertThat(error.get("cell").asString()).matches("A[2-8]");
        });
        assertThat(refused.body().get("detail").asString()).contains("allowDroppedScenarios=true");
        assertThat(versionCount()).isEqualTo(before);

        Response meant = uploadDraft(ANALYST, "the tests move elsewhere", Map.of("credit-limits.drl.xlsx", withoutTests),
                "allowDroppedScenarios=true");
        assertThat(meant.status()).as(meant.text()).isEqualTo(201);
        assertThat(versionCount()).isEqualTo(before + 1);
    }

    @Test
    void mutated_workbooks_uploaded_get_no_5xx_and_leave_the_active_version() throws IOException {
        byte[] segmentation = PolicyHostileFilesTests.shipped(PolicyHostileFilesTests.SEGMENTATION);
        Map<String, byte[]> parts = PolicyUploadFuzzTests.unzip(segmentation);
        int activeScenarios = get("/api/v1/policies/active", ANALYST).body().get("scenarios").size();
        for (long seed : new long[] {4_2026L, 20_261_207L}) {
            java.util.Random random = new java.util.Random(seed);
            for (int i = 0; i < 10; i++) { // each upload compiles the whole policy: PolicyUploadFuzzTests does thousands
                byte[] mutant = PolicyUploadFuzzTests.mutant(segmentation, parts, random);
                Response response = upload(ANALYST, "fuzz " + i, Map.of(PolicyHostileFilesTests.SEGMENTATION, mutant));
                String what = "seed " + seed + ", upload " + i + ": " + response.text();
                assertThat(response.status()).as(what).isIn(201, 400, 413, 422);
                assertThat(response.contentType()).as(what)
                        .startsWith(response.status() == 201 ? "application/json" : "application/problem+json");
                if (response.status() == 201) {
                    assertThat(response.body().get("scenarios").size()).as(what).isGreaterThanOrEqualTo(activeScenarios);
                }
            }
        }
        assertThat(get("/api/v1/policies/active", ANALYST).body().get("id").asString()).isEqualTo(shippedId);
    }

    @Test
    void a_manager_cannot_approve_a_draft_of_their_own_but_another_person_can() throws IOException {
        Response draft = upload(MANAGER, null, Map.of(LIMITS, workbook(LIMITS, "CreditLimits", "C20", "32000")));
        assertThat(draft.status()).as(draft.text()).isEqualTo(201);
        String id = draft.body().get("id").asString();

        Response byAuthor = post("/api/v1/policies/versions/" + id + "/approve", MANAGER, "");
        assertThat(byAuthor.status()).isEqualTo(403);
        assertThat(byAuthor.contentType()).startsWith("application/problem+json");
        assertThat(byAuthor.body().get("type").asString()).isEqualTo("urn:arbiter:problem:approval-by-author");

        Response byAdmin = post("/api/v1/policies/versions/" + id + "/approve", ADMIN, "");
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byAdmin.body().get("approvedBy").asString()).isEqualTo("test administrator");
        assertThat(post("/api/v1/policies/versions/" + id + "/approve", ADMIN, "").status()).isEqualTo(409);
    }

    @Test
    void only_managers_and_admins_approve_or_publish() {
        Response byAnalyst = post("/api/v1/policies/versions/" + shippedId + "/publish", ANALYST, "");
        assertThat(byAnalyst.status()).isEqualTo(403);
        assertThat(byAnalyst.body().get("type").asString()).isEqualTo("urn:arbiter:problem:forbidden");
        assertThat(post("/api/v1/policies/versions/" + UUID.randomUUID() + "/approve", MANAGER, "").status()).isEqualTo(404);
    }

    private JsonNode decide() {
        Response response = post("/api/v1/credit-decisions", ORDER_SYSTEM, smeOrder(newRequestId()));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.body();
    }

    private byte[] workbook(String name, String sheet, String cell, String value) throws IOException {
        PolicyFixtures policy = PolicyFixtures.copyOfShippedPolicy(directory).setCell(name, sheet, cell, value);
        return Files.readAllBytes(policy.tables().resolve(name));
    }

    private int versionCount() {
        return jdbc.sql("select count(*) from policy_version").query(Integer.class).single();
    }

    private static String fileHash(JsonNode version, String name) {
        for (JsonNode file : version.get("files")) {
            if (file.get("name").asString().equals(name)) {
                return file.get("sha256").asString();
            }
        }
        return null;
    }

    private Response upload(String apiKey, String comment, Map<String, byte[]> files) {
        return uploadDraft(apiKey, comment, new LinkedHashMap<>(files), null);
    }

    private HttpResponse<byte[]> download(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path))
                    .header("Authorization", "Bearer " + ANALYST).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
