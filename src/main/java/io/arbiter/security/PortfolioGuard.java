package io.arbiter.security;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.arbiter.shared.ProblemException;
import io.arbiter.shared.RegistrationNumbers;

/**
 * The one place a caller's {@link PortfolioScope} is checked against the ledger: a salesperson's key sees the
 * companies and accounts the ledger assigns to that salesperson, and any other customer is answered as not found (404,
 * so that a key cannot learn who the other customers are); a report for another salesperson's portfolio is refused
 * (403). Finance staff and the other clients see everything.
 */
@Component
public class PortfolioGuard {

    private final PortfolioMembership ledger;

    PortfolioGuard(PortfolioMembership ledger) {
        this.ledger = ledger;
    }

    /**
     * Refuses as not found a company outside the caller's portfolio; a registration number that is not one is a 400
     * problem whoever asks.
     */
    public void requireCompany(PortfolioScope scope, String country, String registrationNumber) {
        if (!coversCompany(scope, country, registrationNumber)) {
            throw scope.outside("carries registration number '" + registrationNumber + "' (" + country + ")");
        }
    }

    /** Whether the caller sees this company: one of its accounts is the caller's, or the caller sees everything. */
    public boolean coversCompany(PortfolioScope scope, String country, String registrationNumber) {
        RegistrationNumbers.CompanyId company = RegistrationNumbers.normalise(country, registrationNumber,
                "registrationNumber");
        return !scope.isLimited() || ledger.hasCompany(scope.salesperson(), company.country(), company.company());
    }

    /** Refuses as not found a customer account outside the caller's portfolio (an outcome names its customer so). */
    public void requireAccount(PortfolioScope scope, @Nullable String account) {
        if (scope.isLimited() && (account == null || !ledger.hasAccount(scope.salesperson(), account))) {
            throw scope.outside("has the account '" + account + "'");
        }
    }

    /** The company keys ({@code country:company}) the caller sees; null when it sees every company. */
    public @Nullable List<String> companyKeys(PortfolioScope scope) {
        return scope.isLimited() ? ledger.companyKeys(scope.salesperson()) : null;
    }

    /**
     * The salesperson whose customers a report covers: the one asked for, or, for a salesperson's key, its own (asking
     * for another's is refused).
     */
    public @Nullable String reportedSalesperson(PortfolioScope scope, @Nullable String asked) {
        if (!scope.isLimited()) {
            return asked;
        }
        if (asked != null && !asked.strip().equals(scope.salesperson())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", "This API key sees the portfolio of "
                    + scope.salesperson() + " only: leave salesperson out, or give '" + scope.salesperson() + "'");
        }
        return scope.salesperson();
    }
}
