package io.arbiter.pool.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.arbiter.shared.RegistrationNumbers;

/**
 * The keyed pseudonym of a customer: HMAC-SHA256, under the key all members share, of its country and company number
 * (the SIREN for a French SIRET or VAT number, so that every member finds the same company). Without the key, the
 * pool server cannot tell which company a pseudonym stands for, nor test a guess.
 */
public final class Pseudonyms {

    private final SecretKeySpec key;

    public Pseudonyms(String sharedKey) {
        if (sharedKey == null || sharedKey.length() < 16) {
            throw new IllegalStateException("arbiter.pool.client.pseudonym-key (ARBITER_POOL_CLIENT_PSEUDONYM_KEY) must be"
                    + " the pool's shared key, at least 16 characters");
        }
        this.key = new SecretKeySpec(sharedKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** @throws io.arbiter.shared.ProblemException when the number is not a valid one for its country */
    public String of(String country, String registrationNumber) {
        String company = RegistrationNumbers.normalise(country, registrationNumber, "registrationNumber").company();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((country + ":" + company).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
