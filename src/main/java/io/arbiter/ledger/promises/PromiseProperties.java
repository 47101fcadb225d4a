package io.arbiter.ledger.promises;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How promises to pay are judged.
 *
 * @param grace how long after its promised date a promise may still be kept (payments take a few days to be seen);
 *        dunning pauses the invoices under a promise for as long ({@code arbiter.dunning.promise-grace} defaults to it)
 * @param checkInterval how often pending promises are judged again, as their dates pass (every import judges them too)
 */
@ConfigurationProperties("arbiter.ledger.promises")
public record PromiseProperties(@DefaultValue("3d") Duration grace, @DefaultValue("1h") Duration checkInterval) {
}
