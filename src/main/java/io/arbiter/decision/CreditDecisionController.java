package io.arbiter.decision;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.arbiter.shared.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/v1/credit-decisions")
class CreditDecisionController {

    private final CreditDecisionService service;

    CreditDecisionController(CreditDecisionService service) {
        this.service = service;
    }

    @Operation(summary = "Decide whether a customer may place an order",
            description = "201 with the new decision; 200 with the stored decision when the requestId was already decided with the same body; 409 when it was used for a different body.")
    @PostMapping
    ResponseEntity<CreditDecision> decide(@Valid @RequestBody CreditDecisionRequest request) {
        CreditDecisionService.Result result = service.decide(request);
        CreditDecision decision = result.decision();
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/credit-decisions/" + decision.decisionId()))
                .body(decision);
    }

    @Operation(summary = "A stored decision, exactly as it was answered")
    @GetMapping("/{decisionId}")
    CreditDecision get(@PathVariable UUID decisionId) {
        return service.find(decisionId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "decision-not-found",
                "Decision not found", "No decision has id " + decisionId));
    }
}
