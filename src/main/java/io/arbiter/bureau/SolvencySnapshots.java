package io.arbiter.bureau;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.arbiter.shared.CompanyKey;
import io.arbiter.shared.StoredJson;

import tools.jackson.databind.json.JsonMapper;

/**
 * Every report fetched from a provider, kept so that an outage or a restart falls back to the last one. A report saying
 * the company is in insolvency proceedings is announced ({@link InsolvencyReported}) each time one is fetched, whatever
 * asked for it (a lookup, a decision, a monitoring notification) and whether or not the previous report said so: the
 * law stops dunning at the opening judgment, and a listener that missed the first report must not miss it for good.
 */
@Repository
public class SolvencySnapshots {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final StoredJson stored;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    SolvencySnapshots(JdbcClient jdbc, JsonMapper json, StoredJson stored, ApplicationEventPublisher events,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.stored = stored;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Stores the report and announces an insolvency in one transaction, so that other modules' listeners
     * ({@code @ApplicationModuleListener}) hear of it once it has committed.
     */
    void add(String companyKey, SolvencyReport report, Instant fetchedAt) {
        transaction.executeWithoutResult(status -> store(companyKey, report, fetchedAt));
    }

    private void store(String companyKey, SolvencyReport report, Instant fetchedAt) {
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
        if (report.status() == CompanyStatus.INSOLVENCY_PROCEEDINGS) {
            CompanyKey company = CompanyKey.parse(companyKey);
            events.publishEvent(new InsolvencyReported(company.company(), company.country(), report.provider(),
                    report.reportDate()));
        }
    }

    public Optional<SolvencyReport> latest(String companyKey) {
        return jdbc.sql("""
                select report::text from solvency_snapshot where company_key = :companyKey
                order by fetched_at desc, id desc limit 1
                """)
                .param("companyKey", companyKey).query(String.class).optional()
                .map(text -> stored.read(text, SolvencyReport.class));
    }
}
