/**
 * The supplier's pool endpoint: share a month with the pool now instead of waiting for the monthly run
 * ({@link io.arbiter.pool.web.PoolContributionController}). Nothing else depends on it, so it is not a named interface.
 */
package io.arbiter.pool.web;
