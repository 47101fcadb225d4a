/**
 * This supplier as a member of the pool: the monthly sharing and the connection to the pool server. Each month the
 * ledger's payment experiences are reduced to banded counts per customer pseudonym and sent
 * ({@link io.arbiter.pool.client.PoolContributions}); the pseudonym is a keyed hash of the registration number
 * ({@link io.arbiter.pool.client.Pseudonyms}); the server is reached through an OpenFeign client built when
 * {@code arbiter.pool.client.base-url} is set ({@link io.arbiter.pool.client.PoolClient}). Internal to the pool
 * module: decisions read signals through {@link io.arbiter.pool.PoolSignals}.
 */
package io.arbiter.pool.client;
