package io.arbiter.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a test's webhook receiver needs to know of the test configuration's order-system webhook (src/test/resources/
 * config), and how it checks a delivery: for the tests of other modules whose events reach the same webhook.
 */
public final class SignedDeliveries {

    /** The secret of the webhook of the API key {@code test-webhook-order-system}. */
    public static final String SECRET = "test-webhook-secret-0123456789abcdef";
    /** The system property Arbiter reads the receiver's port from, at each delivery attempt. */
    public static final String PORT = "arbiter.test.webhook-receiver-port";
    public static final String PATH = "/arbiter/events";

    private SignedDeliveries() {
    }

    /**
     * How a receiver checks a delivery, as docs/integration-guide.md shows it: the HMAC-SHA256 of the raw body, before
     * parsing it, compared in constant time.
     */
    public static boolean verifies(byte[] rawBody, String signatureHeader, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(rawBody));
        return signatureHeader != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signatureHeader.getBytes(StandardCharsets.US_ASCII));
    }
}
