package io.arbiter.policy;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Part of readiness: decisions are only served with a compiled policy whose scenarios passed. */
@Component("policy")
class PolicyHealthIndicator implements HealthIndicator {

    private final PolicyEngine engine;

    PolicyHealthIndicator(PolicyEngine engine) {
        this.engine = engine;
    }

    @Override
    public Health health() {
        ActivePolicy active = engine.active();
        return Health.up().withDetail("version", active.version()).withDetail("loadedAt", active.loadedAt().toString())
                .withDetail("files", active.files().size()).withDetail("scenariosPassed", active.scenarios().size()).build();
    }
}
