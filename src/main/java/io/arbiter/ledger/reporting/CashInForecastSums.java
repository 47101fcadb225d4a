package io.arbiter.ledger.reporting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What insight's cash-in forecast shows, summed by currency and week: the pending promises to pay, by the week
 * promised, and what the open invoices they do not cover are expected to bring, by their due date moved by the
 * customer's usual delay; disputed invoices apart, as they will not be paid while the dispute lasts.
 */
@Service
public class CashInForecastSums {

    /** The {@link Sum#week} of the disputed invoices. */
    public static final int DISPUTED = -1;

    /**
     * One currency's amount in one week.
     *
     * @param promised true for the pending promises, false for the expected payments of open invoices
     * @param week 1 for the 7 days from the as-of day, 2 for the next 7, and so on; {@code weeks + 1} for anything
     *             later; {@link #DISPUTED} for the disputed invoices
     */
    public record Sum(boolean promised, String currency, int week, BigDecimal amount) {
    }

    private final JdbcClient jdbc;

    public CashInForecastSums(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param salesperson only the customers of this salesperson; null for every customer */
    @Transactional(readOnly = true)
    public List<Sum> byWeek(LocalDate asOf, @Nullable String salesperson, int weeks) {
        JdbcClient.StatementSpec statement = jdbc.sql(sql(asOf, salesperson != null, weeks));
        if (salesperson != null) {
            statement = statement.param("salesperson", salesperson);
        }
        List<Sum> sums = new ArrayList<>();
        statement.query(rs -> {
            sums.add(new Sum("PROMISED".equals(rs.getString("kind")), rs.getString("currency").strip(), rs.getInt("week"),
                    rs.getBigDecimal("amount")));
        });
        return sums;
    }

    /**
     * The statement; package-private so that the benchmark explains exactly it. An invoice is expected for what the
     * pending promises do not cover: a promise naming invoices covers them, oldest due date first, up to its amount; a
     * promise naming none (the whole balance) covers the customer's open invoices in its currency, oldest due first,
     * after what named promises cover. Only the invoices under a promise are ordered, not the ledger's.
     *
     * <p>A customer's delay is its days late weighted by amount within each currency, then the currencies' averages
     * weighted by their number of invoices: amounts in two currencies do not add up (1,000,000 JPY paid 30 days late
     * would outweigh 10,000 EUR paid on time a hundredfold). The delays are weighted in float8: a number of days,
     * rounded to a whole day, needs no exact decimal arithmetic, which costs several times more over the year's payments
     * of every customer.
     */
    static String sql(LocalDate asOf, boolean oneSalesperson, int weeks) {
        String day = "date '" + asOf + "'";
        String ofSalesperson = "customer_id in (select id from ledger_customer where salesperson = :salesperson)";
        String invoicesOf = oneSalesperson ? " and i." + ofSalesperson : "";
        String promisesOf = oneSalesperson ? " and " + ofSalesperson : "";
        return """
                with delay as (
                  select customer_id, sum(days * invoices) / sum(invoices) as days
                  from (select customer_id, count(*) as invoices,
                               sum(amount::float8 * greatest(paid_on - due_date, 0)) / nullif(sum(amount::float8), 0) as days
                        from ledger_invoice
                        where status = 'PAID' and paid_on > %2$s and paid_on <= %1$s
                        group by customer_id, currency) c
                  where days is not null
                  group by customer_id
                ), disputed as (
                  select distinct di.invoice_id from ledger_dispute_invoice di join ledger_dispute d on d.id = di.dispute_id
                  where d.opened_on <= %1$s and (d.resolved_on is null or d.resolved_on > %1$s)
                ), pending as (
                  select id, customer_id, currency, promised_on, amount from ledger_promise
                  where status = 'PENDING' and promised_on >= %1$s%6$s
                ), named as (
                  select invoice_id, least(min(open_amount), sum(covered)) as covered
                  from (select i.id as invoice_id, i.open_amount,
                               least(i.open_amount, greatest(p.amount - sum(i.open_amount) over (partition by p.id
                                     order by i.due_date, i.id rows unbounded preceding) + i.open_amount, 0)) as covered
                        from pending p
                        join ledger_promise_invoice pi on pi.promise_id = p.id
                        join ledger_invoice i on i.id = pi.invoice_id
                        where i.status = 'OPEN' and i.open_amount > 0 and i.issue_date <= %1$s) c
                  group by invoice_id
                ), whole as (
                  select customer_id, currency, sum(amount) as amount from pending p
                  where not exists (select 1 from ledger_promise_invoice pi where pi.promise_id = p.id)
                  group by 1, 2
                ), whole_covered as (
                  select invoice_id,
                         least(open_amount, greatest(amount - sum(open_amount) over (partition by customer_id, currency
                               order by due_date, invoice_id rows unbounded preceding) + open_amount, 0)) as covered
                  from (select i.id as invoice_id, i.customer_id, i.currency, i.due_date, w.amount,
                               i.open_amount - coalesce(n.covered, 0) as open_amount
                        from whole w
                        join ledger_invoice i on i.customer_id = w.customer_id and i.currency = w.currency
                        left join named n on n.invoice_id = i.id
                        where i.status = 'OPEN' and i.open_amount > 0 and i.issue_date <= %1$s) c
                )
                select 'EXPECTED' as kind, i.currency,
                       case when d.invoice_id is not null then %3$d
                            else least(greatest(i.due_date + round(coalesce(dl.days, 0))::int - %1$s, 0) / 7 + 1, %4$d) end as week,
                       sum(i.open_amount - coalesce(n.covered, 0) - coalesce(wc.covered, 0)) as amount
                from ledger_invoice i
                left join delay dl on dl.customer_id = i.customer_id
                left join disputed d on d.invoice_id = i.id
                left join named n on n.invoice_id = i.id
                left join whole_covered wc on wc.invoice_id = i.id
                where i.status = 'OPEN' and i.open_amount > 0 and i.issue_date <= %1$s%5$s
                  and i.open_amount > coalesce(n.covered, 0) + coalesce(wc.covered, 0)
                group by 2, 3
                union all
                select 'PROMISED', currency, least((promised_on - %1$s) / 7 + 1, %4$d), sum(amount)
                from pending
                group by 2, 3""".formatted(day, "date '" + asOf.minusMonths(12) + "'", DISPUTED, weeks + 1,
                invoicesOf, promisesOf);
    }

}
