package io.arbiter.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What collection learns from a customer and writes back into the ledger: a dispute that isolates invoices, a promise
 * to pay. Callers validate and run these in their own transaction, so that a refused request leaves nothing behind.
 */
@Service
public class Collections {

    private final JdbcClient jdbc;

    Collections(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens a dispute on these invoices of the customer; returns its id. */
    public long recordDispute(long customerId, String reason, LocalDate openedOn, List<Long> invoiceIds) {
        long id = jdbc.sql("insert into ledger_dispute (customer_id, reason, opened_on) values (?, ?, ?) returning id")
                .params(customerId, reason, openedOn).query(Long.class).single();
        invoiceIds.forEach(invoice -> jdbc.sql("insert into ledger_dispute_invoice (dispute_id, invoice_id) values (?, ?)")
                .params(id, invoice).update());
        return id;
    }

    /** Records a pending promise to pay on these invoices (none: the whole balance); returns its id. */
    public long recordPromise(long customerId, LocalDate madeOn, LocalDate promisedOn, BigDecimal amount, String currency,
            List<Long> invoiceIds) {
        long id = jdbc.sql("""
                        insert into ledger_promise (customer_id, made_on, promised_on, amount, currency)
                        values (?, ?, ?, ?, ?) returning id""")
                .params(customerId, madeOn, promisedOn, amount, currency).query(Long.class).single();
        invoiceIds.forEach(invoice -> jdbc.sql("insert into ledger_promise_invoice (promise_id, invoice_id) values (?, ?)")
                .params(id, invoice).update());
        return id;
    }
}
