package io.arbiter.limits.standing;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.swagger.v3.oas.annotations.media.Schema;

import io.arbiter.limits.Company;
import io.arbiter.limits.CreditLimitChanged;
import io.arbiter.shared.Money;

/**
 * The standing limits: one per company and legal entity of the supplier, changed only through here so that every
 * change is kept in {@code limit_change} (who, why, from which request) and announced as {@link CreditLimitChanged} in
 * the same transaction.
 */
@Service
public class StandingLimits {

    /**
     * A company's standing limit for one legal entity of the supplier, as it stands.
     *
     * @param entity the supplier's legal entity (its ledger code) whose sales the limit bounds
     * @param source {@code REQUEST}, {@code POLICY_PROPOSAL} or {@code INSURER}
     * @param status {@code ACTIVE}, {@code SUSPENDED} or {@code EXPIRED}
     * @param inForce whether decisions use it today: active and not past its review date
     */
    @Schema(name = "CompanyStandingLimit") // another API class has this simple name (SchemaNamesTests)
    public record Standing(UUID id, String entity, Company company, Money amount, LocalDate validUntil, String source,
            String approvedBy, @Nullable UUID requestId, String status, @Nullable String statusReason, Instant updatedAt,
            boolean inForce) {
    }

    /** One change of a standing limit: an entry of the history and of the {@code limit.changed} feed. */
    public record Change(long sequence, String type, UUID limitId, String entity, Company company, String change,
            Money amount, @Nullable Money previous, LocalDate validUntil, String status, String source, String changedBy,
            String reason, @Nullable UUID requestId, Instant changedAt) {
    }

