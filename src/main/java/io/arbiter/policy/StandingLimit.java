package io.arbiter.policy;

import java.time.LocalDate;

import io.arbiter.shared.Money;

/**
 * A credit limit approved by people for a company and in force: it takes the place of the limit the policy computes,
 * still capped by the credit insurer's cover.
 *
 * @param id the limit's id in {@code /api/v1/limits}
 * @param entity the supplier's legal entity (its ledger code) whose limit it is: the entity the order is for
 * @param source {@code REQUEST}, {@code POLICY_PROPOSAL} or {@code INSURER}: where the approved amount came from
 * @param validUntil its review date: the last day it is in force
 */
public record StandingLimit(String id, String entity, Money amount, LocalDate validUntil, String source) {
}
