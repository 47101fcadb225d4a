package io.arbiter.ledger;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The customer portfolio as a standing-limit assessment sees it: every company of the ledger (the accounts of one
 * SIREN, SIRETs and VAT number included, as exposure counts them; an account with no registration number is a company
 * of its own) with its terms and its current exposure (open receivables, of which overdue, and the orders backlog),
 * streamed so that a million customers never sit in memory. Amounts are those in one currency (the policy's); invoices
 * and orders in other currencies are left out.
 */
@Service
public class Portfolio {

    /**
     * One company and its exposure today: its group's when one of its accounts is in a group, as a credit decision
     * measures a group's shared limit.
     *
     * @param id its first account's id
     * @param account its first account
     * @param registrationNumber its company key (the SIREN for a French company); null when the ERP gives no number
     * @param paymentTermsDays the longest of its accounts' terms; null when the ERP gives none
     * @param accountIds its accounts' ids
     */
    public record Customer(long id, String account, @Nullable String registrationNumber, String country,
            boolean publicSector, @Nullable LocalDate customerSince, @Nullable Integer paymentTermsDays,
            BigDecimal openReceivables, BigDecimal overdue, BigDecimal ordersBacklog, List<Long> accountIds) {

        /** What {@code DecisionHistory.latestFacts} finds its latest decision by; null without a number. */
        public @Nullable String companyKey() {
            return registrationNumber == null ? null : country + ":" + registrationNumber;
        }
    }

    /** An account's company: its company key, or for an account with no number the account itself. */
    private static final String COMPANY = "c.country || ':' || coalesce(c.company_id, '#' || c.account)";

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;

    Portfolio(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** The number of companies. */
    public long count() {
        return jdbc.sql("select count(distinct " + COMPANY + ") from ledger_customer c").query(Long.class).single();
    }

    /**
     * Hands every company to {@code each} in the order of its first account, with its exposure in {@code currency} on
     * {@code today} (overdue: open invoices due before today), reading {@code fetchSize} rows at a time. {@code each}
     * may throw to stop the stream. A company in a group is measured on the group's exposure with its own accounts
     * outside the group added, as a decision counts it.
     */
    public void forEach(String currency, LocalDate today, int fetchSize, Consumer<Customer> each) {
        String sql = """
                with account as (
                    select c.id, c.account, c.company_id, c.country, c.group_code, c.public_sector, c.customer_since,
                           c.payment_terms_days, %s as company,
                           coalesce(i.open, 0) as open, coalesce(i.overdue, 0) as overdue, coalesce(o.backlog, 0) as backlog
                    from ledger_customer c
                    left join (select customer_id, sum(open_amount) as open,
                                      coalesce(sum(open_amount) filter (where due_date < ?), 0) as overdue
                               from ledger_invoice where status = 'OPEN' and currency = ? group by customer_id) i
                           on i.customer_id = c.id
                    left join (select customer_id, sum(amount) as backlog from ledger_open_order where currency = ?
                               group by customer_id) o
                           on o.customer_id = c.id
                ), grouped as (
                    select group_code, sum(open) as open, sum(overdue) as overdue, sum(backlog) as backlog
                    from account where group_code is not null group by group_code
                ), company as (
                    select company, min(id) as id, min(account) as account, min(company_id) as company_id,
                           min(country) as country, bool_or(public_sector) as public_sector,
                           min(customer_since) as customer_since, max(payment_terms_days) as payment_terms_days,
                           min(group_code) as group_code, sum(open) as open, sum(overdue) as overdue, sum(backlog) as backlog,
                           array_agg(id order by id) as account_ids
                    from account group by company
                ), outside as (
                    select a.company, sum(a.open) as open, sum(a.overdue) as overdue, sum(a.backlog) as backlog
                    from account a join company k on k.company = a.company
                    where k.group_code is not null and a.group_code is distinct from k.group_code
                    group by a.company
                )
                select k.id, k.account, k.company_id, k.country, k.public_sector, k.customer_since, k.payment_terms_days,
                       case when g.group_code is null then k.open else g.open + coalesce(x.open, 0) end,
                       case when g.group_code is null then k.overdue else g.overdue + coalesce(x.overdue, 0) end,
                       case when g.group_code is null then k.backlog else g.backlog + coalesce(x.backlog, 0) end,
                       k.account_ids
                from company k
                left join grouped g on g.group_code = k.group_code
                left join outside x on x.company = k.company
                order by k.account""".formatted(COMPANY);
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
            each.accept(new Customer(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).strip(),
                    rs.getBoolean(5), since == null ? null : since.toLocalDate(), rs.getObject(7, Integer.class),
                    rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10),
                    List.of((Long[]) rs.getArray(11).getArray())));
        }));
    }
}
