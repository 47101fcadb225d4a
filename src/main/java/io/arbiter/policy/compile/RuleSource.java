package io.arbiter.policy.compile;

import java.util.Map;

import io.arbiter.policy.Reason;
import io.arbiter.policy.Stage;

/**
 * DRL for one stage, generated from one sheet of a table or read from a DRL file, with the way back from each rule name
 * to the row that produced it.
 *
 * @param origin where the DRL came from, {@code file} or {@code file!sheet}
 * @param reasons by rule name
 * @param cells of a table, by spreadsheet row (1-based) then column (0-based); empty for a DRL file
 */
public record RuleSource(String origin, String file, Stage stage, String drl, Map<String, Reason> reasons,
        Map<Integer, Map<Integer, String>> cells) {

    public boolean isTable() {
        return !cells.isEmpty();
    }
}
