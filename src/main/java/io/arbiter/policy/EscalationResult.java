package io.arbiter.policy;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Global {@code escalation} of the escalation tables. Unlike the credit stages, every matching row is an answer: each
 * row's action columns fill one step ({@code escalation.step(3); escalation.action("CALL"); ...}) which is closed when
 * the row has fired, so that it keeps the row's identity for its reason.
 */
public final class EscalationResult extends StageResult {

    private int step;
    private int afterDueDays;
    private @Nullable String action;
    private @Nullable String channel;
    private @Nullable String template;
    private boolean confirm;
    private String assignee = "AUTO";
    private final List<Row> rows = new ArrayList<>();

    record Row(String ruleKey, int step, int afterDueDays, String action, String channel, String template, boolean confirm,
            String assignee) {
    }

    public void step(int value) {
        step = value;
    }

    /** Days relative to the invoice's due date from which the step applies: negative before it (a pre-due check). */
    public void afterDueDays(int value) {
        afterDueDays = value;
    }

    public void action(String value) {
        action = EscalationStep.requireAction(value);
    }

    public void channel(String value) {
        channel = EscalationStep.requireChannel(value);
    }

    public void template(String value) {
        template = value;
    }

    /** Whether a person must confirm the action before it goes out; otherwise it may be sent automatically. */
    public void confirm(boolean value) {
        confirm = value;
    }

    /** Who carries it out: {@code AUTO}, {@code COLLECTOR}, {@code SALESPERSON}, {@code CREDIT_MANAGER}, {@code AGENCY}. */
    public void assignee(String value) {
        assignee = value;
    }

    @Override
    void fired(String ruleKey) {
        super.fired(ruleKey);
        if (action != null) {
            rows.add(new Row(ruleKey, step, afterDueDays, action, channel == null ? "INTERNAL" : channel,
                    template == null ? action.toLowerCase(java.util.Locale.ROOT).replace('_', '-') : template, confirm,
                    assignee));
        }
        step = 0;
        afterDueDays = 0;
        action = null;
        channel = null;
        template = null;
        confirm = false;
        assignee = "AUTO";
    }

    List<Row> rows() {
        return rows;
    }
}
