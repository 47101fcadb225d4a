package io.arbiter.policy;

import org.jspecify.annotations.Nullable;

/**
 * Global {@code approval} of the approval matrix: which role approves a requested limit and how many distinct people of
 * that role (or above) must approve it. A single-hit table: rows that disagree are a conflict, never a silent pick.
 */
public final class ApprovalResult extends StageResult {

    private @Nullable String role;
    private @Nullable Integer approvers;

    /** {@code CREDIT_ANALYST} or {@code CREDIT_MANAGER}: the lowest role that may approve. */
    public void role(String value) {
        role = assign("approver role", role, ApprovalRule.requireRole(value));
    }

    /** How many different people must approve (the requester never counts). */
    public void approvers(int count) {
        if (count < 1 || count > 5) {
            throw new IllegalArgumentException("approvers " + count + " must be between 1 and 5");
        }
        approvers = assign("number of approvers", approvers, count);
    }

    @Nullable String role() {
        return role;
    }

    int approvers() {
        return approvers == null ? 1 : approvers;
    }
}
