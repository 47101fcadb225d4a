package io.arbiter.ledger;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A customer's open items as collection sees them: its invoices with something left to pay, each with the dispute that
 * isolates it and the promise that covers it, if any. Read for one customer (next actions) or streamed for the whole
 * portfolio in one pass (the agenda), where disputes and promises are read first so that the pass over the invoices is
 * a plain scan.
 */
@Service
public class OpenItems {

    private final JdbcClient jdbc;

    OpenItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A customer of the ledger.
     *
     * @param postalAddress where registered letters go, lines separated by new lines; null when the ledger has none
     */
    public record Customer(long id, String account, @Nullable String registrationNumber, String name, String country,
            @Nullable String salesperson, @Nullable Integer paymentTermsDays, @Nullable LocalDate customerSince,
            boolean publicSector, @Nullable String postalAddress) {
    }

    /** A dispute (litige) on some of the customer's invoices, open until {@code resolvedOn}. */
    public record Dispute(long id, String reason, LocalDate openedOn, @Nullable LocalDate resolvedOn) {

        public boolean openOn(LocalDate date) {
            return !openedOn.isAfter(date) && (resolvedOn == null || resolvedOn.isAfter(date));
        }
    }

    /** A promise to pay; {@code invoiceIds} empty means the customer's whole balance. */
    public record Promise(long id, LocalDate madeOn, LocalDate promisedOn, BigDecimal amount, String currency,
            String status, List<Long> invoiceIds) {
    }

    /** An invoice with something left to pay, and the entity's currency it should be in. */
    public record OpenInvoice(long id, String entityCode, String entityCurrency, String number, LocalDate issueDate,
            LocalDate dueDate, BigDecimal amount, BigDecimal openAmount, String currency, List<Dispute> disputes) {
    }

    /**
     * A payment received after its invoice's due date, as the lettrage allocated it: the part it paid owes late-payment
     * interest up to the day it was received (Code de commerce L441-10 II).
     *
     * @param paid the amount of the payment allocated to the invoice, in the invoice's currency
     * @param paidOn the day the payment was received
     * @param invoiceSettled the invoice has nothing left to pay (paid, or settled outside Arbiter)
     */
    public record LatePaidPart(long invoiceId, String entityCode, String number, LocalDate issueDate, LocalDate dueDate,
            BigDecimal paid, String currency, LocalDate paidOn, boolean invoiceSettled) {
    }

    /** Everything open for one customer. */
    public record CustomerItems(Customer customer, List<OpenInvoice> invoices, List<Promise> promises) {
    }

    public Optional<Customer> customer(String account) {
        return jdbc.sql(CUSTOMER + " where account = ?").param(account).query(OpenItems::customer).optional();
    }

    public Optional<Customer> customer(long id) {
        return jdbc.sql(CUSTOMER + " where id = ?").param(id).query(OpenItems::customer).optional();
    }

