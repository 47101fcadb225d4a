package io.arbiter.bureau;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxReportAge a report older than this is marked stale in the decision
 */
@ConfigurationProperties("arbiter.bureau")
public record BureauProperties(@DefaultValue("180d") Duration maxReportAge) {
}
