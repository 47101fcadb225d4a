package io.arbiter.policy;

import java.util.List;

/**
 * The active escalation table's answer for one {@link DunningCase}: every row of the case's plan whose conditions hold,
 * by step then row, and anything that went wrong as a {@code (policy)} reason.
 */
public record Escalation(String policyVersion, DunningCase dunningCase, List<EscalationStep> steps, List<Reason> problems) {
}
