package io.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Currency;

import org.junit.jupiter.api.Test;

class ShippedPolicyTest {

    @Test
    void shipped_policy_compiles_and_every_scenario_passes() {
        PolicyEngine.Loaded loaded = PolicyEngine.load(Path.of("decision-tables"), Path.of("rules"), Currency.getInstance("EUR"));
        assertThat(loaded.scenarios()).isNotEmpty().allMatch(ScenarioResult::passed);
    }
}
