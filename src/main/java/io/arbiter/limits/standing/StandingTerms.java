package io.arbiter.limits.standing;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.arbiter.decision.StandingLimitSource;
import io.arbiter.ledger.LegalEntities;
import io.arbiter.ledger.LegalEntity;
import io.arbiter.limits.insurance.InsuranceCovers;
import io.arbiter.policy.StandingLimit;

/**
 * What credit decisions read of this module: the standing limit of the order's legal entity and the insurer's cover in
 * force on the order's day.
 */
@Component
class StandingTerms implements StandingLimitSource {

    private final StandingLimits limits;
    private final InsuranceCovers covers;
    private final LegalEntities entities;

    StandingTerms(StandingLimits limits, InsuranceCovers covers, LegalEntities entities) {
        this.limits = limits;
        this.covers = covers;
        this.entities = entities;
    }

    @Override
    public Terms termsFor(@Nullable String entity, String country, String company, LocalDate day) {
        String seller = entity != null ? entity : entities.only().map(LegalEntity::code).orElse(null);
        StandingLimit standing = seller == null ? null : limits.inForce(seller, country, company, day)
                .map(limit -> new StandingLimit(limit.id().toString(), limit.entity(), limit.amount(), limit.validUntil(),
                        limit.source()))
                .orElse(null);
        return new Terms(standing, covers.inForce(country, company, day).map(cover -> cover.coverOn(day).amount()).orElse(null));
    }
}
