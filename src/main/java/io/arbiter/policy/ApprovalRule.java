package io.arbiter.policy;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The approval matrix's answer for one requested limit: the lowest role that may approve it, how many different people
 * must, and the matrix row that says so. {@code role} is null when no row matches, with a {@code (policy)} problem
 * saying why: such a request then needs a credit manager's approval (see {@code limits}).
 */
public record ApprovalRule(String policyVersion, LimitApproval request, @Nullable String role, int approvers,
        @Nullable Reason reason, List<Reason> problems) {

    /** The roles an approval matrix may name, from the lowest. */
    public static final List<String> ROLES = List.of("CREDIT_ANALYST", "CREDIT_MANAGER");

    static String requireRole(String value) {
        String role = value.strip().toUpperCase(Locale.ROOT);
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("approver role '" + value + "' is not one of " + ROLES);
        }
        return role;
    }
}
