package io.arbiter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Boots the whole application on a random port against the real PostgreSQL and talks to it over real HTTP, as an order
 * system would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTest {

    protected static final String ORDER_SYSTEM = "test-order-system";
    protected static final String DUNNING_ENGINE = "test-dunning-engine";
    protected static final String ANALYST = "test-analyst";
    protected static final String MANAGER = "test-manager";
    protected static final String ADMIN = "test-admin";
    /** May upload .drl files, which finance roles may not; approves and publishes nothing. */
    protected static final String POLICY_DEVELOPER = "test-policy-developer";
    /** Sees the portfolio of salesperson {@code SP-PORTFOLIO-TEST} only (src/test/resources/config/application.yaml). */
    protected static final String SALESPERSON = "test-salesperson";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JsonMapper json;

    @Autowired
    protected JdbcClient jdbc;

    /** A status, the headers that matter here, and the body parsed as JSON (null when empty or not JSON). */
    public record Response(int status, String contentType, String location, String wwwAuthenticate, String link, String text,
            JsonNode body) {
    }

    /** The field a 400 problem names first: the request was refused for that field. */
    protected static String refusedField(Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        return response.body().at("/errors/0/field").asString();
    }

    protected Response post(String path, String apiKey, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), apiKey);
    }

    protected Response get(String path, String apiKey) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), apiKey);
    }

    protected Response send(HttpRequest.Builder request, String apiKey) {
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode body = null;
            if (!text.isBlank() && (text.startsWith("{") || text.startsWith("["))) {
                body = json.readTree(text);
            }
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("WWW-Authenticate").orElse(null),
                    response.headers().firstValue("Link").orElse(null), text, body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Uploads a policy draft as a browser or curl would: multipart parts named {@code files}, and a comment; {@code query}
     * (e.g. {@code allowDroppedScenarios=true}) is appended to the URL when not null.
     */
    protected Response uploadDraft(String apiKey, String comment, Map<String, byte[]> files, String query) {
        String boundary = "arbiter-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        files.forEach((name, content) -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        if (comment != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\n" + comment
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri("/api/v1/policies/drafts" + (query == null ? "" : "?" + query)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), apiKey);
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** The README tour's first order: Atelier Moreau SARL, an established SME, orders 18,000 €. */
    protected static String smeOrder(String requestId) {
        return """
                {"requestId": "%s",
                 "customer": {"registrationNumber": "402202006", "name": "Atelier Moreau SARL", "country": "FR",
                              "customerSince": "2021-03-01", "paymentTermsDays": 45},
                 "order": {"amount": 18000, "currency": "EUR"},
                 "exposure": {"openReceivables": 32000, "overdue": 0, "ordersBacklog": 5000},
                 "paymentHistory": {"averageDaysLate": 4, "openDisputes": 0}}
                """.formatted(requestId);
    }

    /**
     * An order the shipped policy sends to review: Atelier Moreau SARL orders 90,000 € with 32,000 € open, above its
     * 120,000 € limit but within the review tolerance.
     */
    protected static String reviewOrder(String requestId) {
        return smeOrder(requestId).replace("\"amount\": 18000", "\"amount\": 90000");
    }

    /** Request ids are unique: decision records are append-only and a run's schema is shared by all its test classes. */
    protected static String newRequestId() {
        return "test-" + UUID.randomUUID();
    }
}
