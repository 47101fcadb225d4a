package io.arbiter.policy;

import org.jspecify.annotations.Nullable;

/**
 * A rule that fired, named as finance staff know it: the file, the sheet and the spreadsheet row it came from, and the
 * row's description. Rules written in DRL give their line as {@code row} and have no sheet.
 */
public record Reason(String table, @Nullable String sheet, @Nullable Integer row, String ruleName, String description) {
}
