package io.arbiter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.arbiter.security.Role;
import tools.jackson.databind.JsonNode;

class ImportWizardBrowserTests extends BrowserTest {

    private static final String HEADER = "Cpte client;Raison sociale;N° facture;Date facture;Date échéance;Montant TTC;Devise";

    @Test
    void a_credit_manager_maps_a_french_export_sees_its_bad_date_in_the_dry_run_then_imports_the_corrected_file()
            throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String entity = "W" + run;
        String source = "sage-" + run.toLowerCase();
        String account = "411W" + run;
        String rows = """
                %1$s;Fromagerie Wizard %2$s SA;FW-%2$s-1;05/05/2026;04/07/2026;48 000,00;EUR
                %1$s;Fromagerie Wizard %2$s SA;FW-%2$s-2;20/08/2026;19/10/2026;61 750,50;EUR
                %1$s;Fromagerie Wizard %2$s SA;FW-%2$s-3;12/06/2026;%3$s;1 234,56;EUR
                """;
        Path wrong = export("FACTURES-" + run + ".csv", rows.formatted(account, run, "31/02/2026"));
        Path corrected = export("FACTURES-" + run + "-corrige.csv", rows.formatted(account, run, "11/08/2026"));

        String manager = person("Camille Roux", Role.CREDIT_MANAGER);
        signIn(manager, PASSWORD);
        open("/", "home");
        browser.findElement(By.linkText("Import")).click();
        screenshot("imports");
        assertThat(heading()).isEqualTo("Import the ledger");

        upload(wrong, entity, source);
        screenshot("mapping-suggested");
        assertThat(heading()).isEqualTo("Map the columns");
        assertThat(selected("N° facture")).isEqualTo("Document number *");
        assertThat(selected("Date échéance")).isEqualTo("Due date *");
        assertThat(selected("Montant TTC")).isEqualTo("Amount (incl. VAT) *");
        assertThat(sample("Montant TTC")).isEqualTo("48 000,00");
        // "Cpte client" is no header the suggestion knows: the credit manager says it is the customer account.
        assertThat(selected("Cpte client")).isEqualTo("— not imported —");
        field("Cpte client").selectByValue("account");
        screenshot("mapping-adjusted");
        browser.findElement(By.id("dry-run")).click();

        waitFor(By.id("job-outcome"));
        screenshot("dry-run-errors");
        assertThat(heading()).isEqualTo("Dry run");
        assertThat(browser.findElement(By.id("job-outcome")).getText()).startsWith("1 error(s) in the file: nothing was stored");
        List<String> error = browser.findElements(By.cssSelector("#errors tbody tr td")).stream().map(WebElement::getText).toList();
        assertThat(error).hasSize(4);
        assertThat(error.subList(0, 3)).containsExactly("4", "Date échéance", "31/02/2026");
        assertThat(error.get(3)).isNotBlank();
        assertThat(count("select count(*) from ledger_invoice where entity_code = ?", entity)).isZero();

        browser.findElement(By.id("upload-again")).click();
        assertThat(browser.findElement(By.id("source")).getAttribute("value")).isEqualTo(source);
        upload(corrected, entity, source);
        screenshot("mapping-reused");
        assertThat(browser.findElement(By.id("mapping-reused")).getText()).contains(source);
        assertThat(selected("Cpte client")).isEqualTo("Customer account *");
        browser.findElement(By.id("dry-run")).click();

        waitFor(By.id("job-outcome"));
        screenshot("dry-run-valid");
        assertThat(browser.findElement(By.id("job-outcome")).getText()).contains("The file is valid: its 3 rows can be imported");
        assertThat(browser.findElement(By.id("preview")).getText()).contains("48,000.00").contains("1,234.56")
                .contains("11 Aug 2026"); // a British reader's browser: day, month, year
        browser.findElement(By.id("import-now")).click();

        waitFor(By.id("job-figures"));
        screenshot("imported");
        assertThat(heading()).isEqualTo("Import");
        assertThat(browser.findElement(By.id("rows-read")).getText()).isEqualTo("3");
        assertThat(browser.findElement(By.id("rows-created")).getText()).isEqualTo("3");
        assertThat(browser.findElement(By.id("rows-refused")).getText()).isEqualTo("0");

        browser.findElement(By.linkText("All imports")).click();
        screenshot("history");
        List<String> history = browser.findElements(By.cssSelector("#history tbody tr")).stream().map(WebElement::getText)
                .filter(row -> row.contains(corrected.getFileName().toString())).toList();
        assertThat(history).anyMatch(row -> row.contains("Imported") && row.contains("3 3 0 0 0") && row.contains(manager))
                .anyMatch(row -> row.contains("Dry run passed"));

        assertThat(count("select count(*) from ledger_invoice where entity_code = ?", entity)).isEqualTo(3);
        assertThat(jdbc.sql("select amount from ledger_invoice where entity_code = ? and number = ?")
                .params(entity, "FW-" + run + "-3").query(java.math.BigDecimal.class).single()).isEqualByComparingTo("1234.56");
        JsonNode jobs = get("/api/v1/ledger/imports?limit=10", MANAGER).body();
        assertThat(jobs.get("items").valueStream().filter(job -> job.get("source").asString().equals(source)
                && !job.get("dryRun").asBoolean()).findFirst().orElseThrow().get("requestedBy").asString()).isEqualTo(manager);

        open("/imports?lang=fr", "history-fr");
        assertThat(heading()).isEqualTo("Importer le grand livre clients");
        assertThat(browser.findElement(By.id("history")).getText()).contains("Importé").contains("Essai réussi");
        open("/imports?lang=en", "history-en");
    }

    @Test
    void a_salesperson_has_no_import_in_the_menu_and_cannot_open_the_wizard() {
        String salesperson = person("Hugo Martin", Role.SALESPERSON);
        signIn(salesperson, PASSWORD);
        open("/", "home");
        assertThat(browser.findElements(By.linkText("Import"))).isEmpty();
        open("/imports", "denied");
        assertThat(browser.findElements(By.id("upload"))).isEmpty();
    }

    private void upload(Path file, String entity, String source) {
        browser.findElement(By.id("files")).sendKeys(file.toAbsolutePath().toString());
        new Select(browser.findElement(By.id("kind"))).selectByValue("invoices");
        WebElement entityInput = browser.findElement(By.id("entity"));
        entityInput.clear();
        entityInput.sendKeys(entity);
        WebElement sourceInput = browser.findElement(By.id("source"));
        sourceInput.clear();
        sourceInput.sendKeys(source);
        screenshot("upload-filled");
        browser.findElement(By.id("upload-submit")).click();
    }

    private Select field(String header) {
        return new Select(browser.findElement(By.xpath("//table[@id='columns']//tr[th[normalize-space()='" + header + "']]//select")));
    }

    private String selected(String header) {
        return field(header).getFirstSelectedOption().getText();
    }

    private String sample(String header) {
        return browser.findElement(By.xpath("//table[@id='columns']//tr[th[normalize-space()='" + header + "']]/td[1]")).getText();
    }

    private long count(String sql, String entity) {
        return jdbc.sql(sql).param(entity).query(Long.class).single();
    }

    /** A French ERP export as SAGE writes it: semicolons, decimal commas, dd/MM/yyyy, Windows-1252. */
    private static Path export(String name, String rows) throws IOException {
        Path file = Path.of("target", "import-wizard", name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, HEADER + "\r\n" + rows.replace("\n", "\r\n"), Charset.forName("windows-1252"));
        return file;
    }
}
