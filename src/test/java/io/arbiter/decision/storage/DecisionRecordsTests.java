package io.arbiter.decision.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.arbiter.ApiTest;
import io.arbiter.decision.DecisionHistory;
import io.arbiter.decision.Reviews;
import tools.jackson.databind.JsonNode;

/**
 * Decision records that scale (issue 26): small enough to keep millions, kept by month, and a month past the retention
 * leaving the table whole while every other decision stays as it was answered.
 */
class DecisionRecordsTests extends ApiTest {

    @Autowired
    DecisionPartitions partitions;

    @Autowired
    Reviews reviews;

    @Autowired
    DecisionHistory history;

    private static String order(String registrationNumber, String amount, String openReceivables) {
        return """
                {"requestId": "%s",
                 "customer": {"registrationNumber": "%s", "name": "Customer %s", "country": "FR",
                              "customerSince": "2021-03-01", "paymentTermsDays": 45},
                 "order": {"amount": %s, "currency": "EUR", "reference": "PO-1"},
                 "exposure": {"openReceivables": %s, "overdue": 0, "ordersBacklog": 5000},
                 "paymentHistory": {"averageDaysLate": 4, "openDisputes": 0}}
                """.formatted(newRequestId(), registrationNumber, registrationNumber, amount, openReceivables);
    }

    @Test
    void a_decision_record_with_its_request_facts_and_reasons_takes_under_one_and_a_half_kilobytes() {
        List<String> requestIds = new ArrayList<>();
        // Approved, sent to review (stale report), rejected (insolvency), a key account, a public buyer.
        for (String body : List.of(order("402202006", "18000", "32000"), order("406606004", "5000", "0"),
                order("404404006", "5000", "0"), order("401101001", "90000", "200000"), order("217500016", "2500", "0"))) {
            Response decided = post("/api/v1/credit-decisions", ORDER_SYSTEM, body);
            assertThat(decided.status()).as(decided.text()).isEqualTo(201);
            requestIds.add(decided.body().get("requestId").asString());
            assertThat(get("/api/v1/credit-decisions/" + decided.body().get("decisionId").asString(), ORDER_SYSTEM).text())
                    .as("answered again exactly as first answered").isEqualTo(decided.text());
        }
        double averageBytes = jdbc.sql("""
                select avg(pg_column_size(d.*) + pg_column_size(k.*)) from credit_decision d
                join credit_decision_key k using (request_id) where request_id = any(:ids)""")
                .param("ids", requestIds.toArray(String[]::new)).query(Double.class).single();
        assertThat(averageBytes).isLessThanOrEqualTo(1536);
    }

    @Test
    void a_month_past_the_retention_leaves_the_table_with_its_request_ids_and_later_months_stay() {
        YearMonth old = YearMonth.of(2003, 2);
        String partition = partitions.create(old);
        Response template = post("/api/v1/credit-decisions", ORDER_SYSTEM, order("402202006", "18000", "32000"));
        String templateId = template.body().get("decisionId").asString();
        String oldRequestId = newRequestId();
        String oldId = jdbc.sql("""
                with fresh as (select gen_random_uuid() as id, d.* from credit_decision d where d.decision_id = cast(:template as uuid)),
                     keys as (insert into credit_decision_key (request_id, decision_id, decided_at)
                              select :requestId, id, timestamptz '2003-02-14 10:00:00+00' from fresh)
                insert into credit_decision (decision_id, request_id, request_hash, registration_number, company_key, outcome,
                                             segment, risk_class, granted_limit, policy_version, decided_at, request, facts,
                                             response)
                select id, :requestId, request_hash, registration_number, company_key, outcome, segment, risk_class,
                       granted_limit, policy_version, timestamptz '2003-02-14 10:00:00+00', request, facts,
                       '\\x00'::bytea || convert_to(jsonb_set(cast(:response as jsonb), '{decisionId}', to_jsonb(id::text))::text, 'UTF8')
                from fresh returning decision_id::text""")
                .param("template", templateId).param("requestId", oldRequestId).param("response", template.text())
                .query(String.class).single();
        assertThat(jdbc.sql("select tableoid::regclass::text from credit_decision where decision_id = cast(:id as uuid)")
                .param("id", oldId).query(String.class).single()).endsWith(partition);
        JsonNode before = get("/api/v1/credit-decisions/" + oldId, ORDER_SYSTEM).body();
        assertThat(before.get("decisionId").asString()).isEqualTo(oldId);

        List<String> expired = partitions.expire(LocalDate.of(2003, 3, 5));

        assertThat(expired).containsExactly(partition);
        assertThat(get("/api/v1/credit-decisions/" + oldId, ORDER_SYSTEM).status()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from credit_decision_key where request_id = :id").param("id", oldRequestId)
                .query(Long.class).single()).isZero();
        // Archived, not lost: the month is a table of its own until the operator dumps and drops it.
        assertThat(jdbc.sql("select count(*) from " + partition + " where request_id = :id").param("id", oldRequestId)
                .query(Long.class).single()).isOne();
        assertThat(get("/api/v1/credit-decisions/" + templateId, ORDER_SYSTEM).text()).isEqualTo(template.text());
    }

