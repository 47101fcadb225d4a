package io.arbiter.ledger.importing;

/**
 * DELTA: the file holds some rows; what it does not mention is left alone. SNAPSHOT: the file is a full export of its
 * entities from that source; open invoices it no longer lists are settled (and orders it no longer lists are removed
 * from the backlog).
 */
public enum ImportMode {
    SNAPSHOT, DELTA
}
