/**
 * Files read row by row whatever their format, with amounts and dates read as ERPs write them.
 * {@link io.arbiter.ledger.tables.Table} reads CSV with any separator and encoding, or an XLSX workbook recognised by
 * its content; {@link io.arbiter.ledger.tables.Values} reads the cells. A named interface of the ledger module: the
 * ledger's import reads exports through it, and the limits module reads the insurer's cover files through it too.
 */
@org.springframework.modulith.NamedInterface("tables")
package io.arbiter.ledger.tables;
