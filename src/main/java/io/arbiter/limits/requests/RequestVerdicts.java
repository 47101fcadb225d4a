package io.arbiter.limits.requests;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.arbiter.limits.standing.StandingLimits;
import io.arbiter.shared.Money;
import io.arbiter.shared.RegistrationNumbers;

/**
 * Approvers' verdicts, maker-checker: the requester never approves their own request, an approver's role must be at
 * least the one the matrix names, and each approver counts once. Once as many people as the matrix asks have approved,
 * the lowest amount any of them approved becomes the standing limit; one refusal closes the request.
 */
@Service
public class RequestVerdicts {

    private static final List<String> VERDICTS = List.of("APPROVE", "REDUCE", "REFUSE");

    private final RequestStore store;
    private final StandingLimits limits;
    private final Clock clock;

    RequestVerdicts(RequestStore store, StandingLimits limits, Clock clock) {
        this.store = store;
        this.limits = limits;
        this.clock = clock;
    }

    @Transactional
    public LimitRequest decide(UUID id, VerdictRequest verdict, Caller caller) {
        String kind = verdict.verdict() == null ? "" : verdict.verdict().strip().toUpperCase(Locale.ROOT);
        if (!VERDICTS.contains(kind)) {
            throw Problems.invalid("verdict", "must be one of " + VERDICTS);
        }
        if (verdict.comment() == null || verdict.comment().isBlank()) {
            throw Problems.invalid("comment", "is required: the requester reads it with the verdict");
        }
        LimitRequest request = store.lock(id).orElseThrow(() -> LimitRequests.notFound(id));
        caller.refusal(request).ifPresent(refusal -> {
            throw refusal;
        });
        BigDecimal amount = null;
        if (kind.equals("REDUCE")) {
            amount = reduced(verdict, request);
        }
        Instant now = clock.instant();
        store.verdict(id, caller, kind, amount, verdict.comment().strip(), now);
        if (kind.equals("REFUSE")) {
            store.close(id, "REFUSED", null, now);
            limits.unchanged("REFUSED", id, request.entity(), request.company(), companyKey(request), caller.name(),
                    verdict.comment().strip());
            return store.find(id).orElseThrow();
        }
        LimitRequest updated = store.find(id).orElseThrow();
        if (updated.approval().approvedSoFar() >= updated.approval().approvers()) {
            grant(updated, now);
        }
        return store.find(id).orElseThrow();
    }

    private void grant(LimitRequest request, Instant now) {
        Money granted = request.verdicts().stream().filter(v -> v.verdict().equals("REDUCE")).map(LimitRequest.Verdict::amount)
                .reduce(request.requested(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        boolean reduced = granted.compareTo(request.requested()) < 0;
        store.close(request.id(), reduced ? "REDUCED" : "APPROVED", granted.amount(), now);
        String approvers = String.join(", ", request.verdicts().stream().filter(v -> !v.verdict().equals("REFUSE"))
                .map(LimitRequest.Verdict::approver).toList());
        limits.grant(request.entity(), request.company().country(), companyKey(request), request.company().registrationNumber(), granted,
                request.validUntil(), "REQUEST", approvers, request.id(), "request by " + request.requestedBy() + ": "
                        + request.justification() + (reduced ? " (reduced from " + request.requested() + ")" : ""));
    }

    private static String companyKey(LimitRequest request) {
        return RegistrationNumbers.normalise(request.company().country(), request.company().registrationNumber(),
                "registrationNumber").company();
    }

    private static BigDecimal reduced(VerdictRequest verdict, LimitRequest request) {
        BigDecimal amount = verdict.value();
        if (amount == null) {
            throw Problems.invalid("amount.amount", "is required to reduce: the lower limit approved");
        }
        if (verdict.amount().currency() != null
                && !verdict.amount().currency().strip().equalsIgnoreCase(request.requested().currency().getCurrencyCode())) {
            throw Problems.invalid("amount.currency", "must be " + request.requested().currency() + ", the request's currency");
        }
        if (amount.signum() <= 0 || amount.compareTo(request.requested().amount()) >= 0) {
            throw Problems.invalid("amount.amount", "must be more than 0 and less than the " + request.requested()
                    + " requested (to approve the amount asked, APPROVE; to grant nothing, REFUSE)");
        }
        return amount;
    }
}
