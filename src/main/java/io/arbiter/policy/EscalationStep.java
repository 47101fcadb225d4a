package io.arbiter.policy;

import java.util.Set;

/**
 * One row of a dunning plan that applies to a case: its step (level) in the plan, the day relative to an invoice's due
 * date from which it is due, what to do, through which channel, with which message template, whether a person must
 * confirm it, who does it, and the row it came from.
 */
public record EscalationStep(int step, int afterDueDays, String action, String channel, String template,
        boolean confirm, String assignee, Reason reason) {

    public static final Set<String> ACTIONS = Set.of("PRE_DUE_CHECK", "REMINDER", "CALL", "WRITTEN_CONFIRMATION",
            "FIRM_REMINDER", "FORMAL_NOTICE", "STOP_DELIVERIES", "AGENCY_HANDOFF", "PAYMENT_ORDER", "DECLARE_CLAIM",
            "INTERNAL_ALERT");
    public static final Set<String> CHANNELS = Set.of("EMAIL", "LETTER", "REGISTERED_LETTER", "SMS", "PHONE", "INTERNAL");

    static String requireAction(String value) {
        if (!ACTIONS.contains(value)) {
            throw new IllegalArgumentException("action '" + value + "' is not one of " + String.join(", ", ACTIONS));
        }
        return value;
    }

    static String requireChannel(String value) {
        if (!CHANNELS.contains(value)) {
            throw new IllegalArgumentException("channel '" + value + "' is not one of " + String.join(", ", CHANNELS));
        }
        return value;
    }
}
