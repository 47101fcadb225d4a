/**
 * What travels between a member and the pool, and nothing more. A month's experiences and the signal that comes back
 * ({@link io.arbiter.pool.protocol.Contribution}) carry amounts and delays only in wide bands
 * ({@link io.arbiter.pool.protocol.Bands}), so that no exact figure can be matched to an invoice. Shared by the
 * module's client and server; internal to the pool module.
 */
package io.arbiter.pool.protocol;
