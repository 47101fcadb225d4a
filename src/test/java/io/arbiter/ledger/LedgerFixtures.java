package io.arbiter.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.arbiter.shared.RegistrationNumbers;

/**
 * Puts ledger rows straight into PostgreSQL for tests of the features that read the ledger (exposure, insight,
 * dunning, pool), so that they do not depend on the import's file formats. All tests of one run share a schema:
 * every account and number made here is unique, so tests never see each other's customers.
 */
public final class LedgerFixtures {

    private final JdbcClient jdbc;

    public LedgerFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A valid SIREN of this test's own: eight random digits and the Luhn check digit. */
    public static String siren() {
        // Never from 1 or 2: INSEE numbers public bodies so, and Arbiter takes those for the public sector (its own
        // segment, dunning plan and rate), which would make a test about a company pass or fail by the draw.
        return withCheckDigit(String.valueOf(ThreadLocalRandom.current().nextInt(30_000_000, 100_000_000)));
    }

    /** A valid SIRET of one of this company's establishments: the SIREN, four random digits and the check digit. */
    public static String siret(String siren) {
        return withCheckDigit(siren + ThreadLocalRandom.current().nextInt(1000, 10_000));
    }

    private static String withCheckDigit(String digits) {
        for (int check = 0; check < 10; check++) {
            if (RegistrationNumbers.luhn(digits + check)) {
                return digits + check;
            }
        }
        throw new IllegalStateException("no Luhn digit for " + digits);
    }

    /**
     * Takes the registration number off every account of this company (migration V15's company key), so that a test
     * on one of the sandbox bureau's few companies sees only the accounts it makes: a company's exposure sums them all.
     */
    public void setAsideCompany(String siren) {
        jdbc.sql("update ledger_customer set registration_number = 'set aside ' || registration_number where company_id = ?")
                .param(siren).update();
    }

    /** A legal entity invoicing in {@code currency}; returns its code. */
    public String entity(String currency) {
        String code = unique("ENT");
        jdbc.sql("insert into ledger_entity (code, name, currency) values (?, ?, ?)")
                .params(code, "Entity " + code, currency).update();
        return code;
    }

    public String group(String name) {
        String code = unique("GRP");
        jdbc.sql("insert into ledger_customer_group (code, name) values (?, ?)").params(code, name).update();
        return code;
    }

