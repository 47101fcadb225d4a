package io.arbiter.decision.web;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.arbiter.decision.CreditDecision;
import io.arbiter.decision.CreditDecisionRequest;
import io.arbiter.decision.CreditDecisionService;
import io.arbiter.decision.DecisionHistory;
import io.arbiter.decision.Reviews;
import io.arbiter.decision.VerdictRequest;
import io.arbiter.policy.Outcome;
import io.arbiter.shared.Page;
import io.arbiter.shared.Paging;
import io.arbiter.shared.ProblemException;
import io.arbiter.shared.RegistrationNumbers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/v1/credit-decisions")
class CreditDecisionController {

    private static final int MAX_PAGE = 500;

    private final CreditDecisionService service;
    private final DecisionHistory history;
    private final Clock clock;

    private final Reviews reviews;

    CreditDecisionController(CreditDecisionService service, DecisionHistory history, Clock clock, Reviews reviews) {
        this.reviews = reviews;
        this.service = service;
        this.history = history;
        this.clock = clock;
    }

    /**
     * The decision's JSON is written once, by the service, and the same bytes are stored and sent: serialising it again
     * here would cost as much as the first time, and a stored decision read back is sent without being parsed.
     */
    @Operation(summary = "Decide whether a customer may place an order",
            description = "201 with the new decision; 200 with the stored decision when the requestId was already decided with the same body; 409 when it was used for a different body.")
    @ApiResponse(responseCode = "201", description = "The new decision",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = CreditDecision.class)))
    @ApiResponse(responseCode = "200", description = "The stored decision of this requestId",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = CreditDecision.class)))
    @PostMapping
    ResponseEntity<byte[]> decide(@Valid @RequestBody CreditDecisionRequest request, Principal principal) {
        CreditDecisionService.Result result = service.decide(request, principal.getName());
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/credit-decisions/" + result.decision().decisionId()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(result.json());
    }

    @Operation(summary = "A stored decision, exactly as it was answered, with the review verdict given on it since, if any")
    @ApiResponse(responseCode = "200", description = "The decision",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = CreditDecision.class)))
    @GetMapping("/{decisionId}")
    ResponseEntity<byte[]> get(@PathVariable UUID decisionId) {
        byte[] decision = service.findJson(decisionId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                "decision-not-found", "Decision not found", "No decision has id " + decisionId));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(decision);
    }

    @Operation(summary = "Records a person's verdict on a decision the policy sent to review",
            description = "Body: {\"verdict\": \"APPROVE\" | \"REJECT\" | \"APPROVE_UP_TO\", \"amount\": {\"amount\": 12000,"
                    + " \"currency\": \"EUR\"} (APPROVE_UP_TO only), \"comment\": \"...\"}. Appended beside the decision,"
                    + " which never changes; 201 with the decision and its review; 409 when the decision is not REVIEW or"
                    + " already has a verdict (verdicts are never replaced).")
    @PostMapping("/{decisionId}/review")
    ResponseEntity<CreditDecision> review(@PathVariable UUID decisionId, @RequestBody VerdictRequest request,
            Principal principal) {
        CreditDecision reviewed = reviews.review(decisionId, request, principal.getName());
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/credit-decisions/" + decisionId)).body(reviewed);
    }

    @Operation(summary = "The stored decisions, most recent first, narrowed by policy version, outcome, company and days",
            description = "policyVersion is the decisions' policyVersion (a content version, as GET /api/v1/policies/versions"
                    + " lists it); outcome is APPROVED, REVIEW or REJECTED; registrationNumber (with country, FR when left"
                    + " out) finds the company's decisions whichever of its numbers (SIREN, SIRET, VAT) was sent; from and"
                    + " to are days (ISO, both included, in the server's time zone). Paged: limit 1-500, default 50;"
                    + " cursor is the 'next' of the previous page (also in the Link header).")
    @GetMapping
    ResponseEntity<Page<CreditDecision>> list(@RequestParam(required = false) @Nullable String policyVersion,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String registrationNumber,
            @RequestParam(required = false) @Nullable String country,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String limit, @RequestParam(required = false) @Nullable String cursor) {
        DecisionHistory.Filter filter = filter(policyVersion, outcome(outcome), registrationNumber, country, from, to);
        return Paging.ok(history.list(filter, false, Paging.limit(limit, 50, MAX_PAGE), cursor));
    }

    @Operation(summary = "The review queue: REVIEW decisions, oldest first, for a credit analyst to check",
            description = "The decisions the policy sent to a person, the one waiting longest first; narrowed like the"
                    + " decision list by registrationNumber (with country), policyVersion and days (from, to). Paged: limit"
                    + " 1-500, default 50; cursor is the 'next' of the previous page (also in the Link header).")
    @GetMapping("/review-queue")
    ResponseEntity<Page<CreditDecision>> reviewQueue(@RequestParam(required = false) @Nullable String policyVersion,
            @RequestParam(required = false) @Nullable String registrationNumber,
            @RequestParam(required = false) @Nullable String country,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String limit, @RequestParam(required = false) @Nullable String cursor) {
        DecisionHistory.Filter filter = filter(policyVersion, Outcome.REVIEW, registrationNumber, country, from, to);
        return Paging.ok(history.list(filter, true, Paging.limit(limit, 50, MAX_PAGE), cursor));
    }

    private DecisionHistory.Filter filter(@Nullable String policyVersion, @Nullable Outcome outcome,
            @Nullable String registrationNumber, @Nullable String country, @Nullable String from, @Nullable String to) {
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (first != null && last != null && first.isAfter(last)) {
            throw invalid("to", "is before from (" + from + ")");
        }
        String company = null;
        if (registrationNumber != null && !registrationNumber.isBlank()) {
            var id = RegistrationNumbers.normalise(country == null || country.isBlank() ? "FR" : country,
                    registrationNumber, "registrationNumber");
            company = id.country() + ":" + id.company();
        }
        Instant start = first == null ? null : first.atStartOfDay(clock.getZone()).toInstant();
        Instant end = last == null ? null : last.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        return new DecisionHistory.Filter(policyVersion == null || policyVersion.isBlank() ? null : policyVersion.strip(),
                outcome, company, start, end);
    }

    private static @Nullable Outcome outcome(@Nullable String outcome) {
        if (outcome == null || outcome.isBlank()) {
            return null;
        }
        try {
            return Outcome.valueOf(outcome.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("outcome", "must be APPROVED, REVIEW or REJECTED (was '" + outcome + "')");
        }
    }

    private static @Nullable LocalDate date(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw invalid(field, "must be an ISO date such as 2026-11-01 (was '" + value + "')");
        }
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", field + " " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
