package io.arbiter.bureau;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Makes a standing limit review fail, as a database refusing the write would: a trigger refuses the review of a listed
 * notification while its number of refusals lasts. The tries are counted by a sequence, which a rolled-back transaction
 * does not undo, so "refuse once" holds across the reaction's retries.
 */
final class ReviewRefusals {

    private final JdbcClient jdbc;

    ReviewRefusals(JdbcClient jdbc) {
        this.jdbc = jdbc;
        jdbc.sql("create table if not exists test_review_refusal (notification_id text primary key, tries text not null,"
                + " times int not null)").update();
        jdbc.sql("""
                create or replace function test_refuse_review() returns trigger language plpgsql as $$
                begin
                    if exists (select 1 from test_review_refusal r where r.notification_id = new.notification_id
                               and nextval(r.tries::regclass) <= r.times) then
                        raise exception 'standing limit review of notification % refused (test)', new.notification_id;
                    end if;
                    return new;
                end $$""").update();
        jdbc.sql("create or replace trigger test_refuse_review before insert on standing_limit_review for each row"
                + " execute function test_refuse_review()").update();
    }

    /** The first {@code times} tries to store this notification's review fail. */
    void refuse(String notificationId, int times) {
        String tries = "test_review_tries_" + Math.abs((long) notificationId.hashCode());
        jdbc.sql("create sequence " + tries).update();
        jdbc.sql("insert into test_review_refusal values (?, ?, ?)").params(notificationId, tries, times).update();
    }

    /** From now on this notification's review is stored. */
    void allow(String notificationId) {
        jdbc.sql("delete from test_review_refusal where notification_id = ?").param(notificationId).update();
    }

    /** How many times the review of this notification was tried. */
    long tries(String notificationId) {
        String tries = jdbc.sql("select tries from test_review_refusal where notification_id = ?").param(notificationId)
                .query(String.class).single();
        return jdbc.sql("select last_value from " + tries).query(Long.class).single();
    }

    /** The outbox's row of the limit review reaction to this notification: status, attempts, completion. */
    record Reaction(String status, int attempts, boolean completed) {
    }

    Reaction reaction(String notificationId) {
        return jdbc.sql("""
                select status, completion_attempts, completion_date is not null from event_publication
                where listener_id like 'io.arbiter.decision.standing.StandingLimitReviews.%'
                  and serialized_event::jsonb ->> 'notificationId' = ?""").param(notificationId)
                .query((rs, n) -> new Reaction(rs.getString(1), rs.getInt(2), rs.getBoolean(3))).single();
    }
}
