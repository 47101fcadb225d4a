package io.arbiter.dunning.planning;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.arbiter.policy.ActivePolicy;
import io.arbiter.policy.Applicant;
import io.arbiter.policy.DunningCase;
import io.arbiter.policy.DunningProfile;
import io.arbiter.policy.Escalation;
import io.arbiter.policy.PolicyEngine;

/**
 * Dunning's questions put to the policy engine, each answered by the version serving when it is asked.
 *
 * <p>The engine's answers are remembered for the version that gave them: an agenda asks them again for every customer
 * each time it is opened (a collector's several times a day), and they cost most of its time. An answer depends only on
 * the version and the question (the customer's facts, or the plan, risk class and overdue amount), which are the keys:
 * a customer whose facts changed asks a new question, and another version published starts afresh.
 */
@Component
class ActiveDunningRules implements DunningRules {

    /** Enough for the customers of a large ledger; past it, the answers are forgotten and remembered again. */
    private static final int REMEMBERED = 200_000;

    private final PolicyEngine policy;
    private final AtomicReference<Answers> answers = new AtomicReference<>(new Answers(""));

    /** One version's answers. */
    private record Answers(String version, Map<Applicant, DunningProfile> profiles,
            Map<DunningCase, Escalation> escalations) {

        Answers(String version) {
            this(version, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        }
    }

    ActiveDunningRules(PolicyEngine policy) {
        this.policy = policy;
    }

    @Override
    public ActivePolicy active() {
        return policy.active();
    }

    @Override
    public DunningProfile profile(Applicant applicant) {
        return remembered(Answers::profiles, applicant, policy::dunningProfile, DunningProfile::policyVersion);
    }

    @Override
    public Escalation escalation(DunningCase dunningCase) {
        return remembered(Answers::escalations, dunningCase, policy::escalation, Escalation::policyVersion);
    }

    private <Q, A> A remembered(Function<Answers, Map<Q, A>> kind, Q question, Function<Q, A> ask,
            Function<A, String> versionOf) {
        String serving = policy.active().version();
        Answers current = answers.get();
        if (!current.version().equals(serving)) {
            Answers fresh = new Answers(serving);
            current = answers.compareAndSet(current, fresh) ? fresh : answers.get();
        }
        Map<Q, A> known = kind.apply(current);
        A answer = known.get(question);
        if (answer != null) {
            return answer;
        }
        answer = ask.apply(question);
        // A version published between reading the serving one and asking: the answer is the new version's, not kept
        // under the old one (the planner sees the version differ and makes its answer again).
        if (versionOf.apply(answer).equals(current.version())) {
            if (known.size() >= REMEMBERED) {
                known.clear();
            }
            known.put(question, answer);
        }
        return answer;
    }
}
