package io.arbiter.security;

/**
 * The roles of docs/architecture.md §8. {@code POLICY_DEVELOPER} may upload {@code .drl} files (rules written in DRL, checked
 * against the same policy language as the tables), which finance roles may not; it approves and publishes nothing.
 */
public enum Role {
    ORDER_SYSTEM, DUNNING_ENGINE, CREDIT_ANALYST, CREDIT_MANAGER, ADMIN, SALESPERSON, POLICY_DEVELOPER;

    /** Whether these granted authorities ({@code ROLE_X}) hold this role. */
    public boolean heldBy(java.util.Collection<? extends org.springframework.security.core.GrantedAuthority> authorities) {
        return authorities.stream().anyMatch(authority -> authority.getAuthority().equals("ROLE_" + name()));
    }
}
