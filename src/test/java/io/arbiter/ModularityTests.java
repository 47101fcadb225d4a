package io.arbiter;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Features talk through each other's public surface only (docs/architecture.md §2). */
class ModularityTests {

    @Test
    void features_only_use_each_others_public_api_and_have_no_cycles() {
        ApplicationModules.of(ArbiterApplication.class).verify();
    }
}
