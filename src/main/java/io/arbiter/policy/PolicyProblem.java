package io.arbiter.policy;

import org.jspecify.annotations.Nullable;

/** Something wrong in a policy file, located as finance staff would look for it: file, sheet, cell (A1). */
public record PolicyProblem(String file, @Nullable String sheet, @Nullable String cell, String message) {

    /** {@code scoring.drl.xlsx!Scoring!D14: message}, the way spreadsheet users name a cell. */
    @Override
    public String toString() {
        StringBuilder where = new StringBuilder(file);
        if (sheet != null) {
            where.append('!').append(sheet);
        }
        if (cell != null) {
            where.append('!').append(cell);
        }
        return where + ": " + message;
    }
}
