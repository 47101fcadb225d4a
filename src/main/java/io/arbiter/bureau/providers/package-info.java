/**
 * The bureaus behind the port: Creditsafe Connect and RiskGrade clients, each provider's score turned into the common
 * grade, and the quickstart's Creditsafe sandbox. Each client is a {@link io.arbiter.bureau.SolvencyProvider}
 * ({@link io.arbiter.bureau.providers.CreditsafeProvider}, {@link io.arbiter.bureau.providers.RiskGradeProvider}),
 * its errors decoded into what the guards retry; {@link io.arbiter.bureau.providers.Normalisation} maps a provider's own
 * score through its table in {@code arbiter.bureau.normalisation.tables}. Internal to the bureau module: other modules
 * ask {@link io.arbiter.bureau.SolvencyService}.
 */
package io.arbiter.bureau.providers;
