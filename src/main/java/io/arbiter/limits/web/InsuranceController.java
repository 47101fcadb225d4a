package io.arbiter.limits.web;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.arbiter.ledger.Exposures;
import io.arbiter.limits.insurance.CoverImports;
import io.arbiter.limits.insurance.InsuranceReports;
import io.arbiter.limits.requests.Caller;
import io.swagger.v3.oas.annotations.Operation;

@RestController
class InsuranceController {

    record Alerts(LocalDate asOf, List<InsuranceReports.Alert> alerts) {
    }

    private final CoverImports imports;
    private final InsuranceReports reports;
    private final Exposures exposures;
    private final Clock clock;

    InsuranceController(CoverImports imports, InsuranceReports reports, Exposures exposures, Clock clock) {
        this.imports = imports;
        this.reports = reports;
        this.exposures = exposures;
        this.clock = clock;
    }

    @Operation(summary = "Import an insurer's cover decisions per buyer (CSV or XLSX as its portal exports them), all or nothing")
    @PostMapping(path = "/api/v1/limits/insurance/covers", consumes = "*/*")
    ResponseEntity<CoverImports.Imported> importCovers(@RequestParam(required = false) @Nullable String insurer,
            @RequestHeader(name = "X-File-Name", required = false) @Nullable String fileName,
            @RequestBody(required = false) byte @Nullable [] file, Principal principal) {
        return ResponseEntity.status(HttpStatus.CREATED).body(imports.load(insurer, fileName,
                file == null ? new byte[0] : file, principal.getName()));
    }

    @Operation(summary = "Unpaid insured invoices nearing (or past) the insurer's reporting deadline, most urgent first")
    @GetMapping("/api/v1/limits/insurance/alerts")
    Alerts alerts(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate asOf,
            Principal principal) {
        Caller caller = Callers.of(principal);
        LocalDate day = asOf == null ? LocalDate.now(clock) : asOf;
        return new Alerts(day, reports.alerts(day, caller.scope().isLimited()
                ? exposures.companyKeys(caller.scope().salesperson()) : null));
    }

    @Operation(summary = "Insured versus uninsured exposure, and exposure above the insurer's cover")
    @GetMapping("/api/v1/limits/insurance/kpis")
    InsuranceReports.Kpis kpis(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate asOf) {
        return reports.kpis(asOf == null ? LocalDate.now(clock) : asOf);
    }
}
