package io.arbiter.policy;

import org.jspecify.annotations.Nullable;

/**
 * Something wrong (or worth knowing) in a policy file, located as finance staff would look for it: file, sheet, cell
 * (A1) or cell range ({@code A12:E12}). An {@code ERROR} keeps a version from being approved or published; a
 * {@code WARNING} or {@code INFO} does not.
 */
public record PolicyProblem(String file, @Nullable String sheet, @Nullable String cell, Severity severity, String message) {

    public enum Severity {
        ERROR, WARNING, INFO
    }

    /** An error: what every check but the table analysis reports. */
    public PolicyProblem(String file, @Nullable String sheet, @Nullable String cell, String message) {
        this(file, sheet, cell, Severity.ERROR, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

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
        return where + ": " + (severity == Severity.ERROR ? "" : severity.name().toLowerCase() + ": ") + message;
    }
}
