/**
 * The database's start-up: the configured PostgreSQL, else a local one, else an embedded real PostgreSQL for the
 * quickstart ({@link io.arbiter.shared.database.DatabaseBootstrap}) with its health; and whether a failure means the
 * database cannot be reached now ({@link io.arbiter.shared.database.DatabaseOutage}).
 */
package io.arbiter.shared.database;
