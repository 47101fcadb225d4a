package io.arbiter.shared.reactions;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the reactions of one module to another's events (the {@code event_publication} outbox) are retried and kept.
 *
 * @param retryInterval how often reactions that failed are run again; one that keeps failing is retried at this pace
 *                      until it succeeds (each failure is logged with its cause)
 * @param retention how long a completed reaction stays in {@code event_publication} (the evidence that it ran, and
 *                  when) before the daily cleanup deletes it
 */
@ConfigurationProperties("arbiter.reactions")
public record ReactionProperties(@DefaultValue("1m") Duration retryInterval, @DefaultValue("7d") Duration retention) {
}
