package io.arbiter.limits.requests;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpStatus;

import io.arbiter.security.PortfolioScope;
import io.arbiter.security.Role;
import io.arbiter.shared.ProblemException;

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
     * Whether a verdict by this caller would be taken now: {@link #refusal} finds nothing against it. Screens show the
     * verdict buttons only then.
     */
    public boolean mayDecide(LimitRequest request) {
        return refusal(request).isEmpty();
    }

    /**
     * Why this caller may not give a verdict on the request now, maker-checker: the request must be pending, not
     * theirs, given to their role or one below, and not yet decided by them. The one home of these rules, for
     * {@link RequestVerdicts} and for the screens.
     */
    Optional<ProblemException> refusal(LimitRequest request) {
        if (!request.status().equals("PENDING")) {
            return Optional.of(Problems.field(HttpStatus.CONFLICT, "limit-request-closed", "Limit request closed", "id",
                    "request " + request.id() + " is " + request.status() + "; it takes no more verdicts"));
        }
        if (request.requestedBy().equals(name)) {
            return Optional.of(Problems.field(HttpStatus.FORBIDDEN, "maker-checker", "The requester cannot decide",
                    "approver", name + " made this request and may not approve or refuse it: another person must"));
        }
        if (approvalRank() < rankOf(request.approval().role())) {
            return Optional.of(Problems.field(HttpStatus.FORBIDDEN, "approver-role-too-low",
                    "Role below the approval matrix's", "approver", "the approval matrix gives this request to "
                            + request.approval().role()
                            + (request.approval().approvers() > 1 ? " (" + request.approval().approvers() + " people)" : "")
                            + "; " + name + " approves as " + (approvalRank() < 0 ? "nobody" : approvalRole())));
        }
        if (request.verdicts().stream().anyMatch(verdict -> verdict.approver().equals(name))) {
            return Optional.of(Problems.field(HttpStatus.CONFLICT, "already-decided", "Already decided", "approver",
                    name + " already gave a verdict on this request; another person must give the next one"));
        }
        return Optional.empty();
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
