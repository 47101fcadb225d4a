package io.arbiter.decision;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.arbiter.shared.Money;

/**
 * A person's answer to a decision the policy sent to review: appended beside the decision, which never changes.
 *
 * @param amount for {@code APPROVE_UP_TO}, the amount of the order approved; null otherwise
 * @param reviewedBy who gave it: a person's username, or the name of the API key that sent it
 */
public record ReviewVerdict(Verdict verdict, @Nullable Money amount, @Nullable String comment, String reviewedBy,
        Instant reviewedAt) {

    public enum Verdict {
        APPROVE, REJECT, APPROVE_UP_TO
    }
}
