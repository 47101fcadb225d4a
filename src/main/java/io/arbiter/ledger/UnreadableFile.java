package io.arbiter.ledger;

/** The file stops being readable at some row (a broken quote, a damaged workbook): reported at that row. */
final class UnreadableFile extends RuntimeException {

    final long row;

    UnreadableFile(String message, long row) {
        super(message);
        this.row = row;
    }
}
