package io.arbiter.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.arbiter.ledger.promises.PromiseKeeping;
import tools.jackson.databind.JsonNode;

/**
 * Promises to pay (made when a dunning call gets one) end KEPT or BROKEN from what the ledger then shows, with the
 * default grace of 3 days after the promised date; broken ones become a fact of the customer's payment behaviour.
 */
class PromiseKeepingTests extends LedgerImportApiTest {

    private static final LocalDate TODAY = LocalDate.now();

    @Autowired
    PromiseKeeping keeping;

    private LedgerFixtures ledger;
    private String entity;

    @BeforeEach
    void ledger() {
        ledger = new LedgerFixtures(jdbc);
        entity = ledger.entity("EUR");
    }

    @Test
    void a_promise_paid_by_its_date_plus_grace_is_kept_one_unpaid_after_that_is_broken_one_not_yet_due_waits() {
        long customer = ledger.customer("552100554");
        long paidLate = invoice(customer, "1000.00");
        long unpaid = invoice(customer, "800.00");
        long notYetDue = invoice(customer, "500.00");
        long kept = ledger.promise(customer, TODAY.minusDays(20), TODAY.minusDays(10), "1000.00", "EUR", "PENDING", List.of(paidLate));
        long broken = ledger.promise(customer, TODAY.minusDays(20), TODAY.minusDays(4), "800.00", "EUR", "PENDING", List.of(unpaid));
        long waiting = ledger.promise(customer, TODAY.minusDays(2), TODAY.plusDays(5), "500.00", "EUR", "PENDING", List.of(notYetDue));
        // 1,000 in two payments, the second two days after the promised date: within the grace period.
        ledger.paymentAllocated(entity, customer, paidLate, TODAY.minusDays(12), "400.00", "EUR");
        ledger.paymentAllocated(entity, customer, paidLate, TODAY.minusDays(8), "600.00", "EUR");
        // 300 of 800 by the promised date plus grace (yesterday): too little.
        ledger.paymentAllocated(entity, customer, unpaid, TODAY.minusDays(15), "300.00", "EUR");

        keeping.judge(TODAY);

        assertThat(status(kept)).isEqualTo("KEPT");
        assertThat(status(broken)).isEqualTo("BROKEN");
        assertThat(status(waiting)).isEqualTo("PENDING");
    }

    @Test
    void a_promise_on_the_whole_balance_is_kept_by_the_customers_payments_and_one_on_settled_invoices_by_their_settling() {
        long customer = ledger.customer("552100554");
        long invoice = invoice(customer, "2000.00");
        long wholeBalance = ledger.promise(customer, TODAY.minusDays(30), TODAY.minusDays(20), "1500.00", "EUR", "PENDING", List.of());
        ledger.paymentAllocated(entity, customer, invoice, TODAY.minusDays(21), "1500.00", "EUR");
        long other = ledger.customer("732829320");
        long settled = ledger.paidInvoice(entity, other, TODAY.minusDays(90), TODAY.minusDays(60), "700.00", "EUR", TODAY.minusDays(19));
        long onSettled = ledger.promise(other, TODAY.minusDays(30), TODAY.minusDays(20), "700.00", "EUR", "PENDING", List.of(settled));

        keeping.judge(TODAY);

        assertThat(status(wholeBalance)).isEqualTo("KEPT");
        assertThat(status(onSettled)).isEqualTo("KEPT");
    }

    @Test
    void importing_the_payment_a_promise_announced_keeps_it() {
        String account = LedgerFixtures.unique("C");
        String number = LedgerFixtures.unique("FA");
        importFile("kind=invoices&source=" + LedgerFixtures.unique("erp") + "&mode=delta", "invoices.csv",
                ("Entity,Customer Account,Customer Name,Invoice Number,Invoice Date,Due Date,Amount,Currency\n" + entity
                        + "," + account + ",Menuiserie Roux SARL," + number + "," + TODAY.minusDays(60) + ","
                        + TODAY.minusDays(30) + ",1200.00,EUR\n").getBytes(StandardCharsets.UTF_8));
        long invoice = jdbc.sql("select id from ledger_invoice where entity_code = ? and number = ?").params(entity, number)
                .query(Long.class).single();
        long customer = jdbc.sql("select customer_id from ledger_invoice where id = ?").param(invoice).query(Long.class).single();
        long promise = ledger.promise(customer, TODAY.minusDays(5), TODAY.plusDays(2), "1200.00", "EUR", "PENDING", List.of(invoice));

        JsonNode job = importFile("kind=payments&source=" + LedgerFixtures.unique("bank") + "&mode=delta", "payments.csv",
                ("Entity,Payment Reference,Payment Date,Amount,Currency,Invoice Number\n" + entity + ","
                        + LedgerFixtures.unique("R") + "," + TODAY.minusDays(1) + ",1200.00,EUR," + number + "\n")
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(status(promise)).isEqualTo("KEPT");
    }

    private long invoice(long customer, String amount) {
        return ledger.openInvoice(entity, customer, TODAY.minusDays(60), TODAY.minusDays(30), amount, "EUR");
    }

    private String status(long promise) {
        return jdbc.sql("select status from ledger_promise where id = ?").param(promise).query(String.class).single();
    }
}
