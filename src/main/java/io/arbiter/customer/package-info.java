/**
 * The customer as a whole, for the people who follow it (credit managers, analysts, collectors, salespeople): finding a
 * company by name, by any of its numbers or by ledger account, and one page of everything Arbiter knows of it, each
 * part read through its own module's public services (the ledger's accounts, exposure and open items, the standing limit
 * and the insurer's cover, the latest bureau report, the pool's signal, payment behaviour, the decisions and the
 * dunning history). It keeps nothing of its own; a salesperson sees their portfolio's companies only.
 */
package io.arbiter.customer;
