package io.arbiter.policy;

import org.jspecify.annotations.Nullable;

/**
 * Stage answers taken as given instead of evaluated, so that a scenario can test one table alone ("an SME of class B
 * gets 80,000 €") without spelling out inputs for the tables before it.
 */
public record Given(@Nullable String segment, @Nullable String riskClass) {

    static final Given NOTHING = new Given(null, null);
}
