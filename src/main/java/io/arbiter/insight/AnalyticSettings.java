package io.arbiter.insight;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

/**
 * Settings for the current transaction only, before an aggregate over the whole ledger: enough {@code work_mem} for
 * its hash aggregates, and no JIT, whose compilation of the dozens of aggregate expressions costs more than it saves on
 * a few hundred thousand rows (PostgreSQL's default cost threshold turns it on for every such statement).
 */
final class AnalyticSettings {

    private AnalyticSettings() {
    }

    static void apply(JdbcClient jdbc, DataSize workMem) {
        jdbc.sql("select set_config('work_mem', ?, true), set_config('jit', 'off', true)")
                .param(workMem.toKilobytes() + "kB").query().listOfRows();
    }
}
