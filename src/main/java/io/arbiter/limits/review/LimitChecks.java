package io.arbiter.limits.review;

import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.arbiter.limits.LimitsProperties;
import io.arbiter.limits.requests.LimitRequests;
import io.arbiter.limits.standing.StandingLimits;
import io.arbiter.pool.PoolSignal;
import io.arbiter.pool.PoolSignals;
import io.arbiter.shared.RegistrationNumbers;

/**
 * The periodic check: requests nobody decided in time expire, limits past their review date expire (decisions then use
 * the policy's limit), limits nearing it open a review task, and so does a community-pool signal turning worse (the
 * signal last received: the check never waits on the pool). Safe on several replicas: each change is a conditional
 * update and each task opens once.
 */
@Component
public class LimitChecks {

    private static final Logger log = LoggerFactory.getLogger(LimitChecks.class);

    private final LimitRequests requests;
    private final StandingLimits limits;
    private final ReviewTasks tasks;
    private final LimitsProperties properties;
    private final PoolSignals pool;
    private final Clock clock;

    LimitChecks(LimitRequests requests, StandingLimits limits, ReviewTasks tasks, LimitsProperties properties,
            PoolSignals pool, Clock clock) {
        this.requests = requests;
        this.limits = limits;
        this.tasks = tasks;
        this.properties = properties;
        this.pool = pool;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${arbiter.limits.check-interval:1h}", fixedDelayString = "${arbiter.limits.check-interval:1h}")
    public void run() {
        LocalDate today = LocalDate.now(clock);
        int expiredRequests = requests.expire();
        int expiredLimits = limits.expire(today);
        int opened = 0;
        for (StandingLimits.Standing limit : limits.dueForReview(today, today.plusDays(properties.reviewNotice().toDays()))) {
            String company = RegistrationNumbers.normalise(limit.company().country(), limit.company().registrationNumber(),
                    "registrationNumber").company();
            if (tasks.open(limit.company().country(), company, limit.company().registrationNumber(), "EXPIRING",
                    "standing limit " + limit.amount() + " of entity " + limit.entity() + " is due for review on "
                            + limit.validUntil(),
                    "EXPIRING:" + limit.id() + ":" + limit.validUntil())) {
                opened++;
            }
        }
        for (StandingLimits.Standing limit : limits.active()) {
            PoolSignal signal = pool.knownSignalFor(limit.company().country(), limit.company().registrationNumber());
            if (signal.available() && "WORSENING".equals(signal.trend3Months())) {
                String company = RegistrationNumbers.normalise(limit.company().country(),
                        limit.company().registrationNumber(), "registrationNumber").company();
                if (tasks.open(limit.company().country(), company, limit.company().registrationNumber(), "POOL_SIGNAL",
                        "the community pool's late share is worsening (" + signal.lateSharePercent() + " % paid late)",
                        "POOL:" + limit.company().country() + ":" + company + ":" + java.time.YearMonth.from(today))) {
                    opened++;
                }
            }
        }
        if (expiredRequests + expiredLimits + opened > 0) {
            log.info("Limit check: {} requests expired, {} limits expired, {} review tasks opened", expiredRequests,
                    expiredLimits, opened);
        }
    }
}
