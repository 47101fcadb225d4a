package io.arbiter.dunning;

import org.springframework.stereotype.Component;

import io.arbiter.policy.ActivePolicy;
import io.arbiter.policy.Applicant;
import io.arbiter.policy.DunningCase;
import io.arbiter.policy.DunningProfile;
import io.arbiter.policy.Escalation;
import io.arbiter.policy.PolicyEngine;

/** Dunning's questions put to the policy engine, each answered by the version serving when it is asked. */
@Component
class ActiveDunningRules implements DunningRules {

    private final PolicyEngine policy;

    ActiveDunningRules(PolicyEngine policy) {
        this.policy = policy;
    }

    @Override
    public ActivePolicy active() {
        return policy.active();
    }

    @Override
    public DunningProfile profile(Applicant applicant) {
        return policy.dunningProfile(applicant);
    }

    @Override
    public Escalation escalation(DunningCase dunningCase) {
        return policy.escalation(dunningCase);
    }
}
