package io.arbiter.ledger.promises;

import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Judges the PENDING promises to pay: KEPT once what was paid from the day the promise was made to its promised date
 * plus the grace period reaches the promised amount, BROKEN once that day has passed without it. What counts as paid:
 * for a promise on named invoices, the payments and credit notes allocated to them in that window, or every one of
 * them settled by then (a snapshot may settle an invoice without a payment Arbiter saw); for a promise on the whole
 * balance, the customer's payments in the promise's currency received in that window. Broken promises are a fact of
 * payment behaviour, which scoring tables use; kept ones end the pause they put on dunning.
 */
@Component
public class PromiseKeeping {

    private static final Logger log = LoggerFactory.getLogger(PromiseKeeping.class);

    private final JdbcClient jdbc;
    private final PromiseProperties properties;
    private final Clock clock;

    PromiseKeeping(JdbcClient jdbc, PromiseProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Judges the pending promises as of {@code today}; returns how many became KEPT and BROKEN. */
    @Transactional
    public Judged judge(LocalDate today) {
        return jdbc.sql("""
                with pending as (
                    select p.id, p.customer_id, p.made_on, p.promised_on + :grace as deadline, p.amount, p.currency,
                           exists (select 1 from ledger_promise_invoice pi where pi.promise_id = p.id) as on_invoices
                    from ledger_promise p where p.status = 'PENDING'
                ), paid as (
                    select p.id, p.amount, p.deadline,
                           case when p.on_invoices then
                               (select coalesce(sum(a.amount), 0) from ledger_promise_invoice pi
                                join ledger_allocation a on a.invoice_id = pi.invoice_id
                                where pi.promise_id = p.id and a.allocated_on between p.made_on and p.deadline)
                           else
                               (select coalesce(sum(m.amount), 0) from ledger_payment m
                                where m.customer_id = p.customer_id and m.currency = p.currency
                                  and m.received_on between p.made_on and p.deadline)
                           end as paid,
                           p.on_invoices and not exists (
                               select 1 from ledger_promise_invoice pi join ledger_invoice i on i.id = pi.invoice_id
                               where pi.promise_id = p.id
                                 and (i.open_amount > 0 or coalesce(i.paid_on, i.updated_at::date) > p.deadline)) as settled
                    from pending p
                ), judged as (
                    update ledger_promise p
                    set status = case when x.paid >= x.amount or x.settled then 'KEPT' else 'BROKEN' end
                    from paid x
                    where p.id = x.id and (x.paid >= x.amount or x.settled or x.deadline < :today)
                    returning p.status
                )
                select count(*) filter (where status = 'KEPT') as kept, count(*) filter (where status = 'BROKEN') as broken
                from judged""")
                .param("grace", (int) properties.grace().toDays()).param("today", today)
                .query((rs, n) -> new Judged(rs.getInt("kept"), rs.getInt("broken"))).single();
    }

    /** As dates pass: a promise breaks on a day no import may come. */
    @Scheduled(initialDelayString = "${arbiter.ledger.promises.check-interval:1h}",
            fixedDelayString = "${arbiter.ledger.promises.check-interval:1h}")
    void judgeNow() {
        Judged judged = judge(LocalDate.now(clock));
        if (judged.kept() + judged.broken() > 0) {
            log.info("Promises to pay: {} kept, {} broken", judged.kept(), judged.broken());
        }
    }

    public record Judged(int kept, int broken) {
    }
}
