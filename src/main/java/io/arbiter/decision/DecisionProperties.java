package io.arbiter.decision;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Credit decisions.
 *
 * @param outsideBudget the longest a decision waits on anything outside Arbiter, bureaus (authentication and data) and
 *                      the community pool together, which are asked at the same time; what has not answered by then is
 *                      a fact for the policy ({@code bureauLookup UNAVAILABLE}, no pool data), never a failed decision
 */
@ConfigurationProperties("arbiter.decision")
public record DecisionProperties(@DefaultValue("700ms") Duration outsideBudget) {
}
