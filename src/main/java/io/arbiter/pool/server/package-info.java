/**
 * The pool server, everything the instance started with the {@code pool} profile runs. Members reach
 * {@code /pool/v1} with their own keys, behind a door of its own and a rate limit per member
 * ({@link io.arbiter.pool.server.PoolServerController}, {@link io.arbiter.pool.server.PoolServerSecurity}); a
 * contribution is checked and kept in the server's own tables, migrated apart ({@link io.arbiter.pool.server.PoolServer},
 * {@link io.arbiter.pool.server.PoolExperiences}); a signal is given only when enough other members reported and to a
 * member that shares ({@link io.arbiter.pool.server.Signals}). Internal to the pool module.
 */
package io.arbiter.pool.server;
