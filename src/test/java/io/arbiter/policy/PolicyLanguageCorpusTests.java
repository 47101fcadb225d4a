package io.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.arbiter.ApiTest;

/**
 * The hostile corpus of {@code src/test/resources/policy-corpus}, uploaded over HTTP to the running application as an
 * attacker holding a key would: 67 DRL files (each construct the policy language refuses, in several disguises) with a
 * policy developer's key, and 29 decision tables, each sent as the CSV it is and as an Excel workbook of the same cells,
 * with a credit analyst's key. Each must be refused with a 422 located at its line or cell, quickly; none may create
 * its canary file; the active version stays; and the service then still takes an ordinary upload and a rollback.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyLanguageCorpusTests extends ApiTest {

    private static final Path CANARIES = canaries();
    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(10);

    static Stream<Arguments> corpus() throws IOException, URISyntaxException {
        Path root = Path.of(PolicyLanguageCorpusTests.class.getResource("/policy-corpus").toURI());
        List<Arguments> uploads = new ArrayList<>();
        try (Stream<Path> drl = Files.list(root.resolve("drl"))) {
            drl.sorted().forEach(file -> uploads.add(Arguments.of(file.getFileName().toString(), "attack.drl",
                    withCanary(file), POLICY_DEVELOPER)));
        }
        try (Stream<Path> tables = Files.list(root.resolve("tables"))) {
            tables.sorted().forEach(file -> {
                byte[] csv = withCanary(file);
                uploads.add(Arguments.of(file.getFileName().toString(), "attack.drl.csv", csv, ANALYST));
                uploads.add(Arguments.of(file.getFileName().toString().replace(".csv", ".xlsx"), "attack.drl.xlsx",
                        workbookOf(csv), ANALYST));
            });
        }
        assertThat(uploads).as("the corpus").hasSizeGreaterThanOrEqualTo(60);
        return uploads.stream();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void a_hostile_upload_is_refused_where_it_is_written_and_runs_nothing(String name, String uploadAs, byte[] content,
            String apiKey) throws IOException {
        String activeBefore = get("/api/v1/policies/active", ANALYST).body().get("id").asString();
        int versionsBefore = versionCount();

        long start = System.nanoTime();
        Response refused = uploadDraft(apiKey, name, Map.of(uploadAs, content), null);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(refused.status()).as(name + ": " + refused.text()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("type").asString()).isEqualTo("urn:arbiter:problem:invalid-policy");
        assertThat(refused.body().at("/errors/0/file").asString()).as(refused.text()).isEqualTo(uploadAs);
        String where = refused.body().at("/errors/0/cell").asString();
        if (uploadAs.endsWith(".drl")) {
            assertThat(where).as("a line of the DRL file: " + refused.text()).matches("line [1-9][0-9]*");
        } else {
            assertThat(where).as("a cell of the table: " + refused.text()).matches("[A-Z]+[1-9][0-9]*");
        }
        String message = refused.body().at("/errors/0/message").asString();
        assertThat(message).isNotBlank().doesNotContain("Exception");
        System.out.printf("corpus %-42s %-16s %4d ms  %s: %s%n", name, uploadAs, took.toMillis(), where,
                message.length() > 150 ? message.substring(0, 150) + "…" : message);
        assertThat(took).as(name + " answered in " + took).isLessThan(REFUSED_WITHIN);
        try (Stream<Path> left = Files.list(CANARIES)) {
            assertThat(left).as("files the upload created").isEmpty();
        }
        assertThat(get("/api/v1/policies/active", ANALYST).body().get("id").asString()).isEqualTo(activeBefore);
        assertThat(versionCount()).isEqualTo(versionsBefore);
    }

    @Order(2)
    @Test
    void after_the_corpus_the_service_is_healthy_and_takes_an_upload_and_a_rollback_in_normal_time() {
        assertThat(get("/actuator/health", null).body().get("status").asString()).isEqualTo("UP");
        String shipped = get("/api/v1/policies/active", ANALYST).body().get("id").asString();

        byte[] edited = PolicyHostileFilesTests.segmentation(book -> PolicyHostileFilesTests.cell(book, "Segmentation", "H14")
                .setCellValue("Turnover under €2M or unknown: short, firm collection plan (corpus test)"));
        long start = System.nanoTime();
        Response draft = uploadDraft(ANALYST, "after the corpus", Map.of(PolicyHostileFilesTests.SEGMENTATION, edited), null);
        assertThat(draft.status()).as(draft.text()).isEqualTo(201);
        String id = draft.body().get("id").asString();
        assertThat(post("/api/v1/policies/versions/" + id + "/approve", MANAGER, "").status()).isEqualTo(200);
        assertThat(post("/api/v1/policies/versions/" + id + "/publish", ADMIN, "").status()).isEqualTo(200);
        assertThat(get("/api/v1/policies/active", ANALYST).body().get("id").asString()).isEqualTo(id);

        Response rollback = post("/api/v1/policies/versions/" + shipped + "/publish", MANAGER, "");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(rollback.status()).as(rollback.text()).isEqualTo(200);
        assertThat(get("/api/v1/policies/active", ANALYST).body().get("id").asString()).isEqualTo(shipped);
        assertThat(took).as("upload, approval, publish and rollback took " + took).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void a_finance_role_may_not_upload_drl_at_all() {
        byte[] hardStops = PolicyHostileFilesTests.shipped("hard-stops.drl");
        Response refused = uploadDraft(ANALYST, "an analyst's DRL", Map.of("hard-stops.drl", hardStops), null);
        assertThat(refused.status()).as(refused.text()).isEqualTo(403);
        assertThat(refused.body().get("type").asString()).isEqualTo("urn:arbiter:problem:drl-upload-forbidden");
        assertThat(refused.body().at("/errors/0/file").asString()).isEqualTo("hard-stops.drl");
        assertThat(refused.body().get("detail").asString()).contains("POLICY_DEVELOPER");
        assertThat(uploadDraft(MANAGER, "a manager's DRL", Map.of("hard-stops.drl", hardStops), null).status()).isEqualTo(403);
    }

    private int versionCount() {
        return jdbc.sql("select count(*) from policy_version").query(Integer.class).single();
    }

    private static byte[] withCanary(Path file) {
        try {
            String name = file.getFileName().toString().replaceAll("\\.drl(\\.csv)?$", "");
            return Files.readString(file).replace("${CANARY}", CANARIES.resolve(name).toString())
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same cells as an Excel workbook, typed as text, as an author pasting them into Excel would get. */
    private static byte[] workbookOf(byte[] csv) {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Sheet sheet = book.createSheet("Attack");
            int r = 0;
            for (CSVRecord record : CSVFormat.DEFAULT.parse(new StringReader(new String(csv, StandardCharsets.UTF_8)))) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < record.size(); c++) {
                    if (!record.get(c).isEmpty()) {
                        row.createCell(c).setCellValue(record.get(c));
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An empty folder where each payload would create its file. */
    private static Path canaries() {
        try {
            Path folder = Files.createDirectories(Path.of("target", "policy-corpus-canaries").toAbsolutePath());
            try (Stream<Path> left = Files.list(folder)) {
                for (Path file : left.toList()) {
                    Files.delete(file);
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
