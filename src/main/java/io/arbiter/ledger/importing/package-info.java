/**
 * The import that fills the ledger from an ERP's exports of any layout, CSV or XLSX. Each source's column mapping is
 * saved ({@link io.arbiter.ledger.importing.ColumnMapping}, suggested from the headers the first time); each row is
 * converted and checked, COPYed into a staging table, checked again in SQL against the whole file and the ledger, then
 * merged all-or-nothing in one transaction ({@link io.arbiter.ledger.importing.LedgerImporter}). Imports run one at a
 * time as asynchronous jobs ({@link io.arbiter.ledger.importing.LedgerImportService}), from the API or from a watched
 * folder ({@link io.arbiter.ledger.importing.WatchedFolder}).
 * <p>
 * A named interface of the ledger module: the console's import wizard submits and follows imports through
 * {@code LedgerImportService} with its requests, jobs and mappings. Everything else here is package-private.
 */
@org.springframework.modulith.NamedInterface("importing")
package io.arbiter.ledger.importing;
