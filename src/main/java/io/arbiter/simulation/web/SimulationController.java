package io.arbiter.simulation.web;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;

import io.arbiter.simulation.SimulationRequest;
import io.arbiter.simulation.SimulationService;

@RestController
@RequestMapping("/api/v1/policies/versions/{versionId}/simulations")
class SimulationController {

    private final SimulationService service;
    private final SimulationChangesExport export;

    SimulationController(SimulationService service, SimulationChangesExport export) {
        this.service = service;
        this.export = export;
    }

    @Operation(summary = "Re-decides a population with this version next to the active one, in the background",
            description = "Body: {\"from\": \"2026-10-01\", \"to\": \"2026-10-31\"} (stored decisions of a period, dates"
                    + " included), {\"last\": 1000} (the last stored decisions) or {\"portfolio\": true} (every ledger"
                    + " customer, assessed with no order). 202 with the simulation's URL to poll.")
    @PostMapping
    ResponseEntity<SimulationService.SimulationView> start(@PathVariable UUID versionId,
            @RequestBody(required = false) @Nullable SimulationRequest request, Principal principal) {
        SimulationService.SimulationView view = service.start(versionId,
                request == null ? new SimulationRequest(null, null, null, null) : request, principal.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(view.links().get("self"))).body(view);
    }

    @Operation(summary = "A simulation's state (RUNNING, DONE, CANCELLED, FAILED), progress and ETA; when done, its "
            + "summary and the first changed decisions")
    @GetMapping("/{id}")
    SimulationService.SimulationView find(@PathVariable UUID versionId, @PathVariable UUID id) {
        return service.find(versionId, id);
    }

    @Operation(summary = "Cancels a running simulation; what it found so far is kept")
    @DeleteMapping("/{id}")
    ResponseEntity<SimulationService.SimulationView> cancel(@PathVariable UUID versionId, @PathVariable UUID id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(service.cancel(versionId, id));
    }

    @Operation(summary = "Every changed decision of a simulation, as CSV (dialect=comma or semicolon) or XLSX (format=xlsx"
            + " or Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet), streamed row by row")
    @GetMapping({"/{id}/changes.csv", "/{id}/changes"})
    void changes(@PathVariable UUID versionId, @PathVariable UUID id, @RequestParam(required = false) @Nullable String format,
            @RequestParam(required = false) @Nullable String dialect,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
            HttpServletResponse response) throws IOException {
        export.write(versionId, id, format, dialect, accept, response);
    }
}
