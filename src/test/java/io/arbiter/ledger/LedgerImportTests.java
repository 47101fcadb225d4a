package io.arbiter.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Imports over HTTP into the real PostgreSQL: the same invoices from a SAGE X3-style export, an English CSV and an XLSX
 * workbook; dry runs; idempotent re-imports; snapshots; payments; saved mappings.
 */
class LedgerImportTests extends LedgerImportApiTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final String SAGE_HEADER = "Société;Code client;Raison sociale;SIREN;Représentant;N° facture;Date facture;"
            + "Date échéance;Montant TTC;Reste à payer;Devise";

    private String entity;
    private String dupre;
    private String outillage;

    @BeforeEach
    void uniqueCodes() {
        entity = LedgerFixtures.unique("FR");
        dupre = LedgerFixtures.unique("C");
        outillage = LedgerFixtures.unique("C");
    }

    /** A SAGE X3-style aged balance: Windows-1252, ';', decimal comma and thousands separators, dd/MM/yyyy. */
    private byte[] sageExport(String... extraRows) {
        StringBuilder csv = new StringBuilder(SAGE_HEADER).append("\r\n")
                .append(sageRow("FA-001", dupre, "01/03/2026", "30/04/2026", "1 234,56", "1 234,56", "EUR"))
                .append(sageRow("FA-002", dupre, "15/03/2026", "14/05/2026", "2.500,00", "500,00", "EUR"))
                .append(sageRow("FA-003", outillage, "20/03/2026", "19/05/2026", "980,40", "980,40", "EUR"));
        for (String row : extraRows) {
            csv.append(row).append("\r\n");
        }
        return csv.toString().getBytes(WINDOWS_1252);
    }

    private String sageRow(String number, String account, String issued, String due, String amount, String open, String currency) {
        String name = account.equals(dupre) ? "Établissements Dupré & Fils" : "Société Générale d'Outillage";
        String siren = account.equals(dupre) ? "552100554" : "987654324";
        return String.join(";", entity, account, name, siren, "Hélène Martin", number, issued, due, amount, open, currency) + "\r\n";
    }

    /** The same invoices, laid out differently: ',' separated UTF-8, ISO dates, English headers in another order. */
    private byte[] englishExport() {
        return ("""
                Invoice Number,Customer Account,Customer Name,Company Code,Invoice Date,Due Date,Amount,Balance,Currency
                FA-001,%2$s,"Établissements Dupré & Fils",%1$s,2026-03-01,2026-04-30,1234.56,1234.56,EUR
                FA-002,%2$s,"Établissements Dupré & Fils",%1$s,2026-03-15,2026-05-14,2500.00,500.00,EUR
                FA-003,%3$s,"Société Générale d'Outillage",%1$s,2026-03-20,2026-05-19,980.40,980.40,EUR
                """).formatted(entity, dupre, outillage).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The same invoices again, as an XLSX workbook with real date and number cells; FA-001's amount is a computed value
     * with more decimals than a two-decimal cell shows, as a formula leaves it.
     */
    private byte[] workbookExport() {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Open items");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            String[] header = {"Entity", "Account", "Name", "Invoice", "Issue date", "Due date", "Amount", "Open amount", "Currency"};
            Row first = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) {
                first.createCell(i).setCellValue(header[i]);
            }
            Object[][] rows = {
                    {dupre, "Établissements Dupré & Fils", "FA-001", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 30), 1234.5649, 1234.56},
                    {dupre, "Établissements Dupré & Fils", "FA-002", LocalDate.of(2026, 3, 15), LocalDate.of(2026, 5, 14), 2500.0, 500.0},
                    {outillage, "Société Générale d'Outillage", "FA-003", LocalDate.of(2026, 3, 20), LocalDate.of(2026, 5, 19), 980.4, 980.4}};
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r + 1);
                row.createCell(0).setCellValue(entity);
                row.createCell(1).setCellValue((String) rows[r][0]);
                row.createCell(2).setCellValue((String) rows[r][1]);
                row.createCell(3).setCellValue((String) rows[r][2]);
                for (int d = 0; d < 2; d++) {
                    row.createCell(4 + d).setCellValue((LocalDate) rows[r][3 + d]);
                    row.getCell(4 + d).setCellStyle(date);
                }
                row.createCell(6).setCellValue((Double) rows[r][5]);
                row.createCell(7).setCellValue((Double) rows[r][6]);
                row.createCell(8).setCellValue("EUR");
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Map<String, Object>> invoices() {
        return jdbc.sql("""
                        select i.number, c.account, i.issue_date, i.due_date, i.amount, i.open_amount, i.currency, i.status,
                               i.paid_on
                        from ledger_invoice i join ledger_customer c on c.id = i.customer_id
                        where i.entity_code = ? order by i.number""")
                .param(entity).query().listOfRows();
    }

    private static String query(String kind, String source, String mode) {
        return "kind=" + kind + "&source=" + source + "&mode=" + mode;
    }

    @Test
    void a_sage_x3_export_an_english_csv_and_a_workbook_import_the_same_invoices() {
        JsonNode sage = importFile(query("invoices", LedgerFixtures.unique("sage-x3"), "delta"), "BALANCE.csv", sageExport());

        assertThat(sage.get("state").asString()).as(sage.toString()).isEqualTo("SUCCEEDED");
        assertThat(sage.get("rowsRead").asLong()).isEqualTo(3);
        assertThat(sage.get("imported").asLong()).isEqualTo(3);
        assertThat(sage.get("customersCreated").asLong()).isEqualTo(2);
        assertThat(sage.get("message").asString()).contains("windows-1252", "';'");
        List<Map<String, Object>> imported = invoices();
        assertThat(imported).hasSize(3);
        assertThat(imported.get(0)).containsEntry("account", dupre).containsEntry("issue_date", java.sql.Date.valueOf("2026-03-01"))
                .containsEntry("due_date", java.sql.Date.valueOf("2026-04-30")).containsEntry("status", "OPEN");
        assertThat(imported.get(0).get("amount").toString()).isEqualTo("1234.56");
        assertThat(imported.get(1).get("amount").toString()).isEqualTo("2500.00");
        assertThat(imported.get(1).get("open_amount").toString()).isEqualTo("500.00");
        assertThat(jdbc.sql("select name || '|' || registration_number || '|' || salesperson from ledger_customer where account = ?")
                .param(dupre).query(String.class).single()).isEqualTo("Établissements Dupré & Fils|552100554|Hélène Martin");

        JsonNode english = importFile(query("invoices", LedgerFixtures.unique("erp-en"), "delta"), "open-items.csv", englishExport());
        assertThat(english.get("state").asString()).as(english.toString()).isEqualTo("SUCCEEDED");
        assertThat(english.get("message").asString()).contains("UTF-8", "','");
        assertThat(english.get("unchanged").asLong()).isEqualTo(3);
        assertThat(english.get("imported").asLong() + english.get("updated").asLong()).isZero();

        JsonNode workbook = importFile(query("invoices", LedgerFixtures.unique("xlsx"), "delta"), "open-items.xlsx", workbookExport());
        assertThat(workbook.get("state").asString()).as(workbook.toString()).isEqualTo("SUCCEEDED");
        assertThat(workbook.get("message").asString()).contains("XLSX");
        assertThat(workbook.get("unchanged").asLong()).isEqualTo(3);
        assertThat(workbook.get("customersUpdated").asLong()).isZero();
        assertThat(invoices()).isEqualTo(imported);
    }

    @Test
    void a_dry_run_previews_the_rows_and_lists_errors_without_writing() {
        String before = ledgerDigest();

        JsonNode valid = importFile(query("invoices", LedgerFixtures.unique("sage-x3"), "delta") + "&dryRun=true", "b.csv", sageExport());
        assertThat(valid.get("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(valid.get("dryRun").asBoolean()).isTrue();
        assertThat(valid.get("message").asString()).contains("Dry run");
        assertThat(valid.get("preview")).hasSize(3);
        assertThat(valid.get("preview").get(1).get("row").asLong()).isEqualTo(3);
        assertThat(valid.get("preview").get(1).get("values").get("amount").asString()).isEqualTo("2500.00");
        assertThat(valid.get("preview").get(1).get("values").get("dueDate").asString()).isEqualTo("2026-05-14");
        assertThat(valid.get("mapping").get("columns").get("number").asString()).isEqualTo("N° facture");

        JsonNode invalid = importFile(query("invoices", LedgerFixtures.unique("sage-x3"), "delta") + "&dryRun=true", "b.csv",
                sageExport(sageRow("FA-004", dupre, "32/03/2026", "30/04/2026", "10,00", "10,00", "EUR")));
        assertThat(invalid.get("state").asString()).isEqualTo("FAILED");
        assertThat(invalid.get("preview")).hasSize(4);
        assertThat(invalid.get("errors").get(0).get("row").asLong()).isEqualTo(5);
        assertThat(invalid.get("errors").get(0).get("column").asString()).isEqualTo("Date facture");
        assertThat(invalid.get("errors").get(0).get("value").asString()).isEqualTo("32/03/2026");

        assertThat(ledgerDigest()).isEqualTo(before);
    }

    @Test
    void importing_the_same_file_twice_changes_nothing_and_a_changed_row_updates() {
        String source = LedgerFixtures.unique("sage-x3");
        importFile(query("invoices", source, "delta"), "a.csv", sageExport());
        List<Map<String, Object>> first = invoices();
        Timestamp touched = jdbc.sql("select max(updated_at) from ledger_invoice where entity_code = ?").param(entity)
                .query(Timestamp.class).single();
        String before = ledgerDigest();
        // The row hash is what earlier versions computed in SQL, so that a ledger they imported is still seen unchanged.
        assertThat(jdbc.sql("""
                select count(*) from ledger_invoice i join ledger_customer c on c.id = i.customer_id
                where i.entity_code = ?
                  and i.row_hash = md5(concat_ws('|', c.account, i.issue_date, i.due_date, i.amount, i.open_amount, i.currency))""")
                .param(entity).query(Long.class).single()).isEqualTo(3);

        JsonNode again = importFile(query("invoices", source, "delta"), "a.csv", sageExport());

        assertThat(again.get("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(again.get("unchanged").asLong()).isEqualTo(3);
        assertThat(again.get("imported").asLong() + again.get("updated").asLong() + again.get("customersUpdated").asLong()
                + again.get("customersCreated").asLong()).isZero();
        assertThat(ledgerDigest()).isEqualTo(before);
        assertThat(jdbc.sql("select max(updated_at) from ledger_invoice where entity_code = ?").param(entity)
                .query(Timestamp.class).single()).isEqualTo(touched);

        byte[] changed = new String(sageExport(), WINDOWS_1252).replace("980,40;980,40", "1 080,40;1 080,40").getBytes(WINDOWS_1252);
        JsonNode update = importFile(query("invoices", source, "delta"), "a.csv", changed);

        assertThat(update.get("updated").asLong()).isEqualTo(1);
        assertThat(update.get("unchanged").asLong()).isEqualTo(2);
        List<Map<String, Object>> after = invoices();
        assertThat(after.get(2).get("amount").toString()).isEqualTo("1080.40");
        assertThat(after.subList(0, 2)).isEqualTo(first.subList(0, 2));
    }

    @Test
    void a_customer_takes_the_columns_of_its_last_row_and_keeps_those_a_later_file_lacks() {
        importFile(query("invoices", LedgerFixtures.unique("erp"), "delta"), "a.csv", ("""
                Invoice Number,Customer Account,Customer Name,Salesperson,Payment Terms,Company Code,Invoice Date,Due Date,Amount,Currency
                FA-001,%2$s,Dupre,Hélène Martin,30,%1$s,2026-03-01,2026-04-30,1234.56,EUR
                FA-002,%3$s,Outillage SA,Paul Roche,30j,%1$s,2026-03-20,2026-05-19,980.40,EUR
                FA-003,%2$s,Établissements Dupré & Fils,Hélène Martin,45 jours,%1$s,2026-03-15,2026-05-14,2500.00,EUR
                """).formatted(entity, dupre, outillage).getBytes(StandardCharsets.UTF_8));

        // Terms as ERPs write them, with or without their unit.
        assertThat(customer(dupre)).containsEntry("name", "Établissements Dupré & Fils").containsEntry("salesperson", "Hélène Martin")
                .containsEntry("payment_terms_days", 45);
        assertThat(customer(outillage)).containsEntry("name", "Outillage SA").containsEntry("payment_terms_days", 30);

        importFile(query("invoices", LedgerFixtures.unique("erp"), "delta"), "b.csv", ("""
                Invoice Number,Customer Account,Customer Name,Company Code,Invoice Date,Due Date,Amount,Currency
                FA-004,%2$s,"Dupré \\ Fils\tSA",%1$s,2026-04-01,2026-05-31,100.00,EUR
                """).formatted(entity, dupre).getBytes(StandardCharsets.UTF_8));

        // A backslash and a tab in a cell reach the ledger as they were (the staging COPY escapes them).
        assertThat(customer(dupre)).containsEntry("name", "Dupré \\ Fils\tSA").containsEntry("salesperson", "Hélène Martin");
    }

    /**
     * A SAGE X3 export with a "Litige" column: FA-001 disputed with its reason, FA-002 not ("non"), FA-003 flagged
     * ("oui"). A collection agent has also recorded a dispute on FA-002 (a dunning outcome). The next export of the same
     * source no longer flags FA-001 and leaves FA-002's cell empty.
     */
    @Test
    void a_dispute_column_opens_and_closes_the_disputes_of_its_invoices() {
        String source = LedgerFixtures.unique("sage-x3");
        LocalDate today = LocalDate.now();
        importFile(query("invoices", source, "delta"), "a.csv", disputed("Prix contesté", "non", "oui"));

        assertThat(disputes()).containsExactly(
                List.of("FA-001", "Prix contesté", today.toString(), "open", source),
                List.of("FA-003", "in dispute in " + source, today.toString(), "open", source));

        long fa2 = jdbc.sql("select id from ledger_invoice where entity_code = ? and number = 'FA-002'").param(entity)
                .query(Long.class).single();
        long customer = jdbc.sql("select customer_id from ledger_invoice where id = ?").param(fa2).query(Long.class).single();
        new LedgerFixtures(jdbc).dispute(customer, "damaged goods", today.minusDays(3), null, List.of(fa2));
        String before = ledgerDigest();
        List<List<String>> disputes = disputes();
        importFile(query("invoices", source, "delta"), "a.csv", disputed("Prix contesté", "non", "oui"));
        assertThat(disputes()).as("the same file again changes nothing").isEqualTo(disputes);
        assertThat(ledgerDigest()).isEqualTo(before);

        importFile(query("invoices", source, "delta"), "b.csv", disputed("", "", "oui"));

        assertThat(disputes()).containsExactly(
                List.of("FA-001", "Prix contesté", today.toString(), today.toString(), source),
                List.of("FA-002", "damaged goods", today.minusDays(3).toString(), "open", "dunning"),
                List.of("FA-003", "in dispute in " + source, today.toString(), "open", source));
    }

    private byte[] disputed(String first, String second, String third) {
        String[] cells = {first, second, third};
        String[] rows = new String(sageExport(), WINDOWS_1252).split("\r\n");
        StringBuilder csv = new StringBuilder(rows[0]).append(";Litige\r\n");
        for (int i = 1; i < rows.length; i++) {
            csv.append(rows[i]).append(';').append(cells[i - 1]).append("\r\n");
        }
        return csv.toString().getBytes(WINDOWS_1252);
    }

    /** The disputes on this test's invoices: number, reason, opened, resolved (or open), source (or dunning). */
    private List<List<String>> disputes() {
        return jdbc.sql("""
                        select i.number, d.reason, d.opened_on::text, coalesce(d.resolved_on::text, 'open'),
                               coalesce(d.source, 'dunning')
                        from ledger_dispute d join ledger_dispute_invoice di on di.dispute_id = d.id
                        join ledger_invoice i on i.id = di.invoice_id
                        where i.entity_code = ? order by i.number, d.id""")
                .param(entity).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).list();
    }

    private Map<String, Object> customer(String account) {
        return jdbc.sql("select name, salesperson, payment_terms_days from ledger_customer where account = ?").param(account)
                .query().singleRow();
    }

    @Test
    void a_snapshot_settles_the_open_invoices_it_no_longer_lists() {
        String source = LedgerFixtures.unique("sage-x3");
        importFile(query("invoices", source, "snapshot"), "a.csv", sageExport());
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        long otherSources = ledger.openInvoice(entity, ledger.customer("552100554"), LocalDate.of(2026, 3, 2),
                LocalDate.of(2026, 4, 2), "75.00", "EUR");
        String withoutSecond = new String(sageExport(), WINDOWS_1252).lines().filter(line -> !line.contains("FA-002"))
                .reduce("", (a, b) -> a + b + "\r\n");

        JsonNode snapshot = importFile(query("invoices", source, "snapshot"), "a.csv", withoutSecond.getBytes(WINDOWS_1252));

        assertThat(snapshot.get("settled").asLong()).isEqualTo(1);
        assertThat(snapshot.get("unchanged").asLong()).isEqualTo(2);
        Map<String, Object> second = invoices().get(1);
        assertThat(second).containsEntry("number", "FA-002").containsEntry("status", "SETTLED");
        assertThat(second.get("open_amount").toString()).isEqualTo("0.00");
        assertThat(second.get("paid_on")).isNotNull();
        assertThat(jdbc.sql("select status from ledger_invoice where id = ?").param(otherSources).query(String.class).single())
                .isEqualTo("OPEN");

        JsonNode delta = importFile(query("invoices", source, "delta"), "a.csv", sageExport());
        assertThat(delta.get("updated").asLong()).as("a settled invoice listed again is open again").isEqualTo(1);
        assertThat(invoices().get(1)).containsEntry("status", "OPEN");
    }

    /** An English export of {@code dupre}'s invoices, each given as "number amount [open amount]". */
    private byte[] openItems(String... invoices) {
        boolean withOpen = invoices[0].split(" ").length == 3;
        StringBuilder csv = new StringBuilder("Invoice Number,Customer Account,Customer Name,Company Code,Invoice Date,Due Date,Amount"
                + (withOpen ? ",Balance" : "") + ",Currency\n");
        for (String invoice : invoices) {
            String[] cells = invoice.split(" ");
            csv.append(String.join(",", cells[0], dupre, "Dupre", entity, "2026-03-01", "2026-04-30", cells[1]))
                    .append(withOpen ? "," + cells[2] : "").append(",EUR\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The status and open amount of this test's invoices, by number. */
    private Map<String, String> statuses() {
        Map<String, String> statuses = new java.util.TreeMap<>();
        invoices().forEach(invoice -> statuses.put((String) invoice.get("number"), invoice.get("status") + " " + invoice.get("open_amount")));
        return statuses;
    }

    @Test
    void a_snapshot_that_pays_a_listed_invoice_still_settles_the_one_it_omits() {
        String source = LedgerFixtures.unique("sage-x3");
        importFile(query("invoices", source, "snapshot"), "a.csv", openItems("FA-1 100.00 100.00", "FA-2 200.00 200.00",
                "FA-3 300.00 300.00"));

        JsonNode snapshot = importFile(query("invoices", source, "snapshot"), "b.csv", openItems("FA-1 100.00 0.00",
                "FA-2 200.00 200.00"));

        assertThat(snapshot.get("settled").asLong()).as(snapshot.toString()).isEqualTo(1);
        assertThat(statuses()).containsExactly(Map.entry("FA-1", "PAID 0.00"), Map.entry("FA-2", "OPEN 200.00"),
                Map.entry("FA-3", "SETTLED 0.00"));
    }

    /** Without an open-amount column, a settled invoice listed again owes its amount less what was allocated to it. */
    @Test
    void a_settled_invoice_listed_again_without_open_amounts_reopens_for_what_was_not_allocated() {
        String source = LedgerFixtures.unique("sage-x3");
        importFile(query("invoices", source, "snapshot"), "a.csv", openItems("FA-1 100.00", "FA-2 200.00", "FA-3 300.00"));
        importFile(query("payments", LedgerFixtures.unique("bank"), "delta"), "reglements.csv",
                ("Société;N° règlement;Date règlement;Montant;Devise;N° facture\r\n"
                        + entity + ";R-1;10/04/2026;50,00;EUR;FA-3\r\n").getBytes(WINDOWS_1252));
        importFile(query("invoices", source, "snapshot"), "b.csv", openItems("FA-1 100.00"));
        assertThat(statuses()).containsExactly(Map.entry("FA-1", "OPEN 100.00"), Map.entry("FA-2", "SETTLED 0.00"),
                Map.entry("FA-3", "SETTLED 0.00"));

        JsonNode again = importFile(query("invoices", source, "snapshot"), "c.csv", openItems("FA-1 100.00", "FA-2 200.00",
                "FA-3 300.00"));

        assertThat(again.get("updated").asLong()).as(again.toString()).isEqualTo(2);
        assertThat(statuses()).containsExactly(Map.entry("FA-1", "OPEN 100.00"), Map.entry("FA-2", "OPEN 200.00"),
                Map.entry("FA-3", "OPEN 250.00"));
    }

    @Test
    void payments_are_allocated_to_their_invoices_and_close_those_paid_in_full() {
        importFile(query("invoices", LedgerFixtures.unique("sage-x3"), "delta"), "a.csv", sageExport());
        byte[] payments = ("Société;N° règlement;Date règlement;Montant;Devise;N° facture\r\n"
                + entity + ";R-1;10/04/2026;1 234,56;EUR;FA-001\r\n"
                + entity + ";R-2;12/04/2026;200,00;EUR;FA-002\r\n"
                + entity + ";R-3;13/04/2026;50,00;EUR;FA-002\r\n").getBytes(WINDOWS_1252);
        String source = LedgerFixtures.unique("bank");

        JsonNode job = importFile(query("payments", source, "delta"), "reglements.csv", payments);

        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("imported").asLong()).isEqualTo(3);
        assertThat(job.get("settled").asLong()).as("invoices closed").isEqualTo(1);
        List<Map<String, Object>> invoices = invoices();
        assertThat(invoices.get(0)).containsEntry("status", "PAID").containsEntry("paid_on", java.sql.Date.valueOf("2026-04-10"));
        assertThat(invoices.get(0).get("open_amount").toString()).isEqualTo("0.00");
        assertThat(invoices.get(1)).containsEntry("status", "OPEN");
        assertThat(invoices.get(1).get("open_amount").toString()).isEqualTo("250.00");
        assertThat(jdbc.sql("""
                        select count(*) from ledger_allocation a join ledger_payment p on p.id = a.payment_id
                        where p.entity_code = ?""").param(entity).query(Long.class).single()).isEqualTo(3);

        String before = ledgerDigest();
        JsonNode again = importFile(query("payments", source, "delta"), "reglements.csv", payments);
        assertThat(again.get("unchanged").asLong()).isEqualTo(3);
        assertThat(ledgerDigest()).isEqualTo(before);
    }

    /**
     * KPIs of a past day rewind the payments an import allocated since: FA-001 1,234.56 paid on 04-10; FA-002 2,500.00
     * with 500.00 open at import, 200.00 allocated on 04-12 and 50.00 on 04-13; FA-003 980.40 open.
     */
    @Test
    void kpis_of_a_day_before_imported_payments_see_what_was_open_that_day() {
        importFile(query("invoices", LedgerFixtures.unique("sage-x3"), "delta"), "a.csv", sageExport());
        importFile(query("payments", LedgerFixtures.unique("bank"), "delta"), "reglements.csv",
                ("Société;N° règlement;Date règlement;Montant;Devise;N° facture\r\n"
                        + entity + ";R-1;10/04/2026;1 234,56;EUR;FA-001\r\n"
                        + entity + ";R-2;12/04/2026;200,00;EUR;FA-002\r\n"
                        + entity + ";R-3;13/04/2026;50,00;EUR;FA-002\r\n").getBytes(WINDOWS_1252));

        assertThat(openReceivables("2026-04-09")).isEqualByComparingTo("2714.96");   // 1,234.56 + 500.00 + 980.40
        assertThat(openReceivables("2026-04-11")).isEqualByComparingTo("1480.40");   // 500.00 + 980.40
        assertThat(openReceivables("2026-04-13")).isEqualByComparingTo("1230.40");   // 250.00 + 980.40
    }

    private java.math.BigDecimal openReceivables(String asOf) {
        Response kpis = get("/api/v1/kpis?by=entity&asOf=" + asOf, ANALYST);
        assertThat(kpis.status()).as(kpis.text()).isEqualTo(200);
        return java.util.stream.StreamSupport.stream(kpis.body().get("rows").spliterator(), false)
                .filter(row -> entity.equals(row.get("key").asString())).findFirst().orElseThrow()
                .get("openReceivables").get("amount").decimalValue();
    }

    @Test
    void credit_notes_reduce_their_invoice_and_open_orders_join_the_backlog() {
        importFile(query("invoices", LedgerFixtures.unique("sage-x3"), "delta"), "a.csv", sageExport());

        JsonNode credit = importFile(query("credit-notes", LedgerFixtures.unique("avoirs"), "delta"), "avoirs.csv",
                ("Société;N° avoir;Date avoir;Montant TTC;Devise;Facture d'origine\n" + entity
                        + ";AV-1;05/04/2026;980,40;EUR;FA-003\n").getBytes(WINDOWS_1252));
        assertThat(credit.get("state").asString()).as(credit.toString()).isEqualTo("SUCCEEDED");
        assertThat(invoices().get(2)).containsEntry("status", "PAID").containsEntry("paid_on", java.sql.Date.valueOf("2026-04-05"));

        String source = LedgerFixtures.unique("carnet");
        String orders = "Société;N° commande;Code client;Date commande;Montant TTC;Devise\n"
                + entity + ";CMD-1;" + dupre + ";02/04/2026;5 000,00;EUR\n"
                + entity + ";CMD-2;" + outillage + ";03/04/2026;1 500,00;EUR\n";
        JsonNode backlog = importFile(query("open-orders", source, "snapshot"), "carnet.csv", orders.getBytes(WINDOWS_1252));
        assertThat(backlog.get("imported").asLong()).as(backlog.toString()).isEqualTo(2);

        JsonNode invoicedSince = importFile(query("open-orders", source, "snapshot"), "carnet.csv",
                orders.lines().filter(line -> !line.contains("CMD-1")).reduce("", (a, b) -> a + b + "\n").getBytes(WINDOWS_1252));
        assertThat(invoicedSince.get("settled").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("select reference from ledger_open_order where entity_code = ?").param(entity)
                .query(String.class).list()).containsExactly("CMD-2");
    }

    @Test
    void a_mapping_is_suggested_from_french_headers_saved_and_reused_for_any_layout() {
        Response suggested = multipart("/api/v1/ledger/mappings/suggestion?kind=invoices", "BALANCE.csv", sageExport(), ANALYST);
        assertThat(suggested.status()).as(suggested.text()).isEqualTo(200);
        JsonNode columns = suggested.body().get("mapping").get("columns");
        assertThat(columns.get("entity").asString()).isEqualTo("Société");
        assertThat(columns.get("account").asString()).isEqualTo("Code client");
        assertThat(columns.get("customerName").asString()).isEqualTo("Raison sociale");
        assertThat(columns.get("registrationNumber").asString()).isEqualTo("SIREN");
        assertThat(columns.get("salesperson").asString()).isEqualTo("Représentant");
        assertThat(columns.get("number").asString()).isEqualTo("N° facture");
        assertThat(columns.get("issueDate").asString()).isEqualTo("Date facture");
        assertThat(columns.get("dueDate").asString()).isEqualTo("Date échéance");
        assertThat(columns.get("amount").asString()).isEqualTo("Montant TTC");
        assertThat(columns.get("openAmount").asString()).isEqualTo("Reste à payer");
        assertThat(columns.get("currency").asString()).isEqualTo("Devise");
        assertThat(suggested.body().get("missingMandatory")).isEmpty();
        // The first row, under the header, so that a person mapping the file sees what each column holds.
        JsonNode header = suggested.body().get("header");
        JsonNode sample = suggested.body().get("sample");
        assertThat(sample.size()).isEqualTo(header.size());
        int amountColumn = header.valueStream().map(JsonNode::asString).toList().indexOf("Montant TTC");
        assertThat(sample.get(amountColumn).asString()).matches("[\\d\\s\u00a0\u202f]+,\\d\\d");

        // A client building its own mapping screen learns each kind's fields, and which are required.
        JsonNode invoiceFields = get("/api/v1/ledger/imports/kinds", ANALYST).body().get("kinds").valueStream()
                .filter(kind -> kind.get("kind").asString().equals("invoices")).findFirst().orElseThrow().get("fields");
        JsonNode dueDate = invoiceFields.valueStream().filter(f -> f.get("name").asString().equals("dueDate")).findFirst().orElseThrow();
        assertThat(dueDate.get("required").asBoolean()).isTrue();
        assertThat(dueDate.get("unlessMapped").valueStream().map(JsonNode::asString).toList()).contains("terms");
        assertThat(get("/api/v1/ledger/imports/kinds", SALESPERSON).status()).isEqualTo(403);

        String source = LedgerFixtures.unique("agency");
        Response saved = send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/ledger/mappings/" + source))
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"kind": "invoices",
                         "columns": {"number": "Doc", "account": "Tiers", "customerName": "Qui", "issueDate": "Emise",
                                     "dueDate": "Payable", "amount": "Brut"},
                         "defaults": {"entity": "%s", "currency": "EUR"}}""".formatted(entity))), MANAGER);
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        assertThat(get("/api/v1/ledger/mappings/" + source, ANALYST).body().get("defaults").get("entity").asString()).isEqualTo(entity);

        JsonNode job = importFile("source=" + source, "relances.txt", ("Brut|Payable|Doc|Emise|Tiers|Qui\n"
                + "1 200,00|15.05.26|X-1|15.04.26|" + dupre + "|Dupré\n").getBytes(StandardCharsets.UTF_8));
        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("kind").asString()).isEqualTo("invoices");
        assertThat(invoices()).singleElement().satisfies(invoice -> {
            assertThat(invoice).containsEntry("number", "X-1").containsEntry("due_date", java.sql.Date.valueOf("2026-05-15"));
            assertThat(invoice.get("amount").toString()).isEqualTo("1200.00");
        });

        Response invalid = send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/ledger/mappings/" + source))
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"kind": "invoices", "columns": {"number": "Doc", "colour": "Couleur"}}""")), MANAGER);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.text()).contains("columns.colour", "columns.dueDate");
    }

    @Test
    void only_finance_staff_may_import() {
        assertThat(upload(query("invoices", "x", "delta"), "a.csv", sageExport(), ORDER_SYSTEM).status()).isEqualTo(403);
        assertThat(upload(query("invoices", "x", "delta"), "a.csv", sageExport(), DUNNING_ENGINE).status()).isEqualTo(403);
        assertThat(get("/api/v1/ledger/mappings", null).status()).isEqualTo(401);
    }
}
