package io.arbiter.bureau.providers;

import java.net.URI;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.arbiter.bureau.SolvencyService;

/**
 * Asks the quickstart's sandbox bureau once before Arbiter reports ready, so that the first decision after a start
 * gets its report. That first call pays for everything cold on the way (the server's first requests, the Feign
 * client, the sign-in, JSON, Resilience4j) and can take longer than a decision's time budget
 * ({@code arbiter.decision.outside-budget}): the README's first order then went to REVIEW without a report. Spring
 * reports readiness as accepting traffic only once the ready event's listeners have returned, so readiness waits.
 *
 * <p>Only the sandbox is asked, and only when the Creditsafe provider points at this very server: its answers are fake
 * and free, and the report is kept nowhere (no cache, no snapshot, no event); only the sign-in's token is. A real
 * bureau is never called at start: its lookups (search, report, evaluation) are billed or counted against the account,
 * and signing in with wrong credentials at every restart would count towards Creditsafe's lock-out (5 failures in 2
 * minutes). Warming only the local half (Feign, JSON, Resilience4j) is not attempted: without a call, neither the
 * connection nor the sign-in, the first call's round trips, would be ready. So there the first decision after a start
 * may go on without a fresh report, as during any outage, and its call still fills the cache for the next ones.
 */
@Component
@ConditionalOnProperty(prefix = "arbiter.bureau.sandbox", name = "enabled", havingValue = "true")
class SandboxWarmUp {

    private static final Logger log = LoggerFactory.getLogger(SandboxWarmUp.class);

    /** Atelier Moreau SARL: known to the sandbox, so the search, the report and its reading are all used. */
    private static final String COMPANY = "402202006";
    private static final Set<String> THIS_MACHINE = Set.of("localhost", "127.0.0.1", "[::1]");

    private final SolvencyService solvency;
    private final CreditsafeProperties creditsafe;
    private final Environment environment;

    SandboxWarmUp(SolvencyService solvency, CreditsafeProperties creditsafe, Environment environment) {
        this.solvency = solvency;
        this.creditsafe = creditsafe;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void askTheSandboxOnce() {
        if (!creditsafeIsTheSandbox()) {
            return;
        }
        long start = System.nanoTime();
        try {
            solvency.warmUp("creditsafe", COMPANY, "FR");
            log.info("Sandbox bureau answered its warm-up lookup in {} ms; ready for decisions",
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            // Not a reason to refuse traffic: decisions survive an unavailable bureau, as they do in production.
            log.warn("The sandbox bureau did not answer its warm-up lookup ({}); the first decisions may go on without"
                    + " its report", e.getMessage());
        }
    }

    /** The Creditsafe provider is the sandbox when its base URL is this server's {@code /sandbox/creditsafe}. */
    private boolean creditsafeIsTheSandbox() {
        String port = environment.getProperty("local.server.port");
        if (creditsafe.baseUrl() == null || port == null) {
            return false;
        }
        try {
            URI url = URI.create(environment.resolveRequiredPlaceholders(creditsafe.baseUrl()));
            return THIS_MACHINE.contains(url.getHost()) && String.valueOf(url.getPort()).equals(port)
                    && "/sandbox/creditsafe".equals(url.getPath());
        } catch (IllegalArgumentException notAUrl) {
            return false;
        }
    }
}
