package io.arbiter.decision;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.arbiter.decision.storage.RecordCompression;
import io.arbiter.policy.Applicant;
import io.arbiter.policy.Outcome;
import io.arbiter.shared.Page;
import io.arbiter.shared.Paging;
import io.arbiter.shared.StoredJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored decisions read back: streamed for a replay (a cursor with a fetch size, so a million decisions never sit
 * in memory), the latest facts known per customer, and the decisions a list or the review
 * queue shows, page by page.
 */
@Service
public class DecisionHistory {

    /**
     * Which stored decisions: those decided in {@code [from, to)}, either end open when null; or, when {@code last} is
     * set, the {@code last} most recent ones.
     */
    public record Selection(@Nullable Instant from, @Nullable Instant to, @Nullable Integer last) {
    }

    /**
     * A stored decision as a replay needs it: the facts it was decided on and what was answered.
     *
     * @param reasons the answered reasons as JSON, read from the stored response only when a replay reports this
     *                decision (most replayed decisions do not change)
     */
    public record StoredDecision(UUID decisionId, String registrationNumber, Instant decidedAt, String policyVersion,
            Applicant facts, Outcome outcome, String segment, @Nullable String riskClass, BigDecimal grantedLimit,
            Supplier<String> reasons) {

        public String reasonsJson() {
            return reasons.get();
        }
    }

    private static final String REPLAYED = """
            select decision_id, registration_number, decided_at, policy_version, facts, outcome, segment, risk_class,
                   granted_limit, response
            from credit_decision""";

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private final StoredJson stored;
    private final JsonMapper json;

    DecisionHistory(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions, StoredJson stored,
            JsonMapper json) {
        this.json = json;
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.stored = stored;
    }

    public long count(Selection selection) {
        if (selection.last() != null) {
            return Math.min(selection.last(), jdbc.sql("select count(*) from credit_decision").query(Long.class).single());
        }
        return jdbc.sql("select count(*) from credit_decision where decided_at >= :from and decided_at < :to")
                .param("from", timestamp(selection.from(), Instant.EPOCH))
                .param("to", timestamp(selection.to(), Instant.parse("9999-01-01T00:00:00Z")))
                .query(Long.class).single();
    }

