package io.arbiter.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * A large invoice import runs for as long as its file takes; credit decisions on the customers it touches keep being
 * answered meanwhile, on the ledger as it was before the import, and on the new one once it has committed.
 */
class ImportWhileDecidingTests extends LedgerImportApiTest {

    private static final String MOREAU = "402202006";
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(10);

    @Autowired
    private DataSource dataSource;

    @Test
    void a_decision_reads_the_exposure_while_a_first_load_as_large_as_the_ledger_is_still_importing() throws Exception {
        LocalDate today = LocalDate.now();
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        ledger.setAsideCompany(MOREAU);
        String siret = LedgerFixtures.siret(MOREAU);
        String entity = ledger.entity("EUR");
        LedgerFixtures.NewCustomer moreau = LedgerFixtures.NewCustomer.named(siret);
        long customer = ledger.customer(moreau);
        ledger.openInvoice(entity, customer, today.minusDays(10), today.plusDays(35), "40000", "EUR");
        // A first load: at least as many invoices as the ledger already holds, and many of them.
        long rows = Math.max(120_000, jdbc.sql("select count(*) from ledger_invoice").query(Long.class).single() + 1_000);
        Path file = export(entity, moreau.account(), rows, today);

        Response accepted;
        try (Connection hold = dataSource.getConnection()) {
            // Holds the import open, as a long file would, at its last step: opening the disputes its file flags.
            hold.setAutoCommit(false);
            try (Statement statement = hold.createStatement()) {
                statement.execute("lock table ledger_dispute in exclusive mode");
            }
            accepted = uploadBody("kind=invoices&source=" + LedgerFixtures.unique("erp") + "&mode=delta", file, ANALYST);
            assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
            awaitImportWaitingOnDisputes();

            CompletableFuture<Response> decision = CompletableFuture.supplyAsync(() ->
                    post("/api/v1/credit-decisions", ORDER_SYSTEM, order(siret, "18000")));
            try {
                Response during = decision.get(ANSWERED_WITHIN.toSeconds(), TimeUnit.SECONDS);
                assertThat(during.status()).as(during.text()).isEqualTo(201);
                JsonNode exposure = during.body().get("exposure");
                assertThat(exposure.get("source").asString()).isEqualTo("LEDGER");
                assertThat(exposure.get("openReceivables").get("amount").decimalValue())
                        .as("the ledger as it was before the import, which has not committed").isEqualByComparingTo("40000");
            } catch (TimeoutException e) {
                fail("a credit decision on a customer of the file waited more than " + ANSWERED_WITHIN.toSeconds()
                        + " s for the import to end");
            } finally {
                hold.rollback();
                try {
                    decision.get(2, TimeUnit.MINUTES);
                } catch (ExecutionException | TimeoutException ignored) {
                    // what it answered was checked above, if it answered in time
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        JsonNode job = await(accepted);
        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("imported").asLong()).isEqualTo(rows);

        Response after = post("/api/v1/credit-decisions", ORDER_SYSTEM, order(siret, "18000"));
        assertThat(after.body().get("exposure").get("openReceivables").get("amount").decimalValue())
                .as("the import's invoice of 50,000 counts once it has committed").isEqualByComparingTo("90000");
        assertThat(jdbc.sql("select count(*) from ledger_dispute_invoice di join ledger_invoice i on i.id = di.invoice_id"
                + " where i.entity_code = ?").param(entity).query(Long.class).single()).isEqualTo(1);
    }

    /** Until the import's backend waits for the lock on the disputes: its invoices are then in, uncommitted. */
    private void awaitImportWaitingOnDisputes() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            long waiting = jdbc.sql("""
                    select count(*) from pg_stat_activity
                    where wait_event_type = 'Lock' and query ilike '%insert into ledger_dispute %'""")
                    .query(Long.class).single();
            if (waiting > 0) {
                return;
            }
            Thread.sleep(50);
        }
        fail("the import never reached its disputes");
    }

    /** {@code rows} invoices of 200 customers, one of them Moreau's invoice of 50,000 EUR, disputed. */
    private static Path export(String entity, String moreauAccount, long rows, LocalDate today) {
        try {
            Path file = Files.createTempFile("first-load", ".csv");
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write("Invoice Number,Customer Account,Customer Name,Company Code,Invoice Date,Due Date,Amount,Currency,Dispute\n");
                out.write("M-1," + moreauAccount + ",Atelier Moreau SARL," + entity + "," + today.minusDays(5) + ","
                        + today.plusDays(40) + ",50000.00,EUR,prix contesté\n");
                String prefix = LedgerFixtures.unique("FL");
                for (long n = 2; n <= rows; n++) {
                    out.write("F-" + n + "," + prefix + "-" + (n % 200) + ",Client " + (n % 200) + "," + entity + ","
                            + today.minusDays(n % 90) + "," + today.plusDays(30 - n % 90) + "," + (100 + n % 900) + ".00,EUR,\n");
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String order(String siret, String amount) {
        return """
                {"requestId": "%s",
                 "customer": {"registrationNumber": "%s", "name": "Atelier Moreau SARL", "country": "FR",
                              "customerSince": "2021-03-01", "paymentTermsDays": 45},
                 "order": {"amount": %s, "currency": "EUR"}}
                """.formatted(newRequestId(), siret, amount);
    }
}
