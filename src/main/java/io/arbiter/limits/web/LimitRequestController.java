package io.arbiter.limits.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.arbiter.limits.requests.LimitRequest;
import io.arbiter.limits.requests.LimitRequests;
import io.arbiter.limits.requests.NewLimitRequest;
import io.arbiter.limits.requests.Problems;
import io.arbiter.limits.requests.RequestStore;
import io.arbiter.limits.requests.RequestVerdicts;
import io.arbiter.limits.requests.VerdictRequest;
import io.arbiter.shared.Page;
import io.arbiter.shared.Paging;
import io.swagger.v3.oas.annotations.Operation;

@RestController
class LimitRequestController {

    private static final List<String> STATUSES = List.of("PENDING", "APPROVED", "REDUCED", "REFUSED", "EXPIRED");

    private final LimitRequests requests;
    private final RequestVerdicts verdicts;

    LimitRequestController(LimitRequests requests, RequestVerdicts verdicts) {
        this.requests = requests;
        this.verdicts = verdicts;
    }

    @Operation(summary = "Ask for a company's standing credit limit; the approval matrix names who approves it")
    @PostMapping("/api/v1/limits/requests")
    ResponseEntity<LimitRequest> create(@RequestBody NewLimitRequest request, Principal caller) {
        LimitRequest created = requests.create(request, Callers.of(caller));
        return ResponseEntity.created(URI.create("/api/v1/limits/requests/" + created.id())).body(created);
    }

    @Operation(summary = "A limit request, its approvers' verdicts and the limit granted: how the requester learns the result")
    @GetMapping("/api/v1/limits/requests/{id}")
    LimitRequest find(@PathVariable String id, Principal caller) {
        return requests.find(id(id), Callers.of(caller));
    }

    @Operation(summary = "Limit requests in the order they were made, by status (PENDING: the approvers' queue), paged")
    @GetMapping("/api/v1/limits/requests")
    ResponseEntity<Page<LimitRequest>> list(@RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String cursor, @RequestParam(required = false) @Nullable String limit,
            Principal caller) {
        String wanted = status == null ? null : status.strip().toUpperCase(Locale.ROOT);
        if (wanted != null && !STATUSES.contains(wanted)) {
            throw Problems.invalid("status", "must be one of " + STATUSES);
        }
        int size = Paging.limit(limit, 50, 200);
        List<LimitRequest> rows = requests.list(wanted, RequestStore.Cursor.decode(cursor), size + 1, Callers.of(caller));
        return Paging.ok(Page.of(rows, size, last -> new RequestStore.Cursor(last.createdAt(), last.id()).encode()));
    }

    @Operation(summary = "Approve, reduce or refuse a limit request (never your own; your role at least the matrix's)")
    @PostMapping("/api/v1/limits/requests/{id}/verdicts")
    LimitRequest verdict(@PathVariable String id, @RequestBody VerdictRequest verdict, Principal caller) {
        return verdicts.decide(id(id), verdict, Callers.of(caller));
    }

    static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Problems.invalid("id", "'" + id + "' is not a limit request id (a UUID)");
        }
    }
}