    /**
     * When each of a customer's invoices no longer open was settled, by entity code then number: its payment day, else
     * its last allocation's, else the day the ledger last changed it (an ERP file brought it to zero).
     */
    public Map<String, Map<String, LocalDate>> settledOn(long customerId) {
        Map<String, Map<String, LocalDate>> settled = new HashMap<>();
        jdbc.sql("""
                select i.entity_code, i.number,
                       coalesce(i.paid_on, (select max(a.allocated_on) from ledger_allocation a where a.invoice_id = i.id),
                                i.updated_at::date) as settled_on
                from ledger_invoice i where i.customer_id = ? and not (i.status = 'OPEN' and i.open_amount > 0)""")
                .param(customerId)
                .query(rs -> {
                    settled.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2),
                            rs.getObject(3, LocalDate.class));
                });
        return settled;
    }

    /**
     * A customer's payments received after their invoices' due dates, from {@code from} to {@code to} (both included),
     * one part per allocation, by due date, invoice and payment day. Credit notes are no payments: they pay nothing late.
     */
    public List<LatePaidPart> latePaidParts(long customerId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select i.id, i.entity_code, i.number, i.issue_date, i.due_date, a.amount, i.currency, p.received_on,
                               not (i.status = 'OPEN' and i.open_amount > 0) as settled
                        from ledger_allocation a join ledger_payment p on p.id = a.payment_id
                                                 join ledger_invoice i on i.id = a.invoice_id
                        where i.customer_id = ? and i.status <> 'CANCELLED' and p.received_on > i.due_date
                          and p.received_on between ? and ?
                        order by i.due_date, i.number, p.received_on, a.id""")
                .params(customerId, from, to)
                .query((rs, n) -> new LatePaidPart(rs.getLong("id"), rs.getString("entity_code"), rs.getString("number"),
                        rs.getObject("issue_date", LocalDate.class), rs.getObject("due_date", LocalDate.class),
                        rs.getBigDecimal("amount"), rs.getString("currency"), rs.getObject("received_on", LocalDate.class),
                        rs.getBoolean("settled")))
                .list();
    }

    /** The currency a legal entity invoices in, if the ledger knows the entity. */
    public Optional<String> entityCurrency(String code) {
        return jdbc.sql("select currency from ledger_entity where code = ?").param(code).query(String.class).optional();
    }

    public CustomerItems of(Customer customer) {
        Map<Long, List<Dispute>> disputes = disputes("where d.customer_id = ?", customer.id());
        List<OpenInvoice> invoices = jdbc.sql(INVOICES + " and i.customer_id = ? order by i.due_date, i.number")
                .param(customer.id())
                .query((rs, n) -> invoice(rs, disputes)).list();
        return new CustomerItems(customer, invoices, promises("where customer_id = ?", customer.id())
                .getOrDefault(customer.id(), List.of()));
    }

    /**
     * Every customer with open invoices, one at a time in customer id order, read in one streamed pass; the consumer
     * must not keep the connection busy with other queries.
     */
    public void forEachCustomer(Consumer<CustomerItems> consumer) {
        forEachCustomer(null, consumer);
    }

    /**
     * As {@link #forEachCustomer(Consumer)}, only the customers the ledger assigns to {@code salesperson} (every
     * customer when null). The portfolio is chosen in the statements, through the customers' index by salesperson and
     * the invoices' by customer, so that one salesperson's pass reads their invoices, not the whole ledger's.
     */
    public void forEachCustomer(@Nullable String salesperson, Consumer<CustomerItems> consumer) {
        String portfolio = "customer_id in (select id from ledger_customer where salesperson = ?)";
        Map<Long, List<Dispute>> disputes = disputes(salesperson == null ? "" : "where d." + portfolio, salesperson);
        Map<Long, List<Promise>> promises = promises("where status <> 'KEPT'" + (salesperson == null ? ""
                : " and " + portfolio), salesperson);
        var state = new Object() {
            Customer current;
            List<OpenInvoice> invoices = new ArrayList<>();
        };
        jdbc.sql("""
                        select c.id as c_id, c.account, c.registration_number, c.name as c_name, c.country, c.salesperson,
                               c.payment_terms_days, c.customer_since, c.public_sector, c.postal_address,
                               i.id, i.entity_code, e.currency as entity_currency, i.number, i.issue_date, i.due_date,
                               i.amount, i.open_amount, i.currency
                        from ledger_invoice i join ledger_customer c on c.id = i.customer_id
                                              join ledger_entity e on e.code = i.entity_code
                        where i.status = 'OPEN' and i.open_amount > 0%s
                        order by i.customer_id""".formatted(salesperson == null ? "" : " and c.salesperson = :salesperson"))
                .params(salesperson == null ? Map.of() : Map.of("salesperson", salesperson))
                .withFetchSize(5_000)
                .query(rs -> {
                    long customerId = rs.getLong("c_id");
                    if (state.current == null || state.current.id() != customerId) {
                        if (state.current != null) {
                            consumer.accept(new CustomerItems(state.current, state.invoices,
                                    promises.getOrDefault(state.current.id(), List.of())));
                        }
                        state.current = new Customer(customerId, rs.getString("account"), rs.getString("registration_number"),
                                rs.getString("c_name"), rs.getString("country"), rs.getString("salesperson"),
                                (Integer) rs.getObject("payment_terms_days"), rs.getObject("customer_since", LocalDate.class),
                                rs.getBoolean("public_sector"), rs.getString("postal_address"));
                        state.invoices = new ArrayList<>();
                    }
                    state.invoices.add(invoice(rs, disputes));
                });
        if (state.current != null) {
            consumer.accept(new CustomerItems(state.current, state.invoices, promises.getOrDefault(state.current.id(), List.of())));
        }
    }

    private static final String CUSTOMER = """
            select id, account, registration_number, name, country, salesperson, payment_terms_days, customer_since,
                   public_sector, postal_address from ledger_customer""";

    private static final String INVOICES = """
            select i.id, i.entity_code, e.currency as entity_currency, i.number, i.issue_date, i.due_date, i.amount,
                   i.open_amount, i.currency
            from ledger_invoice i join ledger_entity e on e.code = i.entity_code
            where i.status = 'OPEN' and i.open_amount > 0""";

    private static Customer customer(ResultSet rs, int row) throws SQLException {
        return new Customer(rs.getLong("id"), rs.getString("account"), rs.getString("registration_number"),
                rs.getString("name"), rs.getString("country"), rs.getString("salesperson"),
                (Integer) rs.getObject("payment_terms_days"), rs.getObject("customer_since", LocalDate.class),
                rs.getBoolean("public_sector"), rs.getString("postal_address"));
    }

    private static OpenInvoice invoice(ResultSet rs, Map<Long, List<Dispute>> disputes) throws SQLException {
        long id = rs.getLong("id");
        return new OpenInvoice(id, rs.getString("entity_code"), rs.getString("entity_currency"), rs.getString("number"),
                rs.getObject("issue_date", LocalDate.class), rs.getObject("due_date", LocalDate.class),
                rs.getBigDecimal("amount"), rs.getBigDecimal("open_amount"), rs.getString("currency"),
                disputes.getOrDefault(id, List.of()));
    }

    /** Disputes by invoice id; {@code parameter} binds the one {@code ?} of {@code where}, if any. */
    private Map<Long, List<Dispute>> disputes(String where, @Nullable Object parameter) {
        Map<Long, List<Dispute>> byInvoice = new HashMap<>();
        var query = jdbc.sql("""
                select di.invoice_id, d.id, d.reason, d.opened_on, d.resolved_on
                from ledger_dispute d join ledger_dispute_invoice di on di.dispute_id = d.id
                """ + where);
        if (parameter != null) {
            query = query.param(parameter);
        }
        query.query(rs -> {
            byInvoice.computeIfAbsent(rs.getLong("invoice_id"), k -> new ArrayList<>()).add(new Dispute(rs.getLong("id"),
                    rs.getString("reason"), rs.getObject("opened_on", LocalDate.class),
                    rs.getObject("resolved_on", LocalDate.class)));
        });
        return byInvoice;
    }

    /** Promises by customer id, oldest first; {@code parameter} binds the one {@code ?} of {@code where}, if any. */
    private Map<Long, List<Promise>> promises(String where, @Nullable Object parameter) {
        Map<Long, List<Long>> invoices = new HashMap<>();
        jdbc.sql("select pi.promise_id, pi.invoice_id from ledger_promise_invoice pi join ledger_promise p on p.id = pi.promise_id "
                        + where.replace("customer_id", "p.customer_id").replace("status", "p.status"))
                .params(parameter == null ? List.of() : List.of(parameter))
                .query(rs -> {
                    invoices.computeIfAbsent(rs.getLong("promise_id"), k -> new ArrayList<>()).add(rs.getLong("invoice_id"));
                });
        Map<Long, List<Promise>> byCustomer = new HashMap<>();
        jdbc.sql("select id, customer_id, made_on, promised_on, amount, currency, status from ledger_promise " + where
                        + " order by made_on, id")
                .params(parameter == null ? List.of() : List.of(parameter))
                .query(rs -> {
                    long id = rs.getLong("id");
                    byCustomer.computeIfAbsent(rs.getLong("customer_id"), k -> new ArrayList<>()).add(new Promise(id,
                            rs.getObject("made_on", LocalDate.class), rs.getObject("promised_on", LocalDate.class),
                            rs.getBigDecimal("amount"), rs.getString("currency"), rs.getString("status"),
                            List.copyOf(invoices.getOrDefault(id, List.of()))));
                });
        return byCustomer;
    }
}
