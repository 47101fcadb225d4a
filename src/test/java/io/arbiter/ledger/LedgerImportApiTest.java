package io.arbiter.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.arbiter.ApiTest;
import tools.jackson.databind.JsonNode;

/** Sends exports to the import API as a client would, and waits for the job to finish. */
abstract class LedgerImportApiTest extends ApiTest {

    protected static final String IMPORTS = "/api/v1/ledger/imports";

    /** A multipart upload of {@code content} as the part {@code file}, with {@code query} parameters. */
    protected Response upload(String query, String fileName, byte[] content, String apiKey) {
        return multipart(IMPORTS + "?" + query, fileName, content, apiKey);
    }

    protected Response multipart(String pathAndQuery, String fileName, byte[] content, String apiKey) {
        String boundary = "arbiter-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri(pathAndQuery))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), apiKey);
    }

    /** The export as the request body, as large exports are sent. */
    protected Response uploadBody(String query, Path file, String apiKey) {
        try {
            return send(HttpRequest.newBuilder(uri(IMPORTS + "?" + query)).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)), apiKey);
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Uploads, checks the 202, and waits for the job to finish. */
    protected JsonNode importFile(String query, String fileName, byte[] content) {
        Response accepted = upload(query, fileName, content, ANALYST);
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        return await(accepted);
    }

    protected JsonNode await(Response accepted) {
        return await(accepted, unfinished -> {
        });
    }

    /** Waits for the job to finish, showing {@code unfinished} each state of it seen before. */
    protected JsonNode await(Response accepted, java.util.function.Consumer<JsonNode> unfinished) {
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        assertThat(accepted.location()).startsWith(IMPORTS + "/");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            Response job = get(accepted.location(), ANALYST);
            assertThat(job.status()).isEqualTo(200);
            String state = job.body().get("state").asString();
            if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
                return job.body();
            }
            unfinished.accept(job.body());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("The import job did not finish in time: " + accepted.location());
    }

    /** A digest of every ledger table's content: equal before and after means the import changed nothing at all. */
    protected String ledgerDigest() {
        StringBuilder digest = new StringBuilder();
        for (String table : new String[] {"ledger_entity", "ledger_customer_group", "ledger_customer", "ledger_invoice",
                "ledger_payment", "ledger_credit_note", "ledger_allocation", "ledger_open_order", "ledger_dispute",
                "ledger_dispute_invoice"}) {
            digest.append(table).append('=').append(jdbc.sql("select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from "
                    + table + " t").query(String.class).single()).append(' ');
        }
        return digest.toString();
    }
}
