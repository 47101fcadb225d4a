package io.arbiter.decision.storage;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.arbiter.decision.CreditDecision;
import io.arbiter.decision.ReviewVerdict;
import io.arbiter.shared.Money;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The verdicts beside the decision records, and the decisions still waiting for one. Append-only. */
@Repository
public class ReviewVerdicts {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ReviewVerdicts(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores the verdict unless the decision already has one; true when this call stored it. */
    public boolean insert(UUID decisionId, ReviewVerdict verdict) {
        return jdbc.sql("""
                insert into review_verdict (decision_id, verdict, amount, currency, comment, reviewed_by, reviewed_at)
                values (:id, :verdict, :amount, :currency, :comment, :by, :at)
                on conflict (decision_id) do nothing
                """)
                .param("id", decisionId)
                .param("verdict", verdict.verdict().name())
                .param("amount", verdict.amount() == null ? null : verdict.amount().amount())
                .param("currency", verdict.amount() == null ? null : verdict.amount().currency().getCurrencyCode())
                .param("comment", verdict.comment())
                .param("by", verdict.reviewedBy())
                .param("at", Timestamp.from(verdict.reviewedAt()))
                .update() == 1;
    }

    public Optional<ReviewVerdict> find(UUID decisionId) {
        return jdbc.sql("select verdict, amount, currency, comment, reviewed_by, reviewed_at from review_verdict where decision_id = :id")
                .param("id", decisionId).query((rs, n) -> verdict(rs)).optional();
    }

    /** The customers' names as their order systems sent them, by decision (only decisions whose request named one). */
    public Map<UUID, String> customerNames(List<CreditDecision> decisions) {
        Map<UUID, String> names = new HashMap<>();
        if (!decisions.isEmpty()) {
            // With their months as values the planner reads only those months' partitions; by id alone it probed the
            // id index of every month kept (25 at two years' retention) for each page of the queue.
            jdbc.sql("select decision_id, request from credit_decision where decided_at in (:ats) and decision_id in (:ids)")
                    .param("ats", decisions.stream().map(d -> Timestamp.from(d.decidedAt())).distinct().toList())
                    .param("ids", decisions.stream().map(CreditDecision::decisionId).toList())
                    .query((rs, n) -> {
                        JsonNode name = json.readTree(RecordCompression.unpack(rs.getBytes(2))).at("/customer/name");
                        if (name.isString()) {
                            names.put(rs.getObject(1, UUID.class), name.asString());
                        }
                        return null;
                    }).list();
        }
        return names;
    }

    /** How many decisions wait for a verdict, and since when the oldest does (null when none waits). */
    public record Backlog(long count, @Nullable Instant oldest) {
    }

    public Backlog backlog() {
        return jdbc.sql("""
                select count(*), min(d.decided_at) from credit_decision d
                where d.outcome = 'REVIEW'
                  and not exists (select 1 from review_verdict v where v.decision_id = d.decision_id)
                """)
                .query((rs, n) -> new Backlog(rs.getLong(1), rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()))
                .single();
    }

    private static ReviewVerdict verdict(ResultSet rs) throws SQLException {
        BigDecimal amount = rs.getBigDecimal(2);
        return new ReviewVerdict(ReviewVerdict.Verdict.valueOf(rs.getString(1)),
                amount == null ? null : Money.of(amount, Currency.getInstance(rs.getString(3))), rs.getString(4),
                rs.getString(5), rs.getTimestamp(6).toInstant());
    }
}
