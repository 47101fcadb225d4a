/**
 * The quickstart's demo ledger, loaded once and under the {@code quickstart} profile only.
 * {@link io.arbiter.ledger.demo.DemoLedger} imports the ERP exports in {@code docs/examples/ledger} through the same
 * import as any export, then sets the dispute date and records the promise to pay that the documentation's
 * walkthroughs show. Internal to the ledger module.
 */
package io.arbiter.ledger.demo;
