package io.arbiter.pool.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.arbiter.pool.protocol.Bands;
import io.arbiter.pool.protocol.Contribution;
import io.arbiter.pool.PoolProperties;
import io.arbiter.shared.ProblemException;

/**
 * The pool server's rules: what a contribution may hold, and when a member receives a signal (k distinct other
 * contributors in the window, and give-to-get).
 */
@Service
@Profile("pool")
class PoolServer {

    /** Older months are not taken: the signal reads 24 months at most. */
    private static final int OLDEST_MONTH = 24;

    private final PoolExperiences experiences;
    private final PoolProperties.Server settings;
    private final Clock clock;
    /**
     * Members known to have shared lately, for a minute: a signal then costs one query. Only "has shared" is kept, so a
     * new contributor is served at once, and one whose last contribution just grew too old at most a minute longer.
     */
    private final Cache<String, Boolean> sharing = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1))
            .maximumSize(10_000).build();

    PoolServer(PoolExperiences experiences, PoolProperties properties, Clock clock) {
        this.experiences = experiences;
        this.settings = properties.server();
        this.clock = clock;
    }

    Contribution.Receipt contribute(String member, YearMonth month, Contribution contribution) {
        YearMonth current = YearMonth.now(clock);
        if (month.isAfter(current) || month.isBefore(current.minusMonths(OLDEST_MONTH))) {
            throw invalid("month", "month " + month + " must be between " + current.minusMonths(OLDEST_MONTH) + " and " + current);
        }
        List<Contribution.Experience> rows = contribution.experiences() == null ? List.of() : contribution.experiences();
        List<Map<String, Object>> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Contribution.Experience row = rows.get(i);
            String at = "experiences[" + i + "].";
            if (row.subject() == null || !row.subject().matches("[0-9a-f]{64}")) {
                errors.add(Map.of("field", at + "subject", "message", "must be a pseudonym: 64 lower-case hex digits (HMAC-SHA256)"));
            }
            if (!Bands.AMOUNT.contains(row.amountBand())) {
                errors.add(Map.of("field", at + "amountBand", "message", "must be one of " + Bands.AMOUNT));
            }
            if (!Bands.DAYS_BEYOND_TERMS.contains(row.daysBeyondTermsBand())) {
                errors.add(Map.of("field", at + "daysBeyondTermsBand", "message", "must be one of " + Bands.DAYS_BEYOND_TERMS));
            }
            if (row.invoices() <= 0) {
                errors.add(Map.of("field", at + "invoices", "message", "must be at least 1"));
            }
            if (!seen.add(row.subject() + "|" + row.amountBand() + "|" + row.daysBeyondTermsBand())) {
                errors.add(Map.of("field", at + "subject", "message", "the same subject and bands appear twice; send one row with their total"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-contribution", "Invalid contribution",
                    errors.size() + " experience field(s) are wrong; nothing was stored for " + month, Map.of("errors", errors));
        }
        experiences.replace(member, month, rows, clock.instant());
        return new Contribution.Receipt(month.toString(), experiences.count(member, month));
    }

    Contribution.Signal signal(String member, String subject) {
        if (!subject.matches("[0-9a-f]{64}")) {
            throw invalid("subject", "the subject must be a pseudonym: 64 lower-case hex digits (HMAC-SHA256)");
        }
        Instant now = clock.instant();
        if (sharing.getIfPresent(member) == null) {
            if (!experiences.sharedSince(member, now.atOffset(ZoneOffset.UTC).minusMonths(settings.giveToGetMonths()).toInstant())) {
                return Contribution.Signal.without("CONTRIBUTE_FIRST");
            }
            sharing.put(member, Boolean.TRUE);
        }
        YearMonth current = YearMonth.now(clock);
        return Signals.of(experiences.othersOn(subject, member, current.minusMonths(OLDEST_MONTH)), current,
                settings.minContributors(), settings.windowMonths());
    }

    private static ProblemException invalid(String field, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail,
                Map.of("errors", List.of(Map.of("field", field, "message", detail))));
    }
}
