package io.arbiter.decision.standing;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.arbiter.bureau.SolvencyChanged;
import io.arbiter.bureau.SolvencyReport;
import io.arbiter.decision.storage.RecordCompression;
import io.arbiter.policy.Applicant;
import io.arbiter.policy.Outcome;
import io.arbiter.policy.PolicyEngine;
import io.arbiter.policy.PolicyEvaluation;
import io.arbiter.shared.Money;
import io.arbiter.shared.Page;
import io.arbiter.shared.Paging;
import io.arbiter.shared.StoredJson;
import tools.jackson.databind.json.JsonMapper;

/**
 * When a bureau reports a change, re-evaluates what the active policy grants the customer as it stands: the facts of
 * its latest decision (seniority, history, exposure) with the new report and no order. Runs once the notification is
 * recorded, in a transaction of its own; the outbox keeps it until it succeeds (retried when it failed), and a
 * notification's review is recorded once whatever the number of runs.
 */
@Component
public class StandingLimitReviews {

    private static final Logger log = LoggerFactory.getLogger(StandingLimitReviews.class);

    /** One re-evaluation, as finance staff read it. */
    public record Review(String registrationNumber, String provider, String notificationId, Instant reviewedAt,
            String policyVersion, @Nullable Money previousLimit, Money grantedLimit, Outcome outcome, String segment,
            @Nullable String riskClass) {
    }

    private final PolicyEngine policy;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final StoredJson stored;

    StandingLimitReviews(PolicyEngine policy, JdbcClient jdbc, JsonMapper json, StoredJson stored) {
        this.policy = policy;
        this.jdbc = jdbc;
        this.json = json;
        this.stored = stored;
    }

    @ApplicationModuleListener
    void on(SolvencyChanged change) {
        SolvencyReport report = change.report();
        record Latest(String facts, @Nullable BigDecimal granted) {
        }
        // The company's latest decision whichever of its numbers the order system sent (a SIREN, a SIRET, a VAT
        // number), and in its own country only: the same digits name another company elsewhere. Two index probes:
        // credit_decision_latest (V322) names the decision and its month, whose partition alone is then read.
        Latest latest = jdbc.sql("""
                select d.facts, d.granted_limit from credit_decision_latest l
                cross join lateral (select facts, granted_limit from credit_decision
                                    where decided_at = l.decided_at and decision_id = l.decision_id limit 1) d
                where l.company_key = :country || ':' || ledger_company_id(:country, :number)
                """).param("country", change.country()).param("number", change.registrationNumber())
                .query((rs, n) -> new Latest(RecordCompression.unpackText(rs.getBytes(1)), rs.getBigDecimal(2)))
                .optional().orElse(null);
        Applicant base = latest == null
                ? Applicant.builder().registrationNumber(change.registrationNumber()).country(change.country()).build()
                : stored.read(latest.facts(), Applicant.class);
        Applicant applicant = base.reassessed(report.commonGrade(),
                report.recommendedLimit() == null ? null : report.recommendedLimit().amount(), report.paymentRemarks(),
                report.status().name(), report.turnover() == null ? 0 : report.turnover().amount().longValue());
        PolicyEvaluation evaluation = policy.evaluate(applicant);
        jdbc.sql("""
                insert into standing_limit_review (registration_number, provider, notification_id, policy_version,
                    reviewed_at, previous_limit, granted_limit, currency, outcome, evaluation)
                values (:registrationNumber, :provider, :notificationId, :policyVersion, :reviewedAt, :previousLimit,
                    :grantedLimit, :currency, :outcome, cast(:evaluation as jsonb))
                on conflict (provider, notification_id) do nothing
                """)
                .param("registrationNumber", change.registrationNumber()).param("provider", change.provider())
                .param("notificationId", change.notificationId()).param("policyVersion", evaluation.policyVersion())
                .param("reviewedAt", Timestamp.from(change.receivedAt()))
                .param("previousLimit", latest == null ? null : latest.granted())
                .param("grantedLimit", evaluation.limit().granted().amount())
                .param("currency", evaluation.limit().granted().currency().getCurrencyCode())
                .param("outcome", evaluation.outcome().name()).param("evaluation", json.writeValueAsString(evaluation))
                .update();
        log.info("Standing limit of {} reviewed after {} notification {}: {} {} ({})", change.registrationNumber(),
                change.provider(), change.notificationId(), evaluation.limit().granted(), evaluation.outcome(),
                evaluation.policyVersion());
    }

    /** A company's reviews, newest first, {@code limit} at a time after the cursor's position. */
    public Page<Review> reviews(String registrationNumber, int limit, @Nullable String cursor) {
        String[] after = Paging.position(cursor, "limit-reviews", 2, parts -> {
            Instant.parse(parts[0]);
            Long.parseLong(parts[1]);
        });
        record Row(long id, Review review) {
        }
        List<Row> rows = jdbc.sql("""
                select registration_number, provider, notification_id, reviewed_at, policy_version, previous_limit,
                       granted_limit, currency, outcome, evaluation->'segment'->>'name', evaluation->>'riskClass', id
                from standing_limit_review where registration_number = :registrationNumber
                  and (reviewed_at, id) < (:beforeAt, :beforeId)
                order by reviewed_at desc, id desc limit :limit
                """).param("registrationNumber", registrationNumber)
                .param("beforeAt", Timestamp.from(after == null ? Instant.parse("9999-01-01T00:00:00Z") : Instant.parse(after[0])))
                .param("beforeId", after == null ? Long.MAX_VALUE : Long.parseLong(after[1])).param("limit", limit + 1)
                .query((rs, n) -> {
                    Currency currency = Currency.getInstance(rs.getString(8));
                    BigDecimal previous = rs.getBigDecimal(6);
                    return new Row(rs.getLong(12), new Review(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), rs.getString(5),
                            previous == null ? null : Money.of(previous, currency), Money.of(rs.getBigDecimal(7), currency),
                            Outcome.valueOf(rs.getString(9)), rs.getString(10), rs.getString(11)));
                })
                .list();
        return Page.of(rows, limit, row -> Paging.cursor("limit-reviews", row.review().reviewedAt().toString(),
                String.valueOf(row.id()))).map(Row::review);
    }
}
