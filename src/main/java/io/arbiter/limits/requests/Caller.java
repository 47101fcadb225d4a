package io.arbiter.limits.requests;

import java.util.List;
import java.util.Set;

import io.arbiter.security.PortfolioScope;
import io.arbiter.security.Role;

/**
 * Who is asking: the API key's holder as records name it, its roles, and the portfolio it may see.
 *
 * @param name the person or system, as every request and verdict records it
 */
public record Caller(String name, Set<Role> roles, PortfolioScope scope) {

    /** Approval authority, lowest first: a role may approve what the matrix gives to it or to a role below. */
    private static final List<Role> APPROVERS = List.of(Role.CREDIT_ANALYST, Role.CREDIT_MANAGER);

    /** The highest role this caller approves with; -1 when it approves nothing. */
    int approvalRank() {
        int rank = -1;
        for (int i = 0; i < APPROVERS.size(); i++) {
            if (roles.contains(APPROVERS.get(i))) {
                rank = i;
            }
        }
        return rank;
    }

    /**
     * Whether a verdict by this caller would be taken now, by the rules {@link RequestVerdicts} enforces: the request is
     * pending, not theirs, given to their role or one below, and not yet decided by them. Screens show the verdict
     * buttons only then.
     */
    public boolean mayDecide(LimitRequest request) {
        return request.status().equals("PENDING") && !request.requestedBy().equals(name)
                && approvalRank() >= 0 && approvalRank() >= rankOf(request.approval().role())
                && request.verdicts().stream().noneMatch(verdict -> verdict.approver().equals(name));
    }

    static int rankOf(String role) {
        return APPROVERS.indexOf(Role.valueOf(role));
    }

    String approvalRole() {
        return APPROVERS.get(approvalRank()).name();
    }

    /** How the request records who asked: a salesperson, finance staff, or the order system after a decision. */
    String requesterRole() {
        for (Role role : List.of(Role.CREDIT_MANAGER, Role.CREDIT_ANALYST, Role.SALESPERSON, Role.ORDER_SYSTEM, Role.ADMIN)) {
            if (roles.contains(role)) {
                return role.name();
            }
        }
        return "UNKNOWN";
    }
}
