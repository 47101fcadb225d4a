package io.arbiter.ledger.importing;

/**
 * One problem in an imported file, where a person finds it: the row as a spreadsheet numbers it (the header is row 1),
 * the file's column header (or the ledger field when the column is missing), the value found, and what is wrong.
 */
public record ImportError(long row, String column, String value, String message) {
}
