package io.arbiter.security;

import java.security.Principal;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;

import io.arbiter.shared.ProblemException;

/**
 * The part of the ledger a caller may see (docs/architecture.md §1): a salesperson's key sees only the customers the ledger assigns
 * to that salesperson (the {@code salesperson} of their account); finance staff and the other clients see every
 * customer. A key that holds a finance role besides SALESPERSON sees everything.
 *
 * @param salesperson the salesperson whose portfolio the caller is limited to; null for no limit
 */
public record PortfolioScope(@Nullable String salesperson) {

    static final PortfolioScope WHOLE_LEDGER = new PortfolioScope(null);

    /** The scope of the caller that Spring passes to a controller as its {@link Principal}. */
    public static PortfolioScope of(@Nullable Principal caller) {
        return caller instanceof Authentication authentication && authentication.getDetails() instanceof PortfolioScope scope
                ? scope : WHOLE_LEDGER;
    }

    public boolean isLimited() {
        return salesperson != null;
    }

    /** The 404 for a customer outside this portfolio, named by {@code customer} ("carries registration number ..."). */
    public ProblemException outside(String customer) {
        return new ProblemException(HttpStatus.NOT_FOUND, "customer-not-found", "Customer not in your portfolio",
                "No customer of " + salesperson + "'s portfolio " + customer);
    }
}
