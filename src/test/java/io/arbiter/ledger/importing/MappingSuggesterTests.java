package io.arbiter.ledger.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How the columns of an export are recognised by their headers, as French ERPs write them. */
class MappingSuggesterTests {

    @Test
    void french_headers_are_matched_without_accents_case_or_punctuation() {
        ColumnMapping mapping = MappingSuggester.suggest(ImportKind.INVOICES, List.of("N° FACTURE", "Date d'échéance",
                "Tiers", "Intitulé", "Site", "Date pièce", "Montant", "Solde dû", "Code devise", "N° TVA intracom"));

        assertThat(mapping.columns()).containsEntry("number", "N° FACTURE").containsEntry("dueDate", "Date d'échéance")
                .containsEntry("account", "Tiers").containsEntry("customerName", "Intitulé").containsEntry("entity", "Site")
                .containsEntry("issueDate", "Date pièce").containsEntry("amount", "Montant")
                .containsEntry("openAmount", "Solde dû").containsEntry("currency", "Code devise")
                .containsEntry("registrationNumber", "N° TVA intracom");
    }
}
