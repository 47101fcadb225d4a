/**
 * Credit limits as managed objects: a standing limit per company, approved by the people the approval matrix (a
 * decision table, {@code RuleSet arbiter.approval}) names, valid until its review date, kept with its history, suspended
 * at once when the bureau reports insolvency, and capped by the credit insurer's cover in force, imported from the
 * insurer's files. Credit decisions read it through {@link io.arbiter.decision.StandingLimitSource}; changes are
 * announced as {@link io.arbiter.limits.CreditLimitChanged} and kept as a feed. Tables {@code limit_*} and
 * {@code insurance_*} (migration V250).
 */
package io.arbiter.limits;
