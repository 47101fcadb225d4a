package io.arbiter.ledger.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.arbiter.ledger.Collections;
import io.arbiter.ledger.importing.ImportJob;
import io.arbiter.ledger.importing.ImportKind;
import io.arbiter.ledger.importing.ImportMode;
import io.arbiter.ledger.importing.ImportRequest;
import io.arbiter.ledger.importing.LedgerImportService;

/**
 * The quickstart's demo ledger: the ERP exports in {@code docs/examples/ledger} (packaged in the jar under
 * {@code demo/ledger}), a small supplier whose customers are the sandbox bureau's companies, imported through the same
 * importer as any export, once: a ledger that already has the demo entity is left alone, so a restart or a user's own
 * changes are never undone. Every walkthrough of the documentation runs against it, as of {@link #AS_OF}.
 */
@Component
@Profile("quickstart")
class DemoLedger implements ApplicationRunner {

    /** The day the demo ledger describes: the documentation's commands give it as their {@code asOf}. */
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);
    static final String ENTITY = "FR01";
    private static final String SOURCE = "sage-x3";
    private static final Logger log = LoggerFactory.getLogger(DemoLedger.class);

    private final LedgerImportService imports;
    private final Collections collections;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    DemoLedger(LedgerImportService imports, Collections collections, JdbcClient jdbc, TransactionTemplate transaction) {
        this.imports = imports;
        this.collections = collections;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select count(*) from ledger_entity where code = ?").param(ENTITY).query(Long.class).single() > 0) {
            log.info("Demo ledger: entity {} is already in the ledger, nothing loaded", ENTITY);
            return;
        }
        load("FACTURES.csv", ImportKind.INVOICES, SOURCE);
        load("REGLEMENTS.csv", ImportKind.PAYMENTS, "bank");
        load("COMMANDES.csv", ImportKind.OPEN_ORDERS, "sage-x3-orders");
        // An import opens the disputes its file marks on the day it runs; the export describes the ledger as of AS_OF,
        // where Boulangerie Petit's dispute was raised on 12 November.
        jdbc.sql("update ledger_dispute set opened_on = ? where source = ? and opened_on > ?")
                .params(LocalDate.of(2026, 11, 12), SOURCE, AS_OF).update();
        // Promises to pay come from collectors, not from the ERP: Atelier Moreau promised to pay its invoice due on
        // 22 November by 10 December.
        transaction.executeWithoutResult(status -> collections.recordPromise(customer("411MOREAU"),
                LocalDate.of(2026, 11, 25), LocalDate.of(2026, 12, 10), new BigDecimal("9800.00"), "EUR",
                List.of(invoice("FA-26-0921"))));
        log.info("Demo ledger loaded: entity {}, the sandbox bureau's companies as customers, as of {}", ENTITY, AS_OF);
    }

    private void load(String file, ImportKind kind, String source) {
        Path copy;
        try (InputStream in = new ClassPathResource("demo/ledger/" + file).getInputStream()) {
            copy = Files.createTempFile("arbiter-demo-", "-" + file);
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("The demo ledger's " + file + " is not in the application", e);
        }
        try {
            ImportJob job = imports.importNow(copy, new ImportRequest(kind, source, ImportMode.DELTA, false, file,
                    "quickstart demo"));
            if (!"SUCCEEDED".equals(job.state())) {
                throw new IllegalStateException("The demo ledger's " + file + " did not import: " + job.message()
                        + " " + job.errors());
            }
        } finally {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                log.debug("Could not delete {}", copy, e);
            }
        }
    }

    private long customer(String account) {
        return jdbc.sql("select id from ledger_customer where account = ?").param(account).query(Long.class).single();
    }

    private long invoice(String number) {
        return jdbc.sql("select id from ledger_invoice where entity_code = ? and number = ?").params(ENTITY, number)
                .query(Long.class).single();
    }
}
