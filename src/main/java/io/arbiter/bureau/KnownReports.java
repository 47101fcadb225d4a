package io.arbiter.bureau;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.arbiter.shared.CompanyKey;
import io.arbiter.shared.StoredJson;

/**
 * The reports the bureaus already gave, for work that must never wait on a live call (dunning, its agenda): the last
 * report fetched for each company, marked stale past {@code arbiter.bureau.max-report-age}. Every report fetched is
 * snapshotted, so this is what the cache holds or newer.
 */
@Service
public class KnownReports {

    /** A report already known and whether it is older than the configured age. */
    public record Known(SolvencyReport report, boolean stale) {
    }

    private final JdbcClient jdbc;
    private final StoredJson stored;
    private final BureauProperties properties;
    private final Clock clock;

    KnownReports(JdbcClient jdbc, StoredJson stored, BureauProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.stored = stored;
        this.properties = properties;
        this.clock = clock;
    }

    public Map<CompanyKey, Known> of(Collection<CompanyKey> companies) {
        Map<CompanyKey, Known> known = new HashMap<>();
        if (companies.isEmpty()) {
            return known;
        }
        LocalDate freshFrom = LocalDate.now(clock).minusDays(properties.maxReportAge().toDays());
        jdbc.sql("""
                select distinct on (company_key) company_key, report::text from solvency_snapshot
                where company_key = any(:companies) order by company_key, fetched_at desc, id desc
                """).param("companies", companies.stream().map(CompanyKey::toString).distinct().toArray(String[]::new))
                .query(rs -> {
                    SolvencyReport report = stored.read(rs.getString(2), SolvencyReport.class);
                    known.put(CompanyKey.parse(rs.getString(1)), new Known(report, report.reportDate().isBefore(freshFrom)));
                });
        return known;
    }
}
