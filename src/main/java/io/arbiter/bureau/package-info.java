/**
 * Solvency data from credit bureaus behind one port, {@link io.arbiter.bureau.SolvencyProvider}, normalised to a
 * {@link io.arbiter.bureau.SolvencyReport} with a common 0–100 grade. The Creditsafe Connect provider is the shipped one;
 * the quickstart points it at a sandbox served by Arbiter itself with deterministic sample companies (listed in the
 * README).
 * <p>
 * This package is the module's API (the port, the reports, {@link io.arbiter.bureau.SolvencyService} with its cache,
 * guards and snapshots, and the events); its parts are {@code providers} (the bureaus' clients and the sandbox),
 * {@code monitoring} (notifications and their reactions) and {@code web}.
 */
package io.arbiter.bureau;
