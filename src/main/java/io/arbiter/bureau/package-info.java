/**
 * Solvency data from credit bureaus behind one port, {@link io.arbiter.bureau.SolvencyProvider}, normalised to a
 * {@link io.arbiter.bureau.SolvencyReport} with a common 0–100 grade. The Creditsafe Connect provider is the shipped one;
 * the quickstart points it at a sandbox served by Arbiter itself with deterministic sample companies (listed in the
 * README).
 */
package io.arbiter.bureau;
