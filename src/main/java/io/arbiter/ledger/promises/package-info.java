/**
 * Promises to pay, judged as their dates pass. {@link io.arbiter.ledger.promises.PromiseKeeping} marks a promise KEPT
 * once what was paid reaches the promised amount by the promised date plus a grace period, BROKEN once that day has
 * passed without it; it runs on a schedule and at the end of every import. Promises are recorded through
 * {@link io.arbiter.ledger.Collections}. Internal to the ledger module.
 */
package io.arbiter.ledger.promises;
