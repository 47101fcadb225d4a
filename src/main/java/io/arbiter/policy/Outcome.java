package io.arbiter.policy;

/** What the policy answers to an order. */
public enum Outcome {
    /** Exposure with this order stays within the granted limit and no rule stops it. */
    APPROVED,
    /** A person must look: slightly above the limit, stale or missing bureau data, a new customer, a policy gap... */
    REVIEW,
    /** Above the limit beyond tolerance, or stopped by a hard rule (insolvency proceedings, ceased company...). */
    REJECTED
}
