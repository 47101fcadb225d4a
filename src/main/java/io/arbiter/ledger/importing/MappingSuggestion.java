package io.arbiter.ledger.importing;

import java.util.List;

/**
 * A mapping suggested from a file's header, what the file looks like, the fields still without a column (mandatory
 * ones need one, or a default, before an import can run) and the headers left unused. {@code sample} is the file's
 * first row, cell by cell under {@code header}, so that a person sees what each column holds.
 */
public record MappingSuggestion(ColumnMapping mapping, String format, List<String> header, List<String> missingMandatory,
        List<String> unmappedFields, List<String> unusedHeaders, List<String> sample) {
}
