package io.arbiter.policy.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import io.arbiter.policy.analysis.DiffedTables.Cell;
import io.arbiter.policy.analysis.DiffedTables.Row;
import io.arbiter.policy.analysis.PolicyDiff.CellChange;
import io.arbiter.policy.analysis.PolicyDiff.Change;
import io.arbiter.policy.analysis.PolicyDiff.RowChange;

/** The rows of one table in two versions, paired by their condition cells, as added, removed and changed rows. */
final class TableRowDiff {

    private TableRowDiff() {
    }

    static RowChange added(Row row) {
        return new RowChange(Change.ADDED, null, row.rule(), null, row.spreadsheetRow(), row.conditions(),
                row.cells().entrySet().stream()
                        .map(e -> new CellChange(e.getKey(), null, e.getValue().reference(), null, e.getValue().value()))
                        .toList());
    }

    static RowChange removed(Row row) {
        return new RowChange(Change.REMOVED, row.rule(), null, row.spreadsheetRow(), null, row.conditions(),
                row.cells().entrySet().stream()
                        .map(e -> new CellChange(e.getKey(), e.getValue().reference(), null, e.getValue().value(), null))
                        .toList());
    }

    /**
     * The most cells the exact pairing may use: beyond it (two versions of a 2,000-row table that differ everywhere) a
     * quadratic table would cost hundreds of megabytes per diff, so the rows are paired greedily by condition key.
     */
    static final long EXACT_PAIRING_CELLS = 4_000_000;

    /**
     * Pairs rows by their condition keys, then leftovers in each gap in order. The common first and last rows are
     * paired as they stand (an edit usually touches a few rows), the rest by the longest common subsequence when it
     * fits {@link #EXACT_PAIRING_CELLS}, else greedily in order, so memory stays linear in the table's size.
     */
    static List<RowChange> rows(List<Row> before, List<Row> after) {
        int n = before.size();
        int m = after.size();
        int head = 0;
        while (head < n && head < m && sameKey(before.get(head), after.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < n - head && tail < m - head && sameKey(before.get(n - 1 - tail), after.get(m - 1 - tail))) {
            tail++;
        }
        int[] pairedWith = (long) (n - head - tail) * (m - head - tail) <= EXACT_PAIRING_CELLS
                ? exactPairs(before, after, head, n - tail, m - tail)
                : greedyPairs(before, after, head, n - tail, m - tail);
        List<RowChange> changes = new ArrayList<>();
        List<Row> removedInGap = new ArrayList<>();
        List<Row> addedInGap = new ArrayList<>();
        int j = 0;
        for (int i = 0; i < n; i++) {
            int partner = i < head ? i : i >= n - tail ? i - n + m : pairedWith[i - head];
            if (partner < 0) {
                removedInGap.add(before.get(i));
                continue;
            }
            while (j < partner) {
                addedInGap.add(after.get(j++));
            }
            flushGap(removedInGap, addedInGap, changes);
            compare(before.get(i), after.get(j++), changes);
        }
        while (j < m) {
            addedInGap.add(after.get(j++));
        }
        flushGap(removedInGap, addedInGap, changes);
        return changes;
    }

    private static boolean sameKey(Row a, Row b) {
        return a.conditionKey().equals(b.conditionKey());
    }

    /** For each row of before[from, toBefore), its partner in after[from, toAfter) by longest common subsequence, or -1. */
    private static int[] exactPairs(List<Row> before, List<Row> after, int from, int toBefore, int toAfter) {
        int n = toBefore - from;
        int m = toAfter - from;
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = sameKey(before.get(from + i), after.get(from + j))
                        ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int[] pairs = new int[n];
        Arrays.fill(pairs, -1);
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (sameKey(before.get(from + i), after.get(from + j))) {
                pairs[i++] = from + j++;
            } else if (lcs[i][j + 1] >= lcs[i + 1][j]) {
                j++;
            } else {
                i++;
            }
        }
        return pairs;
    }

    /** Each row of before[from, toBefore) paired with the next unpaired row of the same key in after, in order, or -1. */
    private static int[] greedyPairs(List<Row> before, List<Row> after, int from, int toBefore, int toAfter) {
        Map<String, ArrayDeque<Integer>> positions = new HashMap<>();
        for (int j = from; j < toAfter; j++) {
            positions.computeIfAbsent(after.get(j).conditionKey(), key -> new ArrayDeque<>()).add(j);
        }
        int[] pairs = new int[toBefore - from];
        int last = from - 1;
        for (int i = from; i < toBefore; i++) {
            ArrayDeque<Integer> candidates = positions.get(before.get(i).conditionKey());
            while (candidates != null && !candidates.isEmpty() && candidates.peekFirst() <= last) {
                candidates.pollFirst();
            }
            pairs[i - from] = candidates == null || candidates.isEmpty() ? -1 : (last = candidates.pollFirst());
        }
        return pairs;
    }

    private static void flushGap(List<Row> removed, List<Row> added, List<RowChange> changes) {
        int paired = Math.min(removed.size(), added.size());
        for (int k = 0; k < paired; k++) {
            compare(removed.get(k), added.get(k), changes);
        }
        removed.subList(paired, removed.size()).forEach(row -> changes.add(removed(row)));
        added.subList(paired, added.size()).forEach(row -> changes.add(added(row)));
        removed.clear();
        added.clear();
    }

    private static void compare(Row old, Row now, List<RowChange> changes) {
        TreeSet<String> seen = new TreeSet<>();
        List<String> columns = new ArrayList<>();
        for (String column : old.cells().keySet()) {
            if (seen.add(column)) {
                columns.add(column);
            }
        }
        for (String column : now.cells().keySet()) {
            if (seen.add(column)) {
                columns.add(column);
            }
        }
        List<CellChange> cells = new ArrayList<>();
        for (String column : columns) {
            Cell a = old.cells().get(column);
            Cell b = now.cells().get(column);
            String va = a == null ? null : a.value();
            String vb = b == null ? null : b.value();
            if (!Objects.equals(va, vb)) {
                cells.add(new CellChange(column, a == null ? null : a.reference(), b == null ? null : b.reference(), va, vb));
            }
        }
        if (!cells.isEmpty()) {
            String conditions = old.conditions().equals(now.conditions()) ? now.conditions()
                    : old.conditions() + " → " + now.conditions();
            changes.add(new RowChange(Change.CHANGED, old.rule(), now.rule(), old.spreadsheetRow(), now.spreadsheetRow(),
                    conditions, cells));
        }
    }
}
