package io.arbiter.policy;

/** Global {@code stops} of the hard-stop rules: {@code stops.reject()} or {@code stops.review()}. */
public final class HardStopResult extends StageResult {

    private boolean rejected;
    private boolean review;

    public void reject() {
        rejected = true;
    }

    public void review() {
        review = true;
    }

    boolean isRejected() {
        return rejected;
    }

    boolean needsReview() {
        return review;
    }
}
