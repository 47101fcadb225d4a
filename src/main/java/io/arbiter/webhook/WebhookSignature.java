package io.arbiter.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Arbiter-Signature} header: {@code sha256=} and the hex HMAC-SHA256 of the raw body, keyed with the order
 * system's secret. The body is signed as sent, byte for byte, so a receiver verifies it before parsing it.
 */
final class WebhookSignature {

    static final String HEADER = "X-Arbiter-Signature";

    private WebhookSignature() {
    }

    static String of(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
