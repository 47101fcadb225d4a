package io.arbiter.security;

/** The roles of DESIGN.md §8. */
public enum Role {
    ORDER_SYSTEM, DUNNING_ENGINE, CREDIT_ANALYST, CREDIT_MANAGER, ADMIN, SALESPERSON
}
