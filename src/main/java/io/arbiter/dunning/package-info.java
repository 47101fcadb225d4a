/**
 * Dunning: which collection actions are due for a customer and for the whole portfolio on a date, from the escalation
 * tables of the active policy (plan by segmentation, step by days past the due date, overdue amount and risk class),
 * with the law's clocks (late-payment interest, the €40 indemnity, the claim deadline in insolvency proceedings), the
 * message templates in French and English, and the outcomes collectors report, which pause, resume or stop the
 * escalation. Disputes and promises are written to the ledger; the actions and their outcomes are this module's own.
 * <p>
 * This package is the module's API: the requests and answers ({@link io.arbiter.dunning.DunningApi}), next actions
 * for one customer ({@link io.arbiter.dunning.NextActionsService}), the collector's agenda
 * ({@link io.arbiter.dunning.DunningAgenda}), outcomes, sending and history, and the settings. Its parts:
 * {@code cases} (a customer's case, its proceedings, the actions and outcomes stored), {@code planning} (the policy's
 * plan and the step due per invoice), {@code letters} (amounts owed, templates, PDF and e-mail), {@code agency} (the
 * collection agency's case file) and {@code web}.
 */
package io.arbiter.dunning;
