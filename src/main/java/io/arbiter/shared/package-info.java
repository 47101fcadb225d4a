/**
 * The shared kernel every feature may use: money, the RFC 9457 problem responses, the API's paging, the clock, background
 * jobs, and the start-up of the database (the configured PostgreSQL, the local one, or an embedded real PostgreSQL for the quickstart).
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.arbiter.shared;
