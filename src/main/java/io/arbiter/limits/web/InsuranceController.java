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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.arbiter.limits.insurance.CoverImports;
import io.arbiter.limits.insurance.InsuranceReports;
import io.arbiter.limits.insurance.OverdueReports;
import io.arbiter.limits.requests.Caller;
import io.arbiter.security.PortfolioGuard;
import io.arbiter.shared.Page;
import io.arbiter.shared.Paging;
import io.swagger.v3.oas.annotations.Operation;

@RestController
class InsuranceController {

    private final CoverImports imports;
    private final InsuranceReports reports;
    private final OverdueReports overdueReports;
    private final PortfolioGuard portfolios;
    private final Clock clock;

    InsuranceController(CoverImports imports, InsuranceReports reports, OverdueReports overdueReports,
            PortfolioGuard portfolios, Clock clock) {
        this.imports = imports;
        this.overdueReports = overdueReports;
        this.reports = reports;
        this.portfolios = portfolios;
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

    @Operation(summary = "Unpaid insured invoices nearing (or past) the insurer's reporting deadline, most urgent first "
            + "(days left, then invoice and entity), a page at a time")
    @GetMapping("/api/v1/limits/insurance/alerts")
    ResponseEntity<Page<InsuranceReports.Alert>> alerts(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate asOf,
            @RequestParam(required = false) @Nullable String limit, @RequestParam(required = false) @Nullable String cursor,
            Principal principal) {
        int size = Paging.limit(limit, 50, 200);
        String[] after = Paging.position(cursor, ALERTS, 3, parts -> Long.parseLong(parts[0]));
        Caller caller = Callers.of(principal);
        LocalDate day = asOf == null ? LocalDate.now(clock) : asOf;
        List<InsuranceReports.Alert> alerts = reports.alerts(day, portfolios.companyKeys(caller.scope())).stream()
                .filter(alert -> after == null || isAfter(alert, after)).toList();
        return Paging.ok(Page.of(alerts, size, last -> Paging.cursor(ALERTS, String.valueOf(last.daysLeft()),
                last.invoice(), last.entity())));
    }

    @Operation(summary = "Record that an alerted invoice's overdue was reported to the insurer: it leaves the REPORT stage"
            + " and, under a contract with a claim period, comes back as CLAIM; once per invoice")
    @PostMapping("/api/v1/limits/insurance/alerts/{entity}/{invoice}/reported")
    ResponseEntity<OverdueReports.Reported> reported(@PathVariable String entity, @PathVariable String invoice,
            @RequestBody(required = false) OverdueReports.@Nullable Report report, Principal principal) {
        return ResponseEntity.status(HttpStatus.CREATED).body(overdueReports.report(entity, invoice, report,
                principal.getName()));
    }

    private static final String ALERTS = "insurance-alerts";

    /** Whether an alert comes after a cursor's position in the alerts' order: days left, invoice, entity. */
    private static boolean isAfter(InsuranceReports.Alert alert, String[] position) {
        int days = Long.compare(alert.daysLeft(), Long.parseLong(position[0]));
        int invoice = alert.invoice().compareTo(position[1]);
        return days > 0 || days == 0 && (invoice > 0 || invoice == 0 && alert.entity().compareTo(position[2]) > 0);
    }

    @Operation(summary = "Insured versus uninsured exposure, and exposure above the insurer's cover")
    @GetMapping("/api/v1/limits/insurance/kpis")
    InsuranceReports.Kpis kpis(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate asOf) {
        return reports.kpis(asOf == null ? LocalDate.now(clock) : asOf);
    }
}
