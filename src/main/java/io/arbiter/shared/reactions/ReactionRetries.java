package io.arbiter.shared.reactions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the outbox moving. Every event a module publishes is stored in {@code event_publication}, once per listener of
 * another module, in the publisher's own transaction; each listener ({@code @ApplicationModuleListener}) runs after the
 * commit, in a transaction of its own, and its row is marked completed when it succeeds, failed when it throws. Here
 * the failed ones are run again every {@code arbiter.reactions.retry-interval}, and completed ones are deleted past
 * {@code arbiter.reactions.retention}.
 *
 * <p>Reactions left behind by an instance that stopped (still published or in progress) are marked failed by Spring
 * Modulith's staleness check ({@code spring.modulith.events.staleness.*} in application.yaml), and then retried here,
 * by whichever instance gets there first: a restart needs no republication of everything outstanding, which with
 * several instances would run the reactions another one is running. Every listener is idempotent all the same.
 */
@Component
class ReactionRetries {

    private static final Logger log = LoggerFactory.getLogger(ReactionRetries.class);

    private final FailedEventPublications failed;
    private final CompletedEventPublications completed;
    private final ReactionProperties properties;

    ReactionRetries(FailedEventPublications failed, CompletedEventPublications completed, ReactionProperties properties) {
        this.failed = failed;
        this.completed = completed;
        this.properties = properties;
    }

    @Scheduled(initialDelayString = "${arbiter.reactions.retry-interval:1m}",
            fixedDelayString = "${arbiter.reactions.retry-interval:1m}")
    void retryFailed() {
        failed.resubmit(ResubmissionOptions.defaults().withBatchSize(100).withMaxInFlight(100));
    }

    @Scheduled(cron = "0 45 2 * * *")
    void deleteCompleted() {
        completed.deletePublicationsOlderThan(properties.retention());
        log.info("Completed reactions older than {} deleted from the outbox", properties.retention());
    }
}
