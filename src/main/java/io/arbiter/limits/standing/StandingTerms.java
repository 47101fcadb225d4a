package io.arbiter.limits.standing;

import java.time.LocalDate;

import org.springframework.stereotype.Component;

import io.arbiter.decision.StandingLimitSource;
import io.arbiter.limits.insurance.InsuranceCovers;
import io.arbiter.policy.StandingLimit;

/** What credit decisions read of this module: the standing limit and the insurer's cover in force on the order's day. */
@Component
class StandingTerms implements StandingLimitSource {

    private final StandingLimits limits;
    private final InsuranceCovers covers;

    StandingTerms(StandingLimits limits, InsuranceCovers covers) {
        this.limits = limits;
        this.covers = covers;
    }

    @Override
    public Terms termsFor(String country, String company, LocalDate day) {
        StandingLimit standing = limits.inForce(country, company, day)
                .map(limit -> new StandingLimit(limit.id().toString(), limit.amount(), limit.validUntil(), limit.source()))
                .orElse(null);
        return new Terms(standing, covers.inForce(country, company, day).map(cover -> cover.coverOn(day).amount()).orElse(null));
    }
}
