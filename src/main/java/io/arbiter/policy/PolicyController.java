package io.arbiter.policy;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

@RestController
@RequestMapping("/api/v1/policies")
class PolicyController {

    private final PolicyEngine engine;

    PolicyController(PolicyEngine engine) {
        this.engine = engine;
    }

    @Operation(summary = "The policy serving decisions: version, files with their hashes, and each scenario's result")
    @GetMapping("/active")
    ActivePolicy active() {
        return engine.active();
    }
}
