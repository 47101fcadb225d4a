package io.arbiter.ledger.importing;

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
    /** Yes or no: oui/non, yes/no, true/false, 1/0, o/n, y/n, x or empty. */
    YES_NO("boolean"),
    /** Payment terms: days net ("30", "30 jours", "net 60") or end of month ("45 jours fin de mois", "45 FDM", "30 EOM"). */
    TERMS("text"),
    COUNTRY("char(2)");

    final String sqlType;

    FieldType(String sqlType) {
        this.sqlType = sqlType;
    }
}
