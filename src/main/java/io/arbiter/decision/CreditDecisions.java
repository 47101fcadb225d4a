package io.arbiter.decision;

import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The decision records: append-only, one per request id. */
@Repository
class CreditDecisions {

    /** A stored decision with the request that produced it and that request's fingerprint. */
    record Stored(String requestHash, String request, String response) {
    }

    private final JdbcClient jdbc;

    CreditDecisions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the decision unless one exists for its request id; true when this call stored it. */
    boolean insert(CreditDecision decision, String requestHash, String request, String facts, String response) {
        return jdbc.sql("""
                insert into credit_decision (decision_id, request_id, request_hash, registration_number, outcome,
                                             policy_version, decided_at, request, facts, response)
                values (:id, :requestId, :hash, :registrationNumber, :outcome, :policyVersion, :decidedAt,
                        cast(:request as jsonb), cast(:facts as jsonb), cast(:response as jsonb))
                on conflict (request_id) do nothing
                """)
                .param("id", decision.decisionId())
                .param("requestId", decision.requestId())
                .param("hash", requestHash)
                .param("registrationNumber", decision.registrationNumber())
                .param("outcome", decision.outcome().name())
                .param("policyVersion", decision.policyVersion())
                .param("decidedAt", Timestamp.from(decision.decidedAt()))
                .param("request", request)
                .param("facts", facts)
                .param("response", response)
                .update() == 1;
    }

    Optional<Stored> findByRequestId(String requestId) {
        return jdbc.sql("select request_hash, request::text, response::text from credit_decision where request_id = :requestId")
                .param("requestId", requestId)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }

    Optional<String> findResponse(UUID decisionId) {
        return jdbc.sql("select response::text from credit_decision where decision_id = :id")
                .param("id", decisionId).query(String.class).optional();
    }
}
