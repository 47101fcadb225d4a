package io.arbiter.ledger.tables;

/** The file stops being readable at some row (a broken quote, a damaged workbook): reported at that row. */
public final class UnreadableFile extends RuntimeException {

    public final long row;

    UnreadableFile(String message, long row) {
        super(message);
        this.row = row;
    }
}
