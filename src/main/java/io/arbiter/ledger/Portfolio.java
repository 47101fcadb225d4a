package io.arbiter.ledger;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The customer portfolio as a standing-limit assessment sees it: every ledger customer with its terms and its current
 * exposure (open receivables, of which overdue, and the orders backlog), streamed so that a million customers never sit
 * in memory. Amounts are those in one currency (the policy's); invoices and orders in other currencies are left out.
 */
@Service
public class Portfolio {

    /**
     * One customer and its exposure today.
     *
     * @param registrationNumber as imported (SIREN, SIRET or VAT number); null when the ERP has none
     * @param paymentTermsDays null when the ERP gives none
     */
    public record Customer(long id, String account, @Nullable String registrationNumber, String country,
            boolean publicSector, @Nullable LocalDate customerSince, @Nullable Integer paymentTermsDays,
            BigDecimal openReceivables, BigDecimal overdue, BigDecimal ordersBacklog) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;

    Portfolio(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    public long count() {
        return jdbc.sql("select count(*) from ledger_customer").query(Long.class).single();
    }

    /**
     * Hands every customer to {@code each} in account order, with its exposure in {@code currency} on {@code today}
     * (overdue: open invoices due before today), reading {@code fetchSize} rows at a time. {@code each} may throw to
     * stop the stream.
     */
    public void forEach(String currency, LocalDate today, int fetchSize, Consumer<Customer> each) {
        String sql = """
                select c.id, c.account, c.registration_number, c.country, c.public_sector, c.customer_since,
                       c.payment_terms_days, coalesce(i.open, 0), coalesce(i.overdue, 0), coalesce(o.backlog, 0)
                from ledger_customer c
                left join (select customer_id, sum(open_amount) as open,
                                  coalesce(sum(open_amount) filter (where due_date < ?), 0) as overdue
                           from ledger_invoice where status = 'OPEN' and currency = ? group by customer_id) i
                       on i.customer_id = c.id
                left join (select customer_id, sum(amount) as backlog from ledger_open_order where currency = ?
                           group by customer_id) o
                       on o.customer_id = c.id
                order by c.account""";
        // PostgreSQL streams with a cursor only inside a transaction and with a fetch size; otherwise it sends every row.
        readOnly.executeWithoutResult(status -> streaming.query(connection -> {
            var statement = connection.prepareStatement(sql);
            statement.setFetchSize(fetchSize);
            statement.setDate(1, Date.valueOf(today));
            statement.setString(2, currency);
            statement.setString(3, currency);
            return statement;
        }, rs -> {
            Date since = rs.getDate(6);
            int terms = rs.getInt(7);
            each.accept(new Customer(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).strip(),
                    rs.getBoolean(5), since == null ? null : since.toLocalDate(), rs.wasNull() ? null : terms,
                    rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10)));
        }));
    }
}
