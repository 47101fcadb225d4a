package io.arbiter.ledger;

/** A legal entity of the supplier, whose ledger an import fills: its code in the ERP, its name and its currency. */
public record LegalEntity(String code, String name, String currency) {
}