    /** A customer; returns its id. */
    public long customer(NewCustomer customer) {
        return jdbc.sql("""
                        insert into ledger_customer (account, registration_number, name, country, group_code, salesperson,
                                                     activity, payment_terms_days, customer_since, public_sector)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(customer.account(), customer.registrationNumber(), customer.name(), customer.country(),
                        customer.groupCode(), customer.salesperson(), customer.activity(), customer.paymentTermsDays(),
                        customer.customerSince(), customer.publicSector())
                .query(Long.class).single();
    }

    /**
     * A customer since 2015 on 30-day terms, never decided: one invoice of 4,000 EUR paid on its due date 60 days ago and
     * one of 2,500 EUR due today; its ledger account.
     */
    public String customerPayingOnTime(String registrationNumber) {
        NewCustomer template = NewCustomer.named(registrationNumber);
        long customer = customer(new NewCustomer(template.account(), registrationNumber, "Négoce " + registrationNumber,
                "FR", null, null, null, 30, LocalDate.of(2015, 1, 1), false));
        String entity = entity("EUR");
        LocalDate today = LocalDate.now();
        paidInvoice(entity, customer, today.minusDays(90), today.minusDays(60), "4000.00", "EUR", today.minusDays(60));
        openInvoice(entity, customer, today.minusDays(30), today, "2500.00", "EUR");
        return template.account();
    }

    public long customer(String registrationNumber) {
        return customer(NewCustomer.named(registrationNumber));
    }

    /** An open invoice for its whole amount; returns its id. */
    public long openInvoice(String entity, long customerId, LocalDate issued, LocalDate due, String amount, String currency) {
        return invoice(entity, customerId, issued, due, amount, amount, currency, "OPEN", null);
    }

    /** An invoice paid in full on {@code paidOn}; returns its id. */
    public long paidInvoice(String entity, long customerId, LocalDate issued, LocalDate due, String amount, String currency,
                            LocalDate paidOn) {
        return invoice(entity, customerId, issued, due, amount, "0", currency, "PAID", paidOn);
    }

    public long invoice(String entity, long customerId, LocalDate issued, LocalDate due, String amount, String openAmount,
                        String currency, String status, LocalDate paidOn) {
        return jdbc.sql("""
                        insert into ledger_invoice (entity_code, number, customer_id, issue_date, due_date, amount,
                                                    open_amount, currency, status, paid_on)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(entity, unique("INV"), customerId, issued, due, new BigDecimal(amount), new BigDecimal(openAmount),
                        currency, status, paidOn)
                .query(Long.class).single();
    }

    /**
     * A payment of {@code amount} received on {@code on}, allocated to the invoice that day (lettrage); returns the
     * allocation's id. The invoice's open amount and status are left as they are: set them when creating it.
     */
    public long paymentAllocated(String entity, long customerId, long invoiceId, LocalDate on, String amount, String currency) {
        long payment = jdbc.sql("""
                        insert into ledger_payment (entity_code, reference, customer_id, received_on, amount, currency)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(entity, unique("PAY"), customerId, on, new BigDecimal(amount), currency).query(Long.class).single();
        // As the payment import does: the invoice keeps what its allocations add up to, which KPIs read.
        jdbc.sql("update ledger_invoice set allocated = allocated + ? where id = ?")
                .params(new BigDecimal(amount), invoiceId).update();
        return jdbc.sql("""
                        insert into ledger_allocation (invoice_id, payment_id, amount, allocated_on)
                        values (?, ?, ?, ?) returning id""")
                .params(invoiceId, payment, new BigDecimal(amount), on).query(Long.class).single();
    }

    /**
     * A credit note (avoir) of {@code amount} issued on {@code on}, allocated to the invoice that day; returns the
     * allocation's id. The invoice's open amount and status are left as they are: set them when creating it.
     */
    public long creditNoteAllocated(String entity, long customerId, long invoiceId, LocalDate on, String amount, String currency) {
        long creditNote = jdbc.sql("""
                        insert into ledger_credit_note (entity_code, number, customer_id, issued_on, amount, currency)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(entity, unique("AV"), customerId, on, new BigDecimal(amount), currency).query(Long.class).single();
        jdbc.sql("update ledger_invoice set allocated = allocated + ? where id = ?").params(new BigDecimal(amount), invoiceId).update();
        return jdbc.sql("""
                        insert into ledger_allocation (invoice_id, credit_note_id, amount, allocated_on)
                        values (?, ?, ?, ?) returning id""")
                .params(invoiceId, creditNote, new BigDecimal(amount), on).query(Long.class).single();
    }

    /** A dispute on the given invoices; returns its id. */
    public long dispute(long customerId, String reason, LocalDate openedOn, LocalDate resolvedOn, List<Long> invoiceIds) {
        long id = jdbc.sql("insert into ledger_dispute (customer_id, reason, opened_on, resolved_on) values (?, ?, ?, ?) returning id")
                .params(customerId, reason, openedOn, resolvedOn).query(Long.class).single();
        invoiceIds.forEach(invoice -> jdbc.sql("insert into ledger_dispute_invoice (dispute_id, invoice_id) values (?, ?)")
                .params(id, invoice).update());
        return id;
    }

    /** A promise to pay; returns its id. */
    public long promise(long customerId, LocalDate madeOn, LocalDate promisedOn, String amount, String currency, String status,
                        List<Long> invoiceIds) {
        long id = jdbc.sql("""
                        insert into ledger_promise (customer_id, made_on, promised_on, amount, currency, status)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(customerId, madeOn, promisedOn, new BigDecimal(amount), currency, status).query(Long.class).single();
        invoiceIds.forEach(invoice -> jdbc.sql("insert into ledger_promise_invoice (promise_id, invoice_id) values (?, ?)")
                .params(id, invoice).update());
        return id;
    }

    /** An order not yet invoiced; returns its id. */
    public long openOrder(String entity, long customerId, LocalDate orderedOn, String amount, String currency) {
        return jdbc.sql("""
                        insert into ledger_open_order (entity_code, reference, customer_id, ordered_on, amount, currency)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(entity, unique("ORD"), customerId, orderedOn, new BigDecimal(amount), currency)
                .query(Long.class).single();
    }

    public record NewCustomer(String account, String registrationNumber, String name, String country, String groupCode,
                              String salesperson, String activity, Integer paymentTermsDays, LocalDate customerSince,
                              boolean publicSector) {

        /** In Germany for the tests' made-up German numbers (starting with DE), else in France. */
        public static NewCustomer named(String registrationNumber) {
            return new NewCustomer(unique("C"), registrationNumber, "Customer " + registrationNumber,
                    registrationNumber.startsWith("DE") ? "DE" : "FR", null, null, null, 30, LocalDate.of(2020, 1, 1), false);
        }

        public NewCustomer in(String country) {
            return new NewCustomer(account, registrationNumber, name, country, groupCode, salesperson, activity,
                    paymentTermsDays, customerSince, publicSector);
        }

        public NewCustomer inGroup(String group) {
            return new NewCustomer(account, registrationNumber, name, country, group, salesperson, activity, paymentTermsDays,
                    customerSince, publicSector);
        }

        public NewCustomer soldBy(String salesperson) {
            return new NewCustomer(account, registrationNumber, name, country, groupCode, salesperson, activity,
                    paymentTermsDays, customerSince, publicSector);
        }

        public NewCustomer inActivity(String activity) {
            return new NewCustomer(account, registrationNumber, name, country, groupCode, salesperson, activity,
                    paymentTermsDays, customerSince, publicSector);
        }
    }
}
