package io.arbiter.limits.review;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.arbiter.bureau.InsolvencyReported;
import io.arbiter.bureau.SolvencyChanged;
import io.arbiter.limits.standing.StandingLimits;
import io.arbiter.shared.RegistrationNumbers;

/**
 * What the bureaus' monitoring means for standing limits: insolvency proceedings suspend the limits (of every entity) at once (decisions
 * fall back on the policy, whose hard stops reject such a company) and open a review; a lower score band opens a
 * review, leaving the limit in force until a person decides.
 */
@Component
class BureauEvents {

    private static final Logger log = LoggerFactory.getLogger(BureauEvents.class);
    private static final String BANDS = "ABCDE";

    private final StandingLimits limits;
    private final ReviewTasks tasks;

    BureauEvents(StandingLimits limits, ReviewTasks tasks) {
        this.limits = limits;
        this.tasks = tasks;
    }

    @ApplicationModuleListener
    void on(InsolvencyReported event) {
        String company = RegistrationNumbers.normalise(event.country(), event.registrationNumber(), "registrationNumber").company();
        String detail = event.provider() + " reports insolvency proceedings (report of " + event.reportDate() + ")";
        limits.suspend(event.country(), company, event.provider(), detail).forEach(limit -> log.info(
                "Standing limit {} of {} for entity {} suspended: {}", limit.id(), event.registrationNumber(),
                limit.entity(), detail));
        tasks.open(event.country(), company, event.registrationNumber(), "INSOLVENCY", detail,
                "INSOLVENCY:" + event.country() + ":" + company + ":" + event.reportDate());
    }

    @ApplicationModuleListener
    void on(SolvencyChanged event) {
        if (event.previous() == null || BANDS.indexOf(event.current().band()) <= BANDS.indexOf(event.previous().band())) {
            return;
        }
        String company = RegistrationNumbers.normalise(event.country(), event.registrationNumber(), "registrationNumber").company();
        tasks.open(event.country(), company, event.registrationNumber(), "SCORE_DOWN", event.provider() + " moved the band from "
                + event.previous().band() + " to " + event.current().band() + " (grade " + event.previous().grade() + " to "
                + event.current().grade() + ")", "SCORE_DOWN:" + event.provider() + ":" + event.notificationId());
    }
}
