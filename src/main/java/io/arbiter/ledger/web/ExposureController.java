package io.arbiter.ledger.web;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.arbiter.ledger.Exposures;
import io.arbiter.security.PortfolioGuard;
import io.arbiter.security.PortfolioScope;
import io.arbiter.shared.ProblemException;
import io.swagger.v3.oas.annotations.Operation;

@RestController
class ExposureController {

    private final Exposures exposures;
    private final PortfolioGuard portfolios;
    private final Clock clock;

    ExposureController(Exposures exposures, PortfolioGuard portfolios, Clock clock) {
        this.exposures = exposures;
        this.portfolios = portfolios;
        this.clock = clock;
    }

    @Operation(summary = "A customer's exposure (open receivables + orders backlog) per currency, and its group's")
    @GetMapping("/api/v1/ledger/customers/{registrationNumber}/exposure")
    Exposures.CustomerExposure exposure(@PathVariable String registrationNumber,
            @RequestParam(defaultValue = "FR") String country,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate asOf,
            Principal caller) {
        PortfolioScope scope = PortfolioScope.of(caller);
        portfolios.requireCompany(scope, country, registrationNumber);
        LocalDate day = asOf == null ? LocalDate.now(clock) : asOf;
        Exposures.CustomerExposure exposure = exposures.of(country, registrationNumber, day).orElseThrow(() -> new ProblemException(
                HttpStatus.NOT_FOUND, "customer-not-found", "Customer not in the ledger", "No ledger customer carries registration number '"
                        + registrationNumber + "' (" + country + "); import the customer file first"));
        return scope.isLimited() ? exposure.companyOnly() : exposure;
    }
}
