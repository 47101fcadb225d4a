package io.arbiter.limits.requests;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.arbiter.limits.Company;
import io.arbiter.shared.Money;
import io.arbiter.shared.Paging;
import io.arbiter.shared.RegistrationNumbers;
import io.arbiter.shared.StoredJson;
import tools.jackson.databind.json.JsonMapper;

/** Limit requests and their verdicts in {@code limit_request} and {@code limit_request_verdict}. */
@Repository
public class RequestStore {

    /** Where a page of requests starts: after this one, in the order they were made. */
    public record Cursor(Instant createdAt, UUID id) {

        private static final String KIND = "limit-requests";

        public String encode() {
            return Paging.cursor(KIND, createdAt.toString(), id.toString());
        }

        /** The position a cursor holds; null without one; a 400 naming {@code cursor} for one this list did not give. */
        public static @Nullable Cursor decode(@Nullable String text) {
            String[] position = Paging.position(text, KIND, 2, parts -> {
                Instant.parse(parts[0]);
                UUID.fromString(parts[1]);
            });
            return position == null ? null : new Cursor(Instant.parse(position[0]), UUID.fromString(position[1]));
        }
    }

    private static final String REQUESTS = """
            select id, registration_number, country, amount, currency, valid_until, justification, requested_by,
                   requester_role, decision_id, status, created_at, expires_at, closed_at, granted_amount, matrix::text,
                   proposal::text, exposure::text, insured_cover, current_limit,
                   (select count(*) from limit_request_verdict v where v.request_id = r.id and v.verdict <> 'REFUSE'),
                   entity
            from limit_request r""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final StoredJson stored;

    RequestStore(JdbcClient jdbc, JsonMapper json, StoredJson stored) {
        this.jdbc = jdbc;
        this.json = json;
        this.stored = stored;
    }

    void insert(UUID id, String entity, RegistrationNumbers.CompanyId company, Money amount, LocalDate validUntil,
            String justification, Caller caller, @Nullable UUID decisionId, LimitRequest.Approval approval, String proposal,
            @Nullable String exposure, @Nullable Money insured, @Nullable Money current, Instant now, Instant expiresAt) {
        jdbc.sql("""
                insert into limit_request (id, entity, country, company, registration_number, amount, currency, valid_until,
                    justification, requested_by, requester_role, decision_id, status, approver_role, approvers_needed,
                    matrix, proposal, exposure, insured_cover, current_limit, created_at, expires_at)
                values (:id, :entity, :country, :company, :number, :amount, :currency, :validUntil, :justification, :by, :role,
                    :decisionId, 'PENDING', :approverRole, :approvers, cast(:matrix as jsonb), cast(:proposal as jsonb),
                    cast(:exposure as jsonb), :insured, :current, :now, :expiresAt)
                """).param("id", id).param("entity", entity).param("country", company.country())
                .param("company", company.company())
                .param("number", company.registrationNumber()).param("amount", amount.amount())
                .param("currency", amount.currency().getCurrencyCode()).param("validUntil", Date.valueOf(validUntil))
                .param("justification", justification).param("by", caller.name()).param("role", caller.requesterRole())
                .param("decisionId", decisionId).param("approverRole", approval.role())
                .param("approvers", approval.approvers()).param("matrix", json.writeValueAsString(approval))
                .param("proposal", proposal).param("exposure", exposure)
                .param("insured", insured == null ? null : insured.amount())
                .param("current", current == null ? null : current.amount())
                .param("now", Timestamp.from(now)).param("expiresAt", Timestamp.from(expiresAt)).update();
    }

    Optional<LimitRequest> find(UUID id) {
        return jdbc.sql(REQUESTS + " where id = ?").param(id).query((rs, n) -> request(rs)).optional();
    }

    /** The request, locked until the end of the transaction: verdicts on one request are taken one at a time. */
    Optional<LimitRequest> lock(UUID id) {
        jdbc.sql("select id from limit_request where id = ? for update").param(id).query(UUID.class).optional();
        return find(id);
    }

    Optional<UUID> pendingFor(String entity, String country, String company) {
        return jdbc.sql("select id from limit_request where entity = ? and country = ? and company = ? and status = 'PENDING'")
                .params(entity, country, company).query(UUID.class).optional();
    }

    List<LimitRequest> list(@Nullable String status, @Nullable Cursor after, int limit, @Nullable List<String> companyKeys) {
        return jdbc.sql(REQUESTS + " where (cast(:status as text) is null or status = :status)"
                        + " and (cast(:after as timestamptz) is null or (created_at, id) > (:after, :afterId))"
                        + (companyKeys == null ? "" : " and (country || ':' || company) = any(:keys)")
                        + " order by created_at, id limit :limit")
                .param("status", status).param("after", after == null ? null : Timestamp.from(after.createdAt()))
                .param("afterId", after == null ? new UUID(0, 0) : after.id()).param("limit", limit)
                .param("keys", companyKeys == null ? new String[0] : companyKeys.toArray(String[]::new))
                .query((rs, n) -> request(rs)).list();
    }

    void verdict(UUID id, Caller caller, String verdict, @Nullable BigDecimal amount, String comment, Instant now) {
        jdbc.sql("""
                insert into limit_request_verdict (request_id, approver, role, verdict, amount, comment, decided_at)
                values (?, ?, ?, ?, ?, ?, ?)
                """).params(id, caller.name(), caller.approvalRole(), verdict, amount, comment, Timestamp.from(now)).update();
    }

    void close(UUID id, String status, @Nullable BigDecimal granted, Instant now) {
        jdbc.sql("update limit_request set status = ?, granted_amount = ?, closed_at = ? where id = ?")
                .params(status, granted, Timestamp.from(now), id).update();
    }

    /** Closes the pending requests past their time; returns them. */
    List<UUID> expire(Instant now) {
        return jdbc.sql("update limit_request set status = 'EXPIRED', closed_at = ? where status = 'PENDING' and expires_at < ?"
                        + " returning id")
                .params(Timestamp.from(now), Timestamp.from(now)).query(UUID.class).list();
    }

    private LimitRequest request(ResultSet rs) throws SQLException {
        UUID id = rs.getObject(1, UUID.class);
        Currency currency = Currency.getInstance(rs.getString(5));
        LimitRequest.Approval matrix = stored.read(rs.getString(16), LimitRequest.Approval.class);
        String exposure = rs.getString(18);
        return new LimitRequest(id, new Company(rs.getString(2), rs.getString(3)), rs.getString(22), Money.of(rs.getBigDecimal(4), currency),
                rs.getDate(6).toLocalDate(), rs.getString(7), rs.getString(8), rs.getString(9), rs.getObject(10, UUID.class),
                rs.getString(11), rs.getTimestamp(12).toInstant(), rs.getTimestamp(13).toInstant(), instant(rs.getTimestamp(14)),
                money(rs.getBigDecimal(15), currency),
                new LimitRequest.Approval(matrix.role(), matrix.approvers(), rs.getInt(21), matrix.rule(),
                        matrix.policyVersion(), matrix.problems()),
                stored.read(rs.getString(17), Proposal.class),
                exposure == null ? null : stored.read(exposure, LimitRequest.Exposure.class),
                money(rs.getBigDecimal(19), currency), money(rs.getBigDecimal(20), currency), verdicts(id, currency));
    }

    private List<LimitRequest.Verdict> verdicts(UUID id, Currency currency) {
        return jdbc.sql("select approver, role, verdict, amount, comment, decided_at from limit_request_verdict"
                        + " where request_id = ? order by decided_at, approver")
                .param(id).query((rs, n) -> new LimitRequest.Verdict(rs.getString(1), rs.getString(2), rs.getString(3),
                        money(rs.getBigDecimal(4), currency), rs.getString(5), rs.getTimestamp(6).toInstant())).list();
    }

    private static @Nullable Money money(@Nullable BigDecimal amount, Currency currency) {
        return amount == null ? null : Money.of(amount, currency);
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
