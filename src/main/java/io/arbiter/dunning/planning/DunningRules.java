package io.arbiter.dunning.planning;

import io.arbiter.policy.ActivePolicy;
import io.arbiter.policy.Applicant;
import io.arbiter.policy.DunningCase;
import io.arbiter.policy.DunningProfile;
import io.arbiter.policy.Escalation;

/**
 * What dunning asks of the active policy: which version serves (and in which currency), the plan and risk class it
 * gives a customer, and its escalation table's rows for a case. Each answer names the version it came from, which is
 * how {@link DunningPlanner} tells that a version was published between two of them.
 */
interface DunningRules {

    ActivePolicy active();

    DunningProfile profile(Applicant applicant);

    Escalation escalation(DunningCase dunningCase);
}
