package io.arbiter.law;

/** Who owes the invoice, which sets the statutory interest margin and the maximum payment term. */
public enum Debtor {
    /** A business (B2B): ECB rate + 10 points, terms of at most 60 days or 45 days end of month. */
    BUSINESS,
    /** A public body (pouvoir adjudicateur): ECB rate + 8 points, terms of at most 30 days. */
    PUBLIC_BODY
}
