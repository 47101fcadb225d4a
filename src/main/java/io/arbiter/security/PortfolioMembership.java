package io.arbiter.security;

import java.util.List;

/**
 * What the ledger says of salespeople's portfolios, for {@link PortfolioGuard}: the ledger assigns each customer
 * account to a salesperson, and a company is in a portfolio when one of its accounts is (then the whole company, as
 * a credit decision counts it).
 */
public interface PortfolioMembership {

    /** Whether one of the company's accounts (the same company of the same country) is this salesperson's. */
    boolean hasCompany(String salesperson, String country, String company);

    /** Whether the ledger assigns this customer account to this salesperson. */
    boolean hasAccount(String salesperson, String account);

    /** The companies of the salesperson's portfolio, by company key ({@code country:company}). */
    List<String> companyKeys(String salesperson);
}