    private static final String STANDING = """
            select id, registration_number, country, amount, currency, valid_until, source, approved_by, request_id,
                   status, status_reason, updated_at, entity, company from limit_standing""";
    private static final String CHANGES = """
            select seq, limit_id, registration_number, country, change, amount, previous_amount, currency, valid_until,
                   status, source, changed_by, reason, request_id, changed_at, entity from limit_change""";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StandingLimits(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    public Optional<Standing> current(String entity, String country, String company) {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql(STANDING + " where entity = ? and country = ? and company = ?").params(entity, country, company)
                .query((rs, n) -> standing(rs, today)).optional();
    }

    /** The company's standing limits, one per legal entity that has one, by entity. */
    public List<Standing> of(String country, String company) {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql(STANDING + " where country = ? and company = ? order by entity").params(country, company)
                .query((rs, n) -> standing(rs, today)).list();
    }

    /** The limit decisions of this entity use on {@code day}: active and not past its review date. */
    public Optional<Standing> inForce(String entity, String country, String company, LocalDate day) {
        return jdbc.sql(STANDING + " where entity = ? and country = ? and company = ? and status = 'ACTIVE'"
                        + " and valid_until >= ?")
                .params(entity, country, company, Date.valueOf(day)).query((rs, n) -> standing(rs, day)).optional();
    }

    /** Grants a limit, or replaces the standing one: the approved outcome of a request. */
    @Transactional
    public Standing grant(String entity, String country, String company, String registrationNumber, Money amount,
            LocalDate validUntil, String source, String approvedBy, @Nullable UUID requestId, String reason) {
        Instant now = clock.instant();
        Optional<Standing> before = jdbc.sql(STANDING + " where entity = ? and country = ? and company = ? for update")
                .params(entity, country, company).query((rs, n) -> standing(rs, LocalDate.now(clock))).optional();
        UUID id = before.map(Standing::id).orElseGet(UUID::randomUUID);
        jdbc.sql("""
                insert into limit_standing (entity, country, company, id, registration_number, amount, currency,
                    valid_until, source, approved_by, request_id, status, status_reason, updated_at)
                values (:entity, :country, :company, :id, :number, :amount, :currency, :validUntil, :source, :approvedBy,
                    :requestId, 'ACTIVE', null, :now)
                on conflict (entity, country, company) do update set registration_number = excluded.registration_number,
                    amount = excluded.amount, currency = excluded.currency, valid_until = excluded.valid_until,
                    source = excluded.source, approved_by = excluded.approved_by, request_id = excluded.request_id,
                    status = 'ACTIVE', status_reason = null, updated_at = excluded.updated_at
                """).param("entity", entity).param("country", country).param("company", company).param("id", id)
                .param("number", registrationNumber).param("amount", amount.amount())
                .param("currency", amount.currency().getCurrencyCode()).param("validUntil", Date.valueOf(validUntil))
                .param("source", source).param("approvedBy", approvedBy).param("requestId", requestId)
                .param("now", Timestamp.from(now)).update();
        Standing after = current(entity, country, company).orElseThrow();
        record(after, company, before.isPresent() ? "CHANGED" : "GRANTED", before.map(Standing::amount).orElse(null),
                approvedBy, reason, requestId, now);
        return after;
    }

    /**
     * Takes the company's standing limits out of force at once, for every entity (insolvency): decisions fall back on
     * the policy's limit. Returns those suspended.
     */
    @Transactional
    public List<Standing> suspend(String country, String company, String by, String reason) {
        Instant now = clock.instant();
        List<Standing> active = jdbc.sql(STANDING + " where country = ? and company = ? and status = 'ACTIVE' for update")
                .params(country, company).query((rs, n) -> standing(rs, LocalDate.now(clock))).list();
        for (Standing limit : active) {
            jdbc.sql("update limit_standing set status = 'SUSPENDED', status_reason = ?, updated_at = ? where id = ?")
                    .params(reason, Timestamp.from(now), limit.id()).update();
            record(status(limit, "SUSPENDED", reason, now), company, "SUSPENDED", limit.amount(), by, reason, null, now);
        }
        return active;
    }

    /** Marks the limits past their review date as expired, each change kept and announced; returns how many. */
    @Transactional
    public int expire(LocalDate today) {
        Instant now = clock.instant();
        List<Standing> expired = jdbc.sql(STANDING + " where status = 'ACTIVE' and valid_until < ? for update skip locked")
                .param(Date.valueOf(today)).query((rs, n) -> standing(rs, today)).list();
        for (Standing limit : expired) {
            String status = "review date " + limit.validUntil() + " passed";
            jdbc.sql("update limit_standing set status = 'EXPIRED', status_reason = ?, updated_at = ? where id = ?")
                    .params(status, Timestamp.from(now), limit.id()).update();
            record(status(limit, "EXPIRED", status, now), companyOf(limit), "EXPIRED", limit.amount(), "arbiter",
                    "review date " + limit.validUntil() + " passed without a new approval", null, now);
        }
        return expired.size();
    }

    /**
     * Announces that a request closed without changing the limit, {@code REFUSED} or {@code REQUEST_EXPIRED}: the
     * standing limit stays as it was (none, or the one in place), and the requester learns it as they would learn a
     * grant. Nothing enters the history, which holds changes.
     */
    @Transactional
    public void unchanged(String outcome, UUID requestId, String entity, Company company, String companyKey, String by,
            String reason) {
        Optional<Standing> standing = current(entity, company.country(), companyKey);
        Instant now = clock.instant();
        events.publishEvent(new CreditLimitChanged(UUID.randomUUID(), outcome, entity, company, null,
                standing.map(Standing::id).orElse(null), standing.map(Standing::amount).orElse(null),
                standing.map(Standing::amount).orElse(null), standing.map(Standing::validUntil).orElse(null),
                standing.map(Standing::status).orElse(null), by, reason, request(requestId), now));
    }

    /** The active limits whose review date falls within {@code [today, until]}: due for a review task. */
    public List<Standing> dueForReview(LocalDate today, LocalDate until) {
        return jdbc.sql(STANDING + " where status = 'ACTIVE' and valid_until between ? and ? order by valid_until")
                .params(Date.valueOf(today), Date.valueOf(until)).query((rs, n) -> standing(rs, today)).list();
    }

    /** Every active limit, for the periodic look at the signals that should bring it back to a person. */
    public List<Standing> active() {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql(STANDING + " where status = 'ACTIVE' order by registration_number, entity")
                .query((rs, n) -> standing(rs, today)).list();
    }

    /** Every change of the company's standing limits, of every entity, latest first. */
    public List<Change> history(String country, String company) {
        return jdbc.sql(CHANGES + " where country = ? and company = ? order by seq desc").params(country, company)
                .query((rs, n) -> change(rs)).list();
    }

    /**
     * The changes after sequence {@code after}, oldest first, at most {@code limit}; only those of these company keys
     * ({@code country:company}) when {@code companyKeys} is not null.
     */
    public List<Change> changes(long after, int limit, @Nullable List<String> companyKeys) {
        return jdbc.sql(CHANGES + " where seq > :after"
                + (companyKeys == null ? "" : " and (country || ':' || company) = any(:keys)") + " order by seq limit :limit")
                .param("after", after).param("limit", limit)
                .param("keys", companyKeys == null ? new String[0] : companyKeys.toArray(String[]::new))
                .query((rs, n) -> change(rs)).list();
    }

    private void record(Standing limit, String company, String change, @Nullable Money previous, String by,
            String reason, @Nullable UUID requestId, Instant now) {
        long sequence = jdbc.sql("""
                insert into limit_change (limit_id, entity, country, company, registration_number, change, amount,
                    previous_amount, currency, valid_until, status, source, changed_by, reason, request_id, changed_at)
                values (:id, :entity, :country, :company, :number, :change, :amount, :previous, :currency, :validUntil,
                    :status, :source, :by, :reason, :requestId, :now)
                returning seq
                """).param("id", limit.id()).param("entity", limit.entity()).param("country", limit.company().country())
                .param("company", company).param("number", limit.company().registrationNumber())
                .param("change", change).param("amount", limit.amount().amount())
                .param("previous", previous == null ? null : previous.amount())
                .param("currency", limit.amount().currency().getCurrencyCode())
                .param("validUntil", Date.valueOf(limit.validUntil())).param("status", limit.status())
                .param("source", limit.source()).param("by", by).param("reason", reason)
                .param("requestId", requestId).param("now", Timestamp.from(now)).query(Long.class).single();
        UUID origin = requestId != null ? requestId : limit.requestId();
        events.publishEvent(new CreditLimitChanged(UUID.randomUUID(), change, limit.entity(), limit.company(), sequence,
                limit.id(), limit.amount(), previous, limit.validUntil(), limit.status(), by, reason,
                origin == null ? null : request(origin), now));
    }

    /** The request a change answers or comes from, as the event tells it; null when it is not kept (never deleted). */
    private CreditLimitChanged.@Nullable Request request(UUID id) {
        return jdbc.sql("""
                select requested_by, requester_role, amount, currency, status, decision_id from limit_request where id = ?""")
                .param(id).query((rs, n) -> new CreditLimitChanged.Request(id, rs.getString(1), rs.getString(2),
                        Money.of(rs.getBigDecimal(3), Currency.getInstance(rs.getString(4))), rs.getString(5),
                        rs.getObject(6, UUID.class)))
                .optional().orElse(null);
    }

    private static Standing status(Standing limit, String status, String reason, Instant now) {
        return new Standing(limit.id(), limit.entity(), limit.company(), limit.amount(), limit.validUntil(), limit.source(),
                limit.approvedBy(), limit.requestId(), status, reason, now, false);
    }

    private String companyOf(Standing limit) {
        return jdbc.sql("select company from limit_standing where id = ?").param(limit.id()).query(String.class).single();
    }

    private static Standing standing(java.sql.ResultSet rs, LocalDate day) throws java.sql.SQLException {
        Currency currency = Currency.getInstance(rs.getString(5));
        LocalDate validUntil = rs.getDate(6).toLocalDate();
        String status = rs.getString(10);
        return new Standing(rs.getObject(1, UUID.class), rs.getString(13), new Company(rs.getString(2), rs.getString(3)),
                Money.of(rs.getBigDecimal(4), currency), validUntil, rs.getString(7), rs.getString(8),
                rs.getObject(9, UUID.class), status, rs.getString(11), rs.getTimestamp(12).toInstant(),
                "ACTIVE".equals(status) && !validUntil.isBefore(day));
    }

    private static Change change(java.sql.ResultSet rs) throws java.sql.SQLException {
        Currency currency = Currency.getInstance(rs.getString(8));
        BigDecimal previous = rs.getBigDecimal(7);
        return new Change(rs.getLong(1), "limit.changed", rs.getObject(2, UUID.class), rs.getString(16),
                new Company(rs.getString(3), rs.getString(4)), rs.getString(5), Money.of(rs.getBigDecimal(6), currency),
                previous == null ? null : Money.of(previous, currency), rs.getDate(9).toLocalDate(), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getObject(14, UUID.class),
                rs.getTimestamp(15).toInstant());
    }
}
