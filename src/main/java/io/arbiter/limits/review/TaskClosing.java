package io.arbiter.limits.review;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.arbiter.limits.requests.Caller;
import io.arbiter.limits.requests.Problems;
import io.arbiter.security.PortfolioGuard;
import io.arbiter.shared.ProblemException;

/**
 * A person closes a review task once they have looked at the limit again, saying what came of it and why: the task then
 * leaves the open list and keeps its outcome. Closing changes no limit; a change goes through a limit request.
 */
@Service
public class TaskClosing {

    /**
     * {@code KEPT}: the limit stays as it is; {@code CHANGE_REQUESTED}: a limit request follows (or was made);
     * {@code NO_LIMIT}: the company is to have no standing limit any more (it expires or stays suspended).
     */
    public static final List<String> OUTCOMES = List.of("KEPT", "CHANGE_REQUESTED", "NO_LIMIT");

    private final ReviewTasks tasks;
    private final PortfolioGuard portfolios;
    private final Clock clock;

    TaskClosing(ReviewTasks tasks, PortfolioGuard portfolios, Clock clock) {
        this.tasks = tasks;
        this.portfolios = portfolios;
        this.clock = clock;
    }

    /** Closes task {@code id} with an outcome and a comment; the task as closed. */
    @Transactional
    public ReviewTasks.Task close(long id, @Nullable String outcome, @Nullable String comment, Caller caller) {
        ReviewTasks.Task task = tasks.find(id)
                .filter(found -> !caller.scope().isLimited() || portfolios.coversCompany(caller.scope(),
                        found.company().country(), found.company().registrationNumber()))
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "review-task-not-found",
                        "Review task not found", "No limit review task " + id));
        String wanted = outcome == null ? "" : outcome.strip().toUpperCase(Locale.ROOT);
        if (!OUTCOMES.contains(wanted)) {
            throw Problems.invalid("outcome", outcome == null || outcome.isBlank() ? "is required: one of " + OUTCOMES
                    : "must be one of " + OUTCOMES);
        }
        if (comment == null || comment.isBlank()) {
            throw Problems.invalid("comment", "is required: say what you looked at and why");
        }
        if (comment.length() > 2000) {
            throw Problems.invalid("comment", "is longer than 2000 characters");
        }
        var closing = new ReviewTasks.Closing(wanted, comment.strip(), caller.name(), clock.instant());
        if (!tasks.close(task.id(), closing)) {
            ReviewTasks.Closing earlier = task.closed() != null ? task.closed()
                    : tasks.find(id).map(ReviewTasks.Task::closed).orElse(null);
            throw Problems.field(HttpStatus.CONFLICT, "review-task-closed", "Review task already closed", "id",
                    "was closed" + (earlier == null ? "" : " by " + earlier.by() + " (" + earlier.outcome() + ")"));
        }
        return tasks.find(id).orElseThrow();
    }
}
