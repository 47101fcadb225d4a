package io.arbiter.decision;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import io.arbiter.policy.StandingLimit;

/**
 * What people decided about a company's credit limit, read for each decision: the standing limit in force and the
 * credit insurer's cover in force. The {@code limits} module provides it; without it, decisions use the policy's
 * computed limit and the cover the order system sends.
 */
public interface StandingLimitSource {

    /**
     * @param standing the approved limit of the entity in force on the day, null when none is (none approved, expired,
     *                 suspended, or no entity to say whose)
     * @param insurerCover the insurer's cover in force on the day, in the policy's currency (0 when refused or
     *                     cancelled); null when the insurer's files say nothing of this company
     */
    record Terms(@Nullable StandingLimit standing, @Nullable BigDecimal insurerCover) {

        public static final Terms NONE = new Terms(null, null);
    }

    /**
     * The terms in force on {@code day} for the company with this company key ({@code RegistrationNumbers}' company),
     * when the supplier's legal entity {@code entity} sells to it. With no entity, the ledger's only legal entity when
     * it has one; when it has several, no standing limit applies (only the order's entity could say whose).
     */
    Terms termsFor(@Nullable String entity, String country, String company, LocalDate day);
}
