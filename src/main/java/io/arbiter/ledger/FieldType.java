package io.arbiter.ledger;

/** How a cell is read, and the column type it gets in the staging table. */
enum FieldType {
    TEXT("text"),
    /** An amount that may not be negative. */
    AMOUNT("numeric(15,2)"),
    /** An amount that must be above zero (payments, credit notes). */
    POSITIVE_AMOUNT("numeric(15,2)"),
    DATE("date"),
    /** A number of days, 0 to 365. */
    DAYS("integer"),
    CURRENCY("char(3)"),
    COUNTRY("char(2)");

    final String sqlType;

    FieldType(String sqlType) {
        this.sqlType = sqlType;
    }
}
