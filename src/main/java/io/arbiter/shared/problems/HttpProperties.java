package io.arbiter.shared.problems;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what clients send.
 *
 * @param maxJsonSize the largest JSON request body accepted; a larger one is answered 413 before it is read. Uploads
 *                    (spreadsheets, ledger exports) have their own limits ({@code arbiter.policy.max-upload-size},
 *                    {@code arbiter.ledger.import.max-upload-size})
 * @param databaseRetryAfter the {@code Retry-After} of a 503 answered while the database cannot be reached
 */
@ConfigurationProperties("arbiter.http")
public record HttpProperties(@DefaultValue("4MB") DataSize maxJsonSize,
        @DefaultValue("5") int databaseRetryAfter) {
}
