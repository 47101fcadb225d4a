package io.arbiter.bureau.web;

import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.arbiter.shared.RegistrationNumbers;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;

import io.arbiter.bureau.SolvencyLookup;
import io.arbiter.bureau.SolvencyReport;
import io.arbiter.bureau.SolvencyService;
import io.arbiter.bureau.monitoring.BureauNotification;
import io.arbiter.bureau.monitoring.MonitoringNotifications;

@RestController
class SolvencyController {

    /** What finance staff see of a company's solvency, and how fresh it is. */
    record CompanySolvency(String registrationNumber, String country, boolean available, boolean stale, String source,
            List<String> unavailableProviders, Optional<SolvencyReport> report) {
    }

    private final SolvencyService solvency;
    private final MonitoringNotifications notifications;

    SolvencyController(SolvencyService solvency, MonitoringNotifications notifications) {
        this.solvency = solvency;
        this.notifications = notifications;
    }

    @Operation(summary = "A company's solvency report as a decision would use it (cache, providers, or last snapshot)")
    @GetMapping("/api/v1/companies/{registrationNumber}/solvency")
    CompanySolvency solvency(@PathVariable String registrationNumber, @RequestParam(defaultValue = "FR") String country) {
        RegistrationNumbers.CompanyId id = RegistrationNumbers.normalise(country, registrationNumber, "registrationNumber");
        String company = id.company();
        SolvencyLookup lookup = solvency.lookup(company, id.country());
        return new CompanySolvency(company, id.country(), lookup.report().isPresent(), lookup.stale(), lookup.source().name(),
                lookup.unavailable(), lookup.report());
    }

    @Operation(summary = "Receive a bureau monitoring notification",
            description = "201 when the report was refreshed and the change recorded; 200 when this notification id was received before (nothing done again), or when no bureau knows the company (recorded as ignored, with the reason in 'ignored': do not send it again); 503 when no bureau could give a fresh report (not recorded: send again).")
    @PostMapping("/api/v1/bureau/notifications")
    ResponseEntity<MonitoringNotifications.Outcome> notification(@Valid @RequestBody BureauNotification notification) {
        MonitoringNotifications.Outcome outcome = notifications.receive(notification);
        return ResponseEntity.status(outcome.duplicate() || outcome.ignored() != null ? HttpStatus.OK : HttpStatus.CREATED)
                .body(outcome);
    }
}
