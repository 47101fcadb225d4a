package io.arbiter.dunning;

/** What happened when an action was carried out. */
public enum OutcomeKind {
    /** The message went out (email, letter, registered letter, SMS) or the internal step was done. */
    SENT(true),
    CALL_REACHED(true),
    /** The call was made and nobody answered: the step counts as done, the next one follows on its day. */
    CALL_NO_ANSWER(true),
    /** The customer promised to pay on a date: escalation pauses until then plus the grace period. */
    PROMISE_TO_PAY(true),
    /** The customer disputes invoices: they are isolated from dunning until the dispute is resolved. */
    DISPUTE(true),
    /** The contact was wrong: the action stays due until it reaches the right person. */
    WRONG_CONTACT(false),
    /** The claim was declared to the court-appointed representative. */
    CLAIM_DECLARED(true);

    private final boolean done;

    OutcomeKind(boolean done) {
        this.done = done;
    }

    /** Whether the action counts as carried out, so that it is not proposed again. */
    public boolean done() {
        return done;
    }
}
