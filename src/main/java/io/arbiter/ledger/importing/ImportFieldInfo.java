package io.arbiter.ledger.importing;

import java.util.List;

/**
 * A ledger field an import of some kind fills, as a client (or the console's mapping step) offers it for a column.
 *
 * @param type {@code TEXT}, {@code AMOUNT}, {@code DATE}, {@code TERMS}...: how its cells are read
 * @param required whether every row needs it, from a column or a default
 * @param unlessMapped the fields that, mapped instead, let a required field stay unmapped (a due date from the terms)
 */
public record ImportFieldInfo(String name, String type, boolean required, List<String> unlessMapped) {
}