    @Test
    void the_review_queue_names_each_customer_whichever_month_its_decision_was_made_in() {
        // A month after the one the retention test expires, so that this decision stays whatever the order of the tests.
        partitions.create(YearMonth.of(2004, 6));
        String body = order("402202006", "90000", "32000"); // 127,000 € exposure on a 120,000 € limit: REVIEW
        Response recent = post("/api/v1/credit-decisions", ORDER_SYSTEM, body);
        assertThat(recent.body().get("outcome").asString()).isEqualTo("REVIEW");
        String recentId = recent.body().get("decisionId").asString();
        // The same order sent years ago under the customer's former name, kept as SQL writes records (first byte 0).
        String earlierId = jdbc.sql("""
                with fresh as (select gen_random_uuid() as id, d.* from credit_decision d where d.decision_id = cast(:template as uuid)),
                     keys as (insert into credit_decision_key (request_id, decision_id, decided_at)
                              select 'earlier-' || id, id, timestamptz '2004-06-14 10:00:00+00' from fresh)
                insert into credit_decision (decision_id, request_id, request_hash, registration_number, company_key, outcome,
                                             segment, risk_class, granted_limit, policy_version, decided_at, request, facts,
                                             response)
                select id, 'earlier-' || id, request_hash, registration_number, company_key, outcome, segment, risk_class,
                       granted_limit, policy_version, timestamptz '2004-06-14 10:00:00+00',
                       '\\x00'::bytea || convert_to(jsonb_set(cast(:request as jsonb), '{customer,name}', '"Moreau Frères"')::text, 'UTF8'),
                       facts,
                       '\\x00'::bytea || convert_to(jsonb_set(jsonb_set(cast(:response as jsonb), '{decisionId}', to_jsonb(id::text)),
                                                         '{decidedAt}', '"2004-06-14T10:00:00Z"')::text, 'UTF8')
                from fresh returning decision_id::text""")
                .param("template", recentId).param("request", body).param("response", recent.text())
                .query(String.class).single();

        Map<String, String> names = new HashMap<>();
        String cursor = null;
        do {
            Reviews.Page page = reviews.pending(50, cursor);
            page.items().forEach(p -> names.put(p.decision().decisionId().toString(), p.customerName()));
            cursor = page.next();
        } while (cursor != null);

        assertThat(names).containsEntry(earlierId, "Moreau Frères").containsEntry(recentId, "Customer 402202006");
    }

    @Test
    void a_company_s_latest_facts_are_its_newest_decision_s_even_when_an_older_one_is_written_after_it() {
        partitions.create(YearMonth.of(2004, 6));
        Response recent = post("/api/v1/credit-decisions", ORDER_SYSTEM, order("406606004", "5000", "0"));
        String recentId = recent.body().get("decisionId").asString();
        // An older decision on the same company arriving later (SQL, as data is loaded), with other facts.
        jdbc.sql("""
                with fresh as (select gen_random_uuid() as id, d.* from credit_decision d where d.decision_id = cast(:template as uuid)),
                     keys as (insert into credit_decision_key (request_id, decision_id, decided_at)
                              select 'older-' || id, id, timestamptz '2004-06-20 10:00:00+00' from fresh)
                insert into credit_decision (decision_id, request_id, request_hash, registration_number, company_key, outcome,
                                             segment, risk_class, granted_limit, policy_version, decided_at, request, facts,
                                             response)
                select id, 'older-' || id, request_hash, registration_number, company_key, outcome, segment, risk_class,
                       granted_limit, policy_version, timestamptz '2004-06-20 10:00:00+00', request,
                       '\\x00'::bytea || convert_to(jsonb_set(cast(:facts as jsonb), '{seniorityMonths}', '1')::text, 'UTF8'),
                       response
                from fresh""")
                .param("template", recentId)
                .param("facts", jdbc.sql("select facts from credit_decision where decision_id = cast(:id as uuid)")
                        .param("id", recentId).query((rs, n) -> RecordCompression.unpackText(rs.getBytes(1))).single())
                .update();

        int seniority = history.latestFacts(List.of("FR:406606004")).get("FR:406606004").seniorityMonths();

        assertThat(seniority).as("the seniority known at the newest decision").isGreaterThan(1);
    }
}