    /**
     * Hands every selected decision to {@code each}, oldest first (most recent first for {@code last}), reading
     * {@code fetchSize} rows at a time. {@code each} may throw to stop the stream.
     */
    public void forEach(Selection selection, int fetchSize, Consumer<StoredDecision> each) {
        String sql;
        Object[] args;
        if (selection.last() != null) {
            sql = REPLAYED + " order by decided_at desc, decision_id desc limit ?";
            args = new Object[] {selection.last()};
        } else {
            sql = REPLAYED + " where decided_at >= ? and decided_at < ? order by decided_at, decision_id";
            args = new Object[] {timestamp(selection.from(), Instant.EPOCH),
                    timestamp(selection.to(), Instant.parse("9999-01-01T00:00:00Z"))};
        }
        // PostgreSQL streams with a cursor only inside a transaction and with a fetch size; otherwise it sends every row.
        readOnly.executeWithoutResult(status -> streaming.query(connection -> {
            var statement = connection.prepareStatement(sql);
            statement.setFetchSize(fetchSize);
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement;
        }, rs -> {
            byte[] response = rs.getBytes(10);
            each.accept(new StoredDecision(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant(),
                    rs.getString(4), stored.read(RecordCompression.unpackText(rs.getBytes(5)), Applicant.class),
                    Outcome.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8), rs.getBigDecimal(9),
                    () -> reasons(response)));
        }));
    }

    /**
     * The facts of the latest decision on each of these companies, by company key ({@code country:company}, as
     * {@link io.arbiter.ledger.Portfolio.Customer#companyKey()} gives it), whichever of the company's numbers (SIREN,
     * SIRET, VAT number) the order system sent; the company's row in {@code credit_decision_latest} (V322).
     */
    public Map<String, Applicant> latestFacts(Collection<String> companyKeys) {
        Map<String, Applicant> facts = new HashMap<>();
        if (companyKeys.isEmpty()) {
            return facts;
        }
        // Two index probes per company, however many decisions and months it has: its latest decision's row, then
        // that decision in its month's partition alone (the lateral's limit keeps it a nested loop, so the month is a
        // value when each partition is pruned, where a join could read every month).
        jdbc.sql("""
                select l.company_key, d.facts
                from unnest(cast(:companies as text[])) k(company)
                join credit_decision_latest l on l.company_key = k.company
                cross join lateral (select facts from credit_decision
                                    where decided_at = l.decided_at and decision_id = l.decision_id limit 1) d
                """).param("companies", companyKeys.toArray(String[]::new))
                .query((rs, n) -> facts.put(rs.getString(1),
                        stored.read(RecordCompression.unpackText(rs.getBytes(2)), Applicant.class))).list();
        return facts;
    }

    /**
     * Which stored decisions a list shows: each criterion narrows it when set. {@code company} is a company key
     * ({@code country:company}), so a customer's decisions are found whichever of its numbers the order system sent.
     */
    public record Filter(@Nullable String policyVersion, @Nullable Outcome outcome, @Nullable String company,
            @Nullable Instant from, @Nullable Instant to) {
    }

    /**
     * The decisions the filter selects, a page of {@code limit} at a time, most recent first or, with
     * {@code oldestFirst} (the review queue), oldest first and only those still waiting for a verdict; {@code cursor} is the {@code next} of the previous page.
     */
    public Page<CreditDecision> list(Filter filter, boolean oldestFirst, int limit, @Nullable String cursor) {
        String[] position = Paging.position(cursor, "decisions", 2, parts -> {
            Instant.parse(parts[0]);
            UUID.fromString(parts[1]);
        });
        StringBuilder sql = new StringBuilder("""
                select decided_at, decision_id, response from credit_decision
                where decided_at >= :from and decided_at < :to""");
        Map<String, Object> params = new HashMap<>();
        params.put("from", timestamp(filter.from(), Instant.EPOCH));
        params.put("to", timestamp(filter.to(), Instant.parse("9999-01-01T00:00:00Z")));
        if (filter.policyVersion() != null) {
            sql.append(" and policy_version = :version");
            params.put("version", filter.policyVersion());
        }
        if (filter.outcome() != null) {
            sql.append(" and outcome = :outcome");
            params.put("outcome", filter.outcome().name());
        }
        if (filter.company() != null) {
            sql.append(" and company_key = :company");
            params.put("company", filter.company());
        }
        if (oldestFirst) {
            // The review queue: a decision leaves it once a person has given their verdict (V230).
            sql.append(" and not exists (select 1 from review_verdict v where v.decision_id = credit_decision.decision_id)");
        }
        if (position != null) {
            sql.append(oldestFirst ? " and (decided_at, decision_id) > (:afterAt, :afterId)"
                    : " and (decided_at, decision_id) < (:afterAt, :afterId)");
            params.put("afterAt", Timestamp.from(Instant.parse(position[0])));
            params.put("afterId", UUID.fromString(position[1]));
        }
        sql.append(oldestFirst ? " order by decided_at, decision_id" : " order by decided_at desc, decision_id desc");
        sql.append(" limit :limit");
        params.put("limit", limit + 1);
        record Row(Instant decidedAt, UUID id, byte[] response) {
        }
        List<Row> rows = jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new Row(rs.getTimestamp(1).toInstant(), rs.getObject(2, UUID.class), rs.getBytes(3)))
                .list();
        return Page.of(rows, limit, row -> Paging.cursor("decisions", row.decidedAt().toString(), row.id().toString()))
                .map(row -> stored.read(RecordCompression.unpackText(row.response()), CreditDecision.class));
    }

    private String reasons(byte[] response) {
        JsonNode reasons = json.readTree(RecordCompression.unpack(response)).get("reasons");
        return reasons == null || reasons.isNull() ? "[]" : reasons.toString();
    }

    private static Timestamp timestamp(@Nullable Instant instant, Instant otherwise) {
        return Timestamp.from(instant == null ? otherwise : instant);
    }
}
