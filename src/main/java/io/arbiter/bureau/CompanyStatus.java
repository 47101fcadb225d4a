package io.arbiter.bureau;

/** A company's legal standing as bureaus report it. */
public enum CompanyStatus {
    ACTIVE,
    /** Procédure collective: safeguard, receivership (redressement) or liquidation. */
    INSOLVENCY_PROCEEDINGS,
    /** Ceased trading, struck off the register. */
    CEASED
}
