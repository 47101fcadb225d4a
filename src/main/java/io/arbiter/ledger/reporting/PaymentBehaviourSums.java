package io.arbiter.ledger.reporting;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.arbiter.shared.CompanyKey;

/**
 * The counts insight's payment behaviour of a company is computed from (the facts the scoring table reads): its
 * customers' invoices paid in the last 3, 6 and 12 months, their broken promises and open disputes, and the same
 * month by month. An invoice is paid late when its {@code paid_on} (the day its open amount reached zero) is after
 * its due date; invoices settled outside Arbiter (status SETTLED) have no payment day and are left out.
 *
 * <p>Days late are weighted by amount within each currency, then each currency's average by its number of invoices
 * ({@link Paid#weights}): amounts in two currencies do not add up.
 */
@Service
public class PaymentBehaviourSums {

    /**
     * Per currency, the paid invoices of the last 3, 6 and 12 months: how many, how many late, and their days late
     * weighted by amount. One text for the behaviour of one company and of many, so that both count alike.
     */
    private static final String WINDOWS = """
            count(*) filter (where paid_on > :m3) as paid3,
            count(*) filter (where paid_on > :m3 and paid_on > due_date) as late3,
            sum(amount * greatest(paid_on - due_date, 0)) filter (where paid_on > :m3)
              / nullif(sum(amount) filter (where paid_on > :m3), 0) as days3,
            count(*) filter (where paid_on > :m6) as paid6,
            count(*) filter (where paid_on > :m6 and paid_on > due_date) as late6,
            sum(amount * greatest(paid_on - due_date, 0)) filter (where paid_on > :m6)
              / nullif(sum(amount) filter (where paid_on > :m6), 0) as days6,
            count(*) as paid12,
            count(*) filter (where paid_on > due_date) as late12,
            sum(amount * greatest(paid_on - due_date, 0)) / nullif(sum(amount), 0) as days12
            """;

    /**
     * A window's paid invoices: {@code weightedDaysLate} / {@code weights} is their average days late, weighted by
     * amount within each currency, then each currency's average by its number of invoices ({@code weights}).
     */
    public record Paid(int count, int late, BigDecimal weightedDaysLate, BigDecimal weights) {

        static final Paid NONE = new Paid(0, 0, BigDecimal.ZERO, BigDecimal.ZERO);

        static Paid read(ResultSet rs, String suffix) throws SQLException {
            return new Paid(rs.getInt("paid" + suffix), rs.getInt("late" + suffix), rs.getBigDecimal("weighted" + suffix),
                    rs.getBigDecimal("weights" + suffix));
        }
    }

    /** The invoices paid in the 3, 6 and 12 months up to the as-of day. */
    public record Windows(Paid lastThreeMonths, Paid lastSixMonths, Paid lastTwelveMonths) {

        static Windows read(ResultSet rs) throws SQLException {
            return new Windows(Paid.read(rs, "3"), Paid.read(rs, "6"), Paid.read(rs, "12"));
        }
    }

    /**
     * @param brokenPromises promises to pay due in the 12 months up to the as-of day and broken
     * @param openDisputes disputes open at the end of the as-of day
     */
    public record Issues(int brokenPromises, int openDisputes) {
    }

    /** One company: its customers' accounts, in order, and their payments, promises and disputes. */
    public record Company(List<String> accounts, Windows windows, Issues issues) {
    }

    private final JdbcClient jdbc;

