/**
 * The shared kernel every feature may use: money, the RFC 9457 problem responses, the API's paging, the clock, background
 * jobs, and the start-up of the database (the configured PostgreSQL, the local one, or an embedded real PostgreSQL for the quickstart).
 * <p>
 * This package holds the values every module uses (money, company keys and registration numbers, paging, deadlines,
 * business dates, table exports) and {@link io.arbiter.shared.ProblemException}, which every module throws. Its parts:
 * {@code problems} (the problem responses), {@code database} (start-up and outages), {@code reactions} (the outbox's
 * retries) and {@code jobs}. The module is open: every module may use its parts.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.arbiter.shared;
