package io.arbiter.decision.storage;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.arbiter.decision.CreditDecision;

/**
 * The decision records: append-only, one per request id, in monthly partitions (V260). The request id's row in
 * {@code credit_decision_key} says which month a decision is in, so every lookup reads one index of one partition.
 */
@Repository
public class CreditDecisions {

    /** A stored decision with the request that produced it and that request's fingerprint. */
    public record Stored(String requestHash, String request, byte[] response) {
    }

    /** The JSON documents of one decision, each as {@link RecordCompression} keeps it. */
    public record Documents(byte[] request, byte[] facts, byte[] response) {
    }

    private final JdbcClient jdbc;

    CreditDecisions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the decision unless one exists for its request id; true when this call stored it. One statement, so one
     * round trip and one commit: the key row and the record are written together or not at all.
     */
    public boolean insert(CreditDecision decision, String companyKey, String requestHash, Documents documents,
            @Nullable String askedBy) {
        BigDecimal granted = decision.grantedLimit() == null ? null : decision.grantedLimit().amount();
        return jdbc.sql("""
                with key as (
                    insert into credit_decision_key (request_id, decision_id, decided_at)
                    values (:requestId, :id, :decidedAt)
                    on conflict (request_id) do nothing
                    returning decision_id)
                insert into credit_decision (decision_id, request_id, request_hash, registration_number, company_key,
                                             outcome, segment, risk_class, granted_limit, policy_version, decided_at,
                                             request, facts, response, asked_by)
                select decision_id, :requestId, :hash, :registrationNumber, :companyKey, :outcome, :segment, :riskClass,
                       :granted, :policyVersion, :decidedAt, :request, :facts, :response, :askedBy
                from key
                """)
                .param("id", decision.decisionId())
                .param("requestId", decision.requestId())
                .param("hash", requestHash)
                .param("registrationNumber", decision.registrationNumber())
                .param("companyKey", companyKey)
                .param("outcome", decision.outcome().name())
                .param("segment", decision.segment())
                .param("riskClass", decision.riskClass())
                .param("granted", granted)
                .param("policyVersion", decision.policyVersion())
                .param("decidedAt", Timestamp.from(decision.decidedAt()))
                .param("request", documents.request())
                .param("facts", documents.facts())
                .param("response", documents.response())
                .param("askedBy", askedBy)
                .update() == 1;
    }

    public Optional<Stored> findByRequestId(String requestId) {
        return key("request_id", requestId).flatMap(key -> jdbc.sql("""
                select request_hash, request, response from credit_decision
                where decided_at = :decidedAt and decision_id = :id""")
                .param("decidedAt", key.decidedAt()).param("id", key.decisionId())
                .query((rs, n) -> new Stored(rs.getString(1), RecordCompression.unpackText(rs.getBytes(2)),
                        RecordCompression.unpack(rs.getBytes(3))))
                .optional());
    }

    /** The decision's response as it was answered, UTF-8 JSON. */
    public Optional<byte[]> findResponse(UUID decisionId) {
        return key("decision_id", decisionId).flatMap(key -> jdbc.sql("""
                select response from credit_decision where decided_at = :decidedAt and decision_id = :id""")
                .param("decidedAt", key.decidedAt()).param("id", key.decisionId())
                .query((rs, n) -> RecordCompression.unpack(rs.getBytes(1))).optional());
    }

    /** Who asked for the decision: the API key's name or the person's username; empty for decisions before V310. */
    public Optional<String> askedBy(UUID decisionId) {
        return key("decision_id", decisionId).flatMap(key -> jdbc.sql("""
                select asked_by from credit_decision where decided_at = :decidedAt and decision_id = :id""")
                .param("decidedAt", key.decidedAt()).param("id", key.decisionId())
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(name -> name));
    }

    private record Key(UUID decisionId, Timestamp decidedAt) {
    }

    /**
     * Where a decision is, read first and on its own: with its month as a value, the second query reads one partition's
     * index, where a join would have the planner consider every month.
     */
    private Optional<Key> key(String column, Object value) {
        return jdbc.sql("select decision_id, decided_at from credit_decision_key where " + column + " = :value")
                .param("value", value)
                .query((rs, n) -> new Key(rs.getObject(1, UUID.class), rs.getTimestamp(2))).optional();
    }
}