    public PaymentBehaviourSums(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The paid invoices of the ledger customers {@code ids} (one company's), as of {@code asOf}. */
    @Transactional(readOnly = true)
    public Windows windows(List<Long> ids, LocalDate asOf) {
        return jdbc.sql("""
                        select coalesce(sum(paid3), 0) as paid3,
                               coalesce(sum(late3), 0) as late3,
                               coalesce(sum(days3 * paid3), 0) as weighted3,
                               coalesce(sum(paid3) filter (where days3 is not null), 0) as weights3,
                               coalesce(sum(paid6), 0) as paid6,
                               coalesce(sum(late6), 0) as late6,
                               coalesce(sum(days6 * paid6), 0) as weighted6,
                               coalesce(sum(paid6) filter (where days6 is not null), 0) as weights6,
                               coalesce(sum(paid12), 0) as paid12,
                               coalesce(sum(late12), 0) as late12,
                               coalesce(sum(days12 * paid12), 0) as weighted12,
                               coalesce(sum(paid12) filter (where days12 is not null), 0) as weights12
                        from (select\s""" + WINDOWS + """
                              from ledger_invoice
                              where customer_id in (:ids) and status = 'PAID' and paid_on > :m12 and paid_on <= :asOf
                              group by currency) c""")
                .param("ids", ids).param("asOf", asOf).param("m3", asOf.minusMonths(3)).param("m6", asOf.minusMonths(6))
                .param("m12", asOf.minusMonths(12))
                .query((rs, n) -> Windows.read(rs)).single();
    }

    /** The broken promises and open disputes of the ledger customers {@code ids}, as of {@code asOf}. */
    @Transactional(readOnly = true)
    public Issues issues(List<Long> ids, LocalDate asOf) {
        return jdbc.sql("""
                        select (select count(*) from ledger_promise where customer_id in (:ids) and status = 'BROKEN'
                                  and promised_on > :m12 and promised_on <= :asOf),
                               (select count(*) from ledger_dispute where customer_id in (:ids) and opened_on <= :asOf
                                  and (resolved_on is null or resolved_on > :asOf))""")
                .param("ids", ids).param("asOf", asOf).param("m12", asOf.minusMonths(12))
                .query((rs, n) -> new Issues(rs.getInt(1), rs.getInt(2))).single();
    }

    /**
     * Many companies at once, each as {@link #windows} and {@link #issues} give it, in a few set-wise statements
     * rather than some per company. A company no ledger customer carries is absent.
     */
    @Transactional(readOnly = true)
    public Map<CompanyKey, Company> ofCompanies(Collection<CompanyKey> companies, LocalDate asOf) {
        Map<CompanyKey, Company> found = new HashMap<>();
        if (companies.isEmpty()) {
            return found;
        }
        String customers = """
                with c as (select lc.id, lc.country, lc.company_id, lc.account from ledger_customer lc
                           join unnest(cast(:countries as text[]), cast(:companies as text[])) k(country, company)
                             on lc.country = k.country and lc.company_id = k.company)
                """;
        Map<CompanyKey, List<String>> accounts = new HashMap<>();
        Map<CompanyKey, Windows> windows = new HashMap<>();
        Map<CompanyKey, Issues> issues = new HashMap<>();
        bind(jdbc.sql(customers + "select country, company_id, account from c order by account"), companies, asOf)
                .query((rs, n) -> accounts.computeIfAbsent(key(rs), k -> new ArrayList<>()).add(rs.getString(3))).list();
        bind(jdbc.sql(customers + """
                select country, company_id,
                       sum(paid3) as paid3, sum(late3) as late3, coalesce(sum(days3 * paid3), 0) as weighted3,
                       coalesce(sum(paid3) filter (where days3 is not null), 0) as weights3,
                       sum(paid6) as paid6, sum(late6) as late6, coalesce(sum(days6 * paid6), 0) as weighted6,
                       coalesce(sum(paid6) filter (where days6 is not null), 0) as weights6,
                       sum(paid12) as paid12, sum(late12) as late12, coalesce(sum(days12 * paid12), 0) as weighted12,
                       coalesce(sum(paid12) filter (where days12 is not null), 0) as weights12
                from (select c.country, c.company_id,\s""" + WINDOWS + """
                      from ledger_invoice i join c on c.id = i.customer_id
                      where i.status = 'PAID' and i.paid_on > :m12 and i.paid_on <= :asOf
                      group by c.country, c.company_id, i.currency) x
                group by country, company_id"""), companies, asOf)
                .query((rs, n) -> windows.put(key(rs), Windows.read(rs))).list();
        bind(jdbc.sql(customers + """
                select country, company_id, sum(broken), sum(disputes) from (
                    select c.country, c.company_id, 1 as broken, 0 as disputes from ledger_promise p join c on c.id = p.customer_id
                    where p.status = 'BROKEN' and p.promised_on > :m12 and p.promised_on <= :asOf
                    union all
                    select c.country, c.company_id, 0, 1 from ledger_dispute d join c on c.id = d.customer_id
                    where d.opened_on <= :asOf and (d.resolved_on is null or d.resolved_on > :asOf)) x
                group by country, company_id"""), companies, asOf)
                .query((rs, n) -> issues.put(key(rs), new Issues(rs.getInt(3), rs.getInt(4)))).list();
        Windows none = new Windows(Paid.NONE, Paid.NONE, Paid.NONE);
        accounts.forEach((company, held) -> found.put(company, new Company(List.copyOf(held),
                windows.getOrDefault(company, none), issues.getOrDefault(company, new Issues(0, 0)))));
        return found;
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Collection<CompanyKey> companies,
            LocalDate asOf) {
        return statement.param("countries", companies.stream().map(CompanyKey::country).toArray(String[]::new))
                .param("companies", companies.stream().map(CompanyKey::company).toArray(String[]::new))
                .param("asOf", asOf).param("m3", asOf.minusMonths(3)).param("m6", asOf.minusMonths(6))
                .param("m12", asOf.minusMonths(12));
    }

    private static CompanyKey key(ResultSet rs) throws SQLException {
        return new CompanyKey(rs.getString(1), rs.getString(2));
    }

    /**
     * One month of payment history: invoices paid, of them late, their days late weighted (see {@link Paid}), promises
     * due and broken or kept, disputes opened and resolved.
     */
    public record Month(int paid, int late, BigDecimal weightedDaysLate, BigDecimal weights, int brokenPromises,
            int keptPromises, int openedDisputes, int resolvedDisputes) {
    }

    /**
     * @param months every month from the first to the last asked, by its first day, in order
     * @param weightedDaysLate over the whole range, as in {@link Paid}
     */
    public record History(Map<LocalDate, Month> months, BigDecimal weightedDaysLate, BigDecimal weights) {
    }

    /** Month by month from {@code from} to {@code to} (both included), of the ledger customers {@code ids}. */
    @Transactional(readOnly = true)
    public History history(List<Long> ids, LocalDate from, LocalDate to) {
        Map<LocalDate, long[]> counts = new TreeMap<>();
        Map<LocalDate, BigDecimal[]> sums = new TreeMap<>();
        for (LocalDate month = from.withDayOfMonth(1); !month.isAfter(to); month = month.plusMonths(1)) {
            counts.put(month, new long[6]);
            sums.put(month, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        }
        // Days late weighted by amount within a currency, then currencies by their number of invoices, as for the
        // behaviour's windows; each month, and (month null) the whole range.
        BigDecimal[] totalSums = {BigDecimal.ZERO, BigDecimal.ZERO};
        jdbc.sql("""
                        select month, sum(paid), sum(late), coalesce(sum(days * paid), 0),
                               coalesce(sum(paid) filter (where days is not null), 0)
                        from (select date_trunc('month', paid_on)::date as month, count(*) as paid,
                                     count(*) filter (where paid_on > due_date) as late,
                                     sum(amount * greatest(paid_on - due_date, 0)) / nullif(sum(amount), 0) as days
                              from ledger_invoice
                              where customer_id in (:ids) and status = 'PAID' and paid_on between :from and :to
                              group by grouping sets ((date_trunc('month', paid_on)::date, currency), (currency))) c
                        group by month""")
                .param("ids", ids).param("from", from).param("to", to)
                .query(rs -> {
                    LocalDate month = rs.getObject(1, LocalDate.class);
                    BigDecimal[] weights = month == null ? totalSums : sums.get(month);
                    weights[0] = rs.getBigDecimal(4);
                    weights[1] = rs.getBigDecimal(5);
                    if (month != null) {
                        counts.get(month)[0] = rs.getLong(2);
                        counts.get(month)[1] = rs.getLong(3);
                    }
                });
        jdbc.sql("""
                        select date_trunc('month', promised_on)::date, count(*) filter (where status = 'BROKEN'),
                               count(*) filter (where status = 'KEPT')
                        from ledger_promise where customer_id in (:ids) and promised_on between :from and :to group by 1""")
                .param("ids", ids).param("from", from).param("to", to)
                .query(rs -> {
                    LocalDate month = rs.getObject(1, LocalDate.class);
                    counts.get(month)[2] = rs.getLong(2);
                    counts.get(month)[3] = rs.getLong(3);
                });
        jdbc.sql("""
                        select date_trunc('month', day)::date, count(*) filter (where opened), count(*) filter (where not opened)
                        from (select opened_on as day, true as opened from ledger_dispute where customer_id in (:ids)
                              union all
                              select resolved_on, false from ledger_dispute where customer_id in (:ids) and resolved_on is not null) d
                        where day between :from and :to group by 1""")
                .param("ids", ids).param("from", from).param("to", to)
                .query(rs -> {
                    LocalDate month = rs.getObject(1, LocalDate.class);
                    counts.get(month)[4] = rs.getLong(2);
                    counts.get(month)[5] = rs.getLong(3);
                });
        Map<LocalDate, Month> months = new LinkedHashMap<>();
        counts.forEach((month, c) -> months.put(month, new Month((int) c[0], (int) c[1], sums.get(month)[0],
                sums.get(month)[1], (int) c[2], (int) c[3], (int) c[4], (int) c[5])));
        return new History(months, totalSums[0], totalSums[1]);
    }

    /** The accounts of the ledger customers {@code ids}, in order. */
    @Transactional(readOnly = true)
    public List<String> accounts(List<Long> ids) {
        return jdbc.sql("select account from ledger_customer where id in (:ids) order by account").param("ids", ids)
                .query(String.class).list();
    }
}
