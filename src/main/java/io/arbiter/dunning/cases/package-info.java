/**
 * A customer's case as dunning sees it on one day, and the actions and outcomes stored against it. Its invoices and
 * promises are read from the ledger by account or from the open items an external dunning engine sends inline, checked
 * ({@link io.arbiter.dunning.cases.CaseReader}), with the insolvency proceedings the bureaus reported for its company
 * ({@link io.arbiter.dunning.cases.InsolvencyProceedings}); the actions proposed and the outcomes recorded against them
 * are kept by {@link io.arbiter.dunning.cases.DunningActions}. Tables {@code dunning_action},
 * {@code dunning_action_invoice}, {@code dunning_outcome} and {@code dunning_proceedings}. Internal to the dunning
 * module.
 */
package io.arbiter.dunning.cases;
