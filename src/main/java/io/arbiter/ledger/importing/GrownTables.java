package io.arbiter.ledger.importing;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Planner statistics of the ledger tables an import makes grow. */
final class GrownTables {

    private GrownTables() {
    }

    /**
     * Statistics of a table that just grew by many rows inside this transaction, which autovacuum cannot see yet:
     * without them the planner takes it for small and joins a million staged rows to it by nested loops.
     */
    static void analyzeIfLarge(JdbcClient jdbc, String table, long added) {
        if (added >= 10_000) {
            jdbc.sql("analyze " + table).update();
        }
    }
}
