package io.arbiter.limits.insurance;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.arbiter.limits.Company;
import io.arbiter.limits.requests.Problems;

/**
 * Records that a person reported an unpaid insured invoice to its insurer (déclaration de menace de sinistre): the
 * report that keeps the cover, after which the invoice's next deadline is the claim. Append-only, once per invoice: a
 * second report would blur who told the insurer when.
 */
@Service
public class OverdueReports {

    /** What a person says they sent to the insurer. */
    public record Report(@Nullable LocalDate reportedOn, @Nullable String insurerReference, @Nullable String comment) {
    }

    /**
     * A recorded report.
     *
     * @param late reported after {@code reportBy}: the insurer may refuse the cover (forclusion)
     * @param claimBy the last day to file the claim, null when the contract sets no claim period
     */
    public record Reported(String entity, String invoice, Company company, String insurer, LocalDate reportedOn,
            @Nullable String insurerReference, String comment, String reportedBy, Instant recordedAt, LocalDate reportBy,
            boolean late, @Nullable LocalDate claimBy) {
    }

    private final JdbcClient jdbc;
    private final InsuranceReports reports;
    private final Clock clock;

    OverdueReports(JdbcClient jdbc, InsuranceReports reports, Clock clock) {
        this.jdbc = jdbc;
        this.reports = reports;
        this.clock = clock;
    }

    static String key(String entity, String invoice) {
        return entity + '\u0000' + invoice;
    }

    /** Records that {@code by} reported invoice {@code invoice} of entity {@code entity}; the report as stored. */
    @Transactional
    public Reported report(String entity, String invoice, @Nullable Report report, String by) {
        LocalDate today = LocalDate.now(clock);
        if (report == null || report.reportedOn() == null) {
            throw Problems.invalid("reportedOn", "is required: the day the overdue was reported to the insurer");
        }
        if (report.reportedOn().isAfter(today)) {
            throw Problems.invalid("reportedOn", "is after today (" + today + "): record a report once it is sent");
        }
        if (report.comment() == null || report.comment().isBlank()) {
            throw Problems.invalid("comment", "is required: say how it was reported (portal, letter) and what was said");
        }
        if (report.comment().length() > 2000) {
            throw Problems.invalid("comment", "is longer than 2000 characters");
        }
        String reference = report.insurerReference() == null || report.insurerReference().isBlank() ? null
                : report.insurerReference().strip();
        if (reference != null && reference.length() > 200) {
            throw Problems.invalid("insurerReference", "is longer than 200 characters");
        }
        List<InsuranceReports.Insured> found = new ArrayList<>();
        reports.forEachInsured(report.reportedOn(), null, insured -> {
            if (insured.invoice().entityCode().equals(entity) && insured.invoice().number().equals(invoice)) {
                found.add(insured);
            }
        });
        if (found.isEmpty()) {
            throw Problems.field(HttpStatus.NOT_FOUND, "insured-invoice-not-found", "Insured invoice not found", "invoice",
                    invoice + " of entity " + entity + " is not an unpaid invoice of a buyer insured on "
                            + report.reportedOn() + " under a configured contract");
        }
        InsuranceReports.Insured insured = found.getFirst();
        var deadlines = insured.terms().deadlinesFor(insured.invoice().dueDate());
        if (report.reportedOn().isBefore(insured.invoice().dueDate())) {
            throw Problems.invalid("reportedOn", "is before the invoice's due date " + insured.invoice().dueDate()
                    + ": only an overdue is reported");
        }
        Company company = insured.cover().company();
        Instant now = clock.instant();
        int stored = jdbc.sql("""
                insert into insurance_overdue_report (entity, invoice, insurer, country, registration_number, reported_on,
                    insurer_reference, comment, reported_by, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (entity, invoice) do nothing
                """).params(entity, invoice, insured.cover().insurer(), company.country(),
                company.registrationNumber(), Date.valueOf(report.reportedOn()), reference, report.comment().strip(), by,
                Timestamp.from(now)).update();
        if (stored == 0) {
            String earlier = jdbc.sql("select reported_by || ' on ' || reported_on from insurance_overdue_report"
                    + " where entity = ? and invoice = ?").params(entity, invoice).query(String.class).single();
            throw Problems.field(HttpStatus.CONFLICT, "overdue-already-reported", "Overdue already reported", "invoice",
                    "was already reported to the insurer by " + earlier + "; reports are never replaced");
        }
        return new Reported(entity, invoice, company, insured.cover().insurer(), report.reportedOn(), reference,
                report.comment().strip(), by, now, deadlines.reportBy(), deadlines.isForeclosed(report.reportedOn()),
                insured.terms().claimBy(report.reportedOn()).orElse(null));
    }
}
