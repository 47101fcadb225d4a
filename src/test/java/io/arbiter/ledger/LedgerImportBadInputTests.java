package io.arbiter.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Every bad input of the list is reported by row and column, and a failed import leaves the ledger exactly as
 * it was (every ledger table compared before and after), even when the file's other rows are valid changes.
 */
class LedgerImportBadInputTests extends LedgerImportApiTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final String HEADER = "Société;Code client;Raison sociale;N° facture;Date facture;Date échéance;Montant TTC;Devise";

    private String entity;
    private String account;
    private String source;

    @BeforeEach
    void aLedgerWithTwoInvoices() {
        entity = LedgerFixtures.unique("FR");
        account = LedgerFixtures.unique("C");
        source = LedgerFixtures.unique("sage-x3");
        JsonNode seeded = importFile(query(), "balance.csv", file(row("FA-1", "01/03/2026", "30/04/2026", "100,00", "EUR"),
                row("FA-2", "02/03/2026", "01/05/2026", "200,00", "EUR")));
        assertThat(seeded.get("state").asString()).as(seeded.toString()).isEqualTo("SUCCEEDED");
    }

    private String query() {
        return "kind=invoices&mode=snapshot&source=" + source;
    }

    private String row(String number, String issued, String due, String amount, String currency) {
        return String.join(";", entity, account, "Quincaillerie Lefèvre", number, issued, due, amount, currency);
    }

    private static byte[] file(String... rows) {
        return (HEADER + "\r\n" + String.join("\r\n", rows) + "\r\n").getBytes(WINDOWS_1252);
    }

    /** Imports {@code content}, expects it refused with nothing written, and returns its errors. */
    private JsonNode refused(String query, byte[] content) {
        String before = ledgerDigest();
        JsonNode job = importFile(query, "bad.csv", content);
        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("FAILED");
        assertThat(job.get("imported").asLong() + job.get("updated").asLong() + job.get("settled").asLong()).isZero();
        assertThat(ledgerDigest()).as("the ledger is exactly as it was").isEqualTo(before);
        assertThat(job.get("errorCount").asLong()).isPositive();
        return job.get("errors");
    }

    private static void assertError(JsonNode error, long row, String column, String value, String message) {
        assertThat(error.get("row").asLong()).as(error.toString()).isEqualTo(row);
        assertThat(error.get("column").asString()).as(error.toString()).isEqualTo(column);
        assertThat(error.get("value").asString()).as(error.toString()).isEqualTo(value);
        assertThat(error.get("message").asString()).as(error.toString()).contains(message);
    }

    @Test
    void a_file_with_a_separator_arbiter_does_not_know_is_refused_at_its_header() {
        String colons = new String(file(row("FA-1", "01/03/2026", "30/04/2026", "150,00", "EUR")), WINDOWS_1252).replace(';', ':');

        JsonNode errors = refused(query(), colons.getBytes(WINDOWS_1252));

        assertThat(errors.get(0).get("row").asLong()).isEqualTo(1);
        assertThat(errors.get(0).get("message").asString()).contains("separator");
    }

    @Test
    void a_row_written_with_another_separator_is_reported_at_that_row() {
        JsonNode errors = refused(query(), file(row("FA-1", "01/03/2026", "30/04/2026", "150,00", "EUR"),
                row("FA-3", "03/03/2026", "02/05/2026", "300,00", "EUR").replace(';', ',')));

        assertThat(errors).isNotEmpty().allSatisfy(error -> assertThat(error.get("row").asLong()).isEqualTo(3));
        assertThat(errors.findValuesAsString("column")).contains("N° facture", "Date facture", "Montant TTC");
    }

    @Test
    void a_row_after_blank_lines_is_reported_at_the_row_a_spreadsheet_shows() {
        byte[] withBlankLines = (HEADER + "\r\n" + row("FA-1", "01/03/2026", "30/04/2026", "100,00", "EUR") + "\r\n\r\n\r\n"
                + row("FA-3", "31/02/2026", "30/04/2026", "300,00", "EUR") + "\r\n").getBytes(WINDOWS_1252);

        JsonNode errors = refused(query(), withBlankLines);

        assertError(errors.get(0), 5, "Date facture", "31/02/2026", "is not a date");
    }

    @Test
    void a_missing_mandatory_column_is_named() {
        String withoutDueDate = (HEADER.replace(";Date échéance", "") + "\r\n"
                + String.join(";", entity, account, "Quincaillerie Lefèvre", "FA-3", "03/03/2026", "300,00", "EUR") + "\r\n");

        JsonNode errors = refused(query().replace(source, LedgerFixtures.unique("no-due-date")), withoutDueDate.getBytes(WINDOWS_1252));

        assertError(errors.get(0), 1, "dueDate", "", "missing mandatory column for dueDate");
    }

    @Test
    void a_duplicated_invoice_number_is_reported_at_its_second_row() {
        JsonNode errors = refused(query(), file(row("FA-1", "01/03/2026", "30/04/2026", "100,00", "EUR"),
                row("FA-2", "02/03/2026", "01/05/2026", "200,00", "EUR"), row("FA-1", "05/03/2026", "04/05/2026", "10,00", "EUR")));

        assertError(errors.get(0), 4, "N° facture", "FA-1", "appears more than once in the file (first at row 2)");
    }

    @Test
    void a_negative_amount_is_refused_where_none_is_allowed() {
        JsonNode errors = refused(query(), file(row("FA-1", "01/03/2026", "30/04/2026", "-100,00", "EUR")));

        assertError(errors.get(0), 2, "Montant TTC", "-100,00", "negative amount not allowed");
    }

    @Test
    void an_amount_with_a_lone_separator_before_3_digits_is_refused_rather_than_rounded() {
        JsonNode errors = refused(query(), file(row("FA-1", "01/03/2026", "30/04/2026", "1.234", "EUR")));

        assertError(errors.get(0), 2, "Montant TTC", "1.234", "'1.234' has 3 decimals: is it 1234 or 1.234?");
    }

    @Test
    void an_unknown_currency_is_refused() {
        JsonNode errors = refused(query(), file(row("FA-1", "01/03/2026", "30/04/2026", "100,00", "EUX")));

        assertError(errors.get(0), 2, "Devise", "EUX", "unknown currency");
    }

    @Test
    void dates_that_do_not_parse_are_refused() {
        JsonNode errors = refused(query(), file(row("FA-1", "31/02/2026", "30/04/2026", "100,00", "EUR"),
                row("FA-2", "02/03/2026", "next week", "200,00", "EUR")));

        assertError(errors.get(0), 2, "Date facture", "31/02/2026", "is not a date");
        assertError(errors.get(1), 3, "Date échéance", "next week", "is not a date");
    }

    @Test
    void a_payment_for_an_unknown_invoice_is_refused() {
        byte[] payments = ("Société;N° règlement;Date règlement;Montant;Devise;N° facture\r\n"
                + entity + ";R-1;10/04/2026;100,00;EUR;FA-1\r\n"
                + entity + ";R-2;10/04/2026;50,00;EUR;FA-404\r\n").getBytes(WINDOWS_1252);

        JsonNode errors = refused("kind=payments&source=" + LedgerFixtures.unique("bank"), payments);

        assertError(errors.get(0), 3, "N° facture", "FA-404", "no invoice FA-404 in entity " + entity);
        assertThat(errors).hasSize(1);
    }

    @Test
    void a_payment_or_credit_note_of_another_customer_than_its_invoice_is_refused() {
        LedgerFixtures.NewCustomer customer = LedgerFixtures.NewCustomer.named(LedgerFixtures.siren());
        new LedgerFixtures(jdbc).customer(customer);
        String other = customer.account();
        byte[] payments = ("Société;N° règlement;Code client;Date règlement;Montant;Devise;N° facture\r\n"
                + entity + ";R-1;" + account + ";10/04/2026;100,00;EUR;FA-1\r\n"
                + entity + ";R-2;" + other + ";10/04/2026;50,00;EUR;FA-2\r\n").getBytes(WINDOWS_1252);

        JsonNode errors = refused("kind=payments&source=" + LedgerFixtures.unique("bank"), payments);

        assertError(errors.get(0), 3, "Code client", other, "invoice FA-2 belongs to customer account " + account + ", not " + other);
        assertThat(errors).hasSize(1);

        byte[] creditNotes = ("Société;N° avoir;Code client;Date avoir;Montant TTC;Devise;Facture d'origine\r\n"
                + entity + ";AV-1;" + other + ";05/04/2026;20,00;EUR;FA-1\r\n").getBytes(WINDOWS_1252);

        JsonNode refusedNote = refused("kind=credit-notes&source=" + LedgerFixtures.unique("avoirs"), creditNotes);

        assertError(refusedNote.get(0), 2, "Code client", other, "invoice FA-1 belongs to customer account " + account);

        // The head office of the company whose establishment the invoice was made out to pays it: the same debtor.
        String siren = LedgerFixtures.siren();
        jdbc.sql("update ledger_customer set registration_number = ? where account = ?")
                .params(LedgerFixtures.siret(siren), account).update();
        LedgerFixtures.NewCustomer headOffice = LedgerFixtures.NewCustomer.named(siren);
        new LedgerFixtures(jdbc).customer(headOffice);
        JsonNode paid = importFile("kind=payments&source=" + LedgerFixtures.unique("bank"), "reglements.csv",
                ("Société;N° règlement;Code client;Date règlement;Montant;Devise;N° facture\r\n"
                        + entity + ";R-3;" + headOffice.account() + ";10/04/2026;50,00;EUR;FA-2\r\n").getBytes(WINDOWS_1252));
        assertThat(paid.get("state").asString()).as(paid.toString()).isEqualTo("SUCCEEDED");
        // An account with no registration number is no company's: it is not the debtor of that establishment.
        String anonymous = LedgerFixtures.unique("C");
        jdbc.sql("insert into ledger_customer (account, name) values (?, 'Sans numéro')").param(anonymous).update();
        JsonNode stranger = refused("kind=payments&source=" + LedgerFixtures.unique("bank"),
                ("Société;N° règlement;Code client;Date règlement;Montant;Devise;N° facture\r\n"
                        + entity + ";R-4;" + anonymous + ";10/04/2026;10,00;EUR;FA-1\r\n").getBytes(WINDOWS_1252));
        assertError(stranger.get(0), 2, "Code client", anonymous, "invoice FA-1 belongs to customer account " + account);
    }

    @Test
    void every_problem_of_a_file_is_reported_and_its_valid_rows_are_not_written_either() {
        JsonNode errors = refused(query(), file(row("FA-1", "01/03/2026", "30/04/2026", "999,00", "EUR"),
                row("FA-3", "2026-13-01", "30/04/2026", "1 000,00", "EUR"),
                row("FA-4", "01/03/2026", "28/02/2026", "abc", "USD"),
                row("FA-5", "01/03/2026", "30/04/2026", "", "")));

        List<String> found = new ArrayList<>();
        errors.forEach(error -> found.add(error.get("row").asLong() + ":" + error.get("column").asString()));
        assertThat(found).containsExactly("3:Date facture", "4:Montant TTC", "4:Date échéance", "5:Montant TTC", "5:Devise");
        assertThat(jdbc.sql("select amount::text from ledger_invoice where entity_code = ? and number = 'FA-1'")
                .param(entity).query(String.class).single()).isEqualTo("100.00");
    }

    @Test
    void a_million_row_file_with_one_bad_row_at_its_end_is_read_whole_and_refused_at_that_row_showing_progress_meanwhile()
            throws IOException {
        Path big = Files.createTempFile("ledger-million-", ".csv");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
                out.write("Company Code,Customer Account,Customer Name,Invoice Number,Invoice Date,Due Date,Amount,Currency\n");
                for (int i = 1; i <= 1_000_000; i++) {
                    out.write(entity + "," + account + ",Lefevre,M-" + i + ",2026-03-01,2026-04-30," + (i % 5000) + ".25,"
                            + (i == 1_000_000 ? "XXX" : "EUR") + "\n");
                }
            }
            String before = ledgerDigest();

            List<JsonNode> running = new ArrayList<>();
            JsonNode job = await(uploadBody("kind=invoices&source=" + LedgerFixtures.unique("million"), big, ANALYST),
                    unfinished -> {
                        if (unfinished.get("state").asString().equals("RUNNING")) {
                            running.add(unfinished);
                        }
                    });

            assertThat(running).as("a client following the import sees how far it got")
                    .anySatisfy(seen -> {
                        assertThat(seen.get("rowsRead").asLong()).isBetween(1L, 999_999L);
                        assertThat(seen.get("percent").asInt()).isBetween(1, 99);
                    });

            assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("FAILED");
            assertThat(job.get("rowsRead").asLong()).isEqualTo(1_000_000);
            assertThat(job.get("errorCount").asLong()).isEqualTo(1);
            assertError(job.get("errors").get(0), 1_000_001, "Currency", "XXX", "unknown currency");
            assertThat(ledgerDigest()).isEqualTo(before);
        } finally {
            Files.deleteIfExists(big);
        }
    }
}
