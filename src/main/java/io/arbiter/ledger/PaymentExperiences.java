package io.arbiter.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * How customers paid the invoices that fell due in a month: one experience per invoice that was either settled (with
 * the days it was paid beyond its due date) or is still open past its due date (days beyond terms so far). Invoices
 * still within their terms, cancelled ones, ones settled outside Arbiter on an unknown day, and every invoice ever
 * linked to a dispute are left out: a disputed invoice says nothing about the customer's willingness to pay.
 */
@Service
public class PaymentExperiences {

    /**
     * @param daysBeyondTerms 0 when paid by the due date
     * @param amount the invoice amount including VAT, in {@code currency}
     */
    public record Experience(long customerId, String registrationNumber, String country, BigDecimal amount,
            String currency, int daysBeyondTerms) {
    }

    private final JdbcClient jdbc;

    PaymentExperiences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Experiences of invoices due in {@code month}, as known on {@code asOf}; customers without a registration number are left out. */
    public List<Experience> dueIn(YearMonth month, LocalDate asOf) {
        return jdbc.sql("""
                        select c.id, c.registration_number, c.country, i.amount, i.currency,
                               greatest(0, case when i.paid_on is not null then i.paid_on - i.due_date
                                                else :asOf - i.due_date end) as days_beyond_terms
                        from ledger_invoice i
                        join ledger_customer c on c.id = i.customer_id
                        where i.due_date >= :from and i.due_date < :until
                          and c.registration_number is not null
                          and (i.paid_on is not null and i.status in ('PAID', 'SETTLED')
                               or i.status = 'OPEN' and i.due_date < :asOf)
                          and not exists (select 1 from ledger_dispute_invoice d where d.invoice_id = i.id)
                        order by c.id, i.id""")
                .param("asOf", asOf)
                .param("from", month.atDay(1))
                .param("until", month.plusMonths(1).atDay(1))
                .query((rs, row) -> new Experience(rs.getLong(1), rs.getString(2), rs.getString(3).trim(),
                        rs.getBigDecimal(4), rs.getString(5).trim(), rs.getInt(6)))
                .list();
    }
}
