package io.arbiter.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

import io.arbiter.ApiTest;

/** The ledger's tables refuse what no ERP export may put in them, whatever the code above them does. */
class LedgerSchemaTests extends ApiTest {

    private static final LocalDate ISSUED = LocalDate.of(2026, 3, 1);

    @Test
    void an_invoice_number_is_unique_within_its_entity_only() {
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        String entity = ledger.entity("EUR");
        String other = ledger.entity("EUR");
        long customer = ledger.customer("552100554");
        long first = ledger.openInvoice(entity, customer, ISSUED, ISSUED.plusDays(30), "1200.00", "EUR");
        String number = jdbc.sql("select number from ledger_invoice where id = ?").param(first).query(String.class).single();

        assertThat(jdbc.sql("insert into ledger_invoice (entity_code, number, customer_id, issue_date, due_date, amount, open_amount, currency, status) values (?, ?, ?, ?, ?, 10, 10, 'EUR', 'OPEN')")
                .params(other, number, customer, ISSUED, ISSUED).update()).isEqualTo(1);
        assertThatThrownBy(() -> jdbc.sql("insert into ledger_invoice (entity_code, number, customer_id, issue_date, due_date, amount, open_amount, currency, status) values (?, ?, ?, ?, ?, 10, 10, 'EUR', 'OPEN')")
                .params(entity, number, customer, ISSUED, ISSUED).update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void an_invoice_cannot_fall_due_before_it_is_issued_nor_be_negative() {
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        String entity = ledger.entity("EUR");
        long customer = ledger.customer("552100554");

        assertThatThrownBy(() -> ledger.openInvoice(entity, customer, ISSUED, ISSUED.minusDays(1), "100.00", "EUR"))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> ledger.openInvoice(entity, customer, ISSUED, ISSUED, "-100.00", "EUR"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }
}
