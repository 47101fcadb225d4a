package io.arbiter.insight.kpi;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

/**
 * Settings for the current transaction only, before the ledger's reporting queries aggregate the whole ledger in it
 * ({@link io.arbiter.ledger.reporting}): enough {@code work_mem} for its hash aggregates; no JIT, whose compilation of the dozens of aggregate expressions costs more than it saves on
 * a few hundred thousand rows (PostgreSQL's default cost threshold turns it on for every such statement); and the
 * cost of reading a page out of order as that of reading the next one ({@code random_page_cost} 1.1, the usual value
 * for SSDs and cached data): with the default 4 the planner reads all 1,000,000 invoices to join the 60,000
 * allocations of a quarter rather than look up their 60,000 invoices by key, and takes 3 times as long.
 */
public final class AnalyticSettings {

    private AnalyticSettings() {
    }

    public static void apply(JdbcClient jdbc, DataSize workMem) {
        jdbc.sql("select set_config('work_mem', ?, true), set_config('jit', 'off', true), set_config('random_page_cost', '1.1', true)")
                .param(workMem.toKilobytes() + "kB").query().listOfRows();
    }
}
