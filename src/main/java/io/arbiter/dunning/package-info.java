/**
 * Dunning: which collection actions are due for a customer and for the whole portfolio on a date, from the escalation
 * tables of the active policy (plan by segmentation, step by days past the due date, overdue amount and risk class),
 * with the law's clocks (late-payment interest, the €40 indemnity, the claim deadline in insolvency proceedings), the
 * message templates in French and English, and the outcomes collectors report, which pause, resume or stop the
 * escalation. Disputes and promises are written to the ledger; the actions and their outcomes are this module's own.
 */
package io.arbiter.dunning;
