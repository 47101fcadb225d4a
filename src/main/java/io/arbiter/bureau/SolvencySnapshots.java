package io.arbiter.bureau;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.arbiter.shared.StoredJson;

import tools.jackson.databind.json.JsonMapper;

/** Every report fetched from a provider, kept so that an outage or a restart falls back to the last one. */
@Repository
class SolvencySnapshots {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final StoredJson stored;

    SolvencySnapshots(JdbcClient jdbc, JsonMapper json, StoredJson stored) {
        this.jdbc = jdbc;
        this.json = json;
        this.stored = stored;
    }

    void add(String companyKey, SolvencyReport report, Instant fetchedAt) {
        jdbc.sql("""
                insert into solvency_snapshot (company_key, provider, report_id, report_date, fetched_at, report)
                values (:companyKey, :provider, :reportId, :reportDate, :fetchedAt, cast(:report as jsonb))
                """)
                .param("companyKey", companyKey)
                .param("provider", report.provider())
                .param("reportId", report.reportId())
                .param("reportDate", Date.valueOf(report.reportDate()))
                .param("fetchedAt", Timestamp.from(fetchedAt))
                .param("report", json.writeValueAsString(report))
                .update();
    }

    Optional<SolvencyReport> latest(String companyKey) {
        return jdbc.sql("""
                select report::text from solvency_snapshot where company_key = :companyKey
                order by fetched_at desc, id desc limit 1
                """)
                .param("companyKey", companyKey).query(String.class).optional()
                .map(text -> stored.read(text, SolvencyReport.class));
    }
}
