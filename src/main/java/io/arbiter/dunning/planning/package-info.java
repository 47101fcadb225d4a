/**
 * Which step of which plan is due for each invoice, as the active policy says. The policy gives a customer its plan
 * and risk class and its escalation table the steps, every answer of an assessment read from one version
 * ({@link io.arbiter.dunning.planning.DunningPlanner}, asking through
 * {@link io.arbiter.dunning.planning.ActiveDunningRules}, which remembers the answers per version); invoice by invoice,
 * disputes are set aside, promises pause the escalation and actions done are not proposed again
 * ({@link io.arbiter.dunning.planning.Escalator}). Internal to the dunning module.
 */
package io.arbiter.dunning.planning;
