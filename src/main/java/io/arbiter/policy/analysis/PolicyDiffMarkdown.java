package io.arbiter.policy.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.arbiter.policy.analysis.PolicyDiff.CellChange;
import io.arbiter.policy.analysis.PolicyDiff.Change;
import io.arbiter.policy.analysis.PolicyDiff.FileChange;
import io.arbiter.policy.analysis.PolicyDiff.Result;
import io.arbiter.policy.analysis.PolicyDiff.RowChange;
import io.arbiter.policy.analysis.PolicyDiff.RuleChange;
import io.arbiter.policy.analysis.PolicyDiff.TableChange;

/** A {@link PolicyDiff} as Markdown, for a review comment or a change log. */
final class PolicyDiffMarkdown {

    private PolicyDiffMarkdown() {
    }

    /** The difference for people: a heading per file and table, a line per row. */
    static String of(Result diff) {
        StringBuilder md = new StringBuilder();
        md.append("## Policy ").append(diff.from()).append(" → ").append(diff.to()).append("\n\n");
        if (diff.isEmpty()) {
            md.append("No differences.\n");
        }
        for (FileChange file : diff.files()) {
            if (file.change() != Change.CHANGED) {
                md.append("### ").append(file.name()).append(" — ").append(file.change() == Change.ADDED ? "added" : "removed")
                        .append("\n\n");
                continue;
            }
            if (file.tables().isEmpty() && file.rules().isEmpty()) {
                md.append("### ").append(file.name()).append("\n- changed (no rule or table row changed)\n\n");
            }
            for (TableChange table : file.tables()) {
                boolean scenarios = table.table().equals(table.sheet() + DiffedTables.SCENARIOS);
                md.append("### ").append(file.name()).append(" — ").append(scenarios ? table.table()
                        : (table.sheet() == null ? "" : table.sheet() + " / ") + table.table());
                if (table.change() != Change.CHANGED) {
                    md.append(" (table ").append(table.change() == Change.ADDED ? "added" : "removed").append(')');
                }
                md.append('\n');
                for (RowChange row : table.rows()) {
                    md.append("- ").append(row.change().name().toLowerCase(Locale.ROOT))
                            .append(scenarios ? " scenario " : " row ")
                            .append(row.conditions());
                    switch (row.change()) {
                        case ADDED -> md.append(" (row ").append(row.toRow()).append("): ").append(values(row, false));
                        case REMOVED -> md.append(" (row ").append(row.fromRow()).append("): ").append(values(row, true));
                        case CHANGED -> {
                            md.append(": ");
                            List<String> parts = new ArrayList<>();
                            for (CellChange cell : row.cells()) {
                                parts.add(cell.column() + " " + shown(cell.from()) + " → " + shown(cell.to()) + " ("
                                        + where(cell) + ")");
                            }
                            md.append(String.join("; ", parts));
                        }
                    }
                    md.append('\n');
                }
                md.append('\n');
            }
            if (!file.rules().isEmpty()) {
                md.append("### ").append(file.name()).append('\n');
                for (RuleChange rule : file.rules()) {
                    md.append("- ").append(rule.change().name().toLowerCase(Locale.ROOT)).append(" rule \"")
                            .append(rule.rule()).append("\"\n");
                    if (rule.from() != null) {
                        md.append("\n  ```\n  - ").append(rule.from().replace("\n", "\n  - ")).append("\n  ```\n");
                    }
                    if (rule.to() != null) {
                        md.append("\n  ```\n  + ").append(rule.to().replace("\n", "\n  + ")).append("\n  ```\n");
                    }
                }
                md.append('\n');
            }
        }
        return md.toString();
    }

    private static String values(RowChange row, boolean old) {
        return String.join("; ", row.cells().stream()
                .map(cell -> cell.column() + " " + shown(old ? cell.from() : cell.to()) + " ("
                        + (old ? cell.fromCell() : cell.toCell()) + ")")
                .toList());
    }

    private static String where(CellChange cell) {
        if (cell.fromCell() == null) {
            return Objects.requireNonNull(cell.toCell());
        }
        if (cell.toCell() == null || cell.toCell().equals(cell.fromCell())) {
            return cell.fromCell();
        }
        return cell.fromCell() + " → " + cell.toCell();
    }

    private static String shown(@Nullable String value) {
        return value == null ? "(blank)" : value;
    }
}
