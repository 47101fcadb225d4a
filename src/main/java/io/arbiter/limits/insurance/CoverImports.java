package io.arbiter.limits.insurance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.arbiter.ledger.Exposures;
import io.arbiter.limits.requests.Problems;
import io.arbiter.policy.PolicyEngine;
import io.arbiter.shared.ProblemException;
import io.arbiter.shared.RegistrationNumbers;

/**
 * Imports an insurer's cover decisions, all or nothing: a file with an unknown buyer, an unreadable cell or two
 * decisions on one buyer whose periods overlap is refused with every problem by row and column, and nothing is stored.
 * Every import is kept; a later decision on a buyer takes over from its effective date.
 */
@Service
public class CoverImports {

    /** What an import stored. */
    public record Imported(UUID importId, String insurer, int decisions, int buyers, Instant importedAt) {
    }

    private final JdbcClient jdbc;
    private final Exposures exposures;
    private final PolicyEngine policy;
    private final Clock clock;

    CoverImports(JdbcClient jdbc, Exposures exposures, PolicyEngine policy, Clock clock) {
        this.jdbc = jdbc;
        this.exposures = exposures;
        this.policy = policy;
        this.clock = clock;
    }

    @Transactional
    public Imported load(String insurer, @Nullable String fileName, byte[] content, String by) {
        if (insurer == null || insurer.isBlank()) {
            throw Problems.invalid("insurer", "is required: the insurer whose decisions these are (its contract's name)");
        }
        if (content.length == 0) {
            throw Problems.invalid("file", "is empty");
        }
        String file = fileName == null || fileName.isBlank() ? "covers" : fileName;
        List<CoverFile.Problem> problems = new ArrayList<>();
        List<CoverFile.Line> lines = read(content, problems);
        Map<CoverFile.Line, RegistrationNumbers.CompanyId> companies = new HashMap<>();
        for (CoverFile.Line line : lines) {
            try {
                RegistrationNumbers.CompanyId company = RegistrationNumbers.normalise(line.country(), line.buyer(), "buyer");
                if (exposures.customerIds(company.country(), company.registrationNumber()).isEmpty()) {
                    problems.add(new CoverFile.Problem(line.row(), "buyer", "no customer of the ledger carries "
                            + line.buyer() + " (" + line.country() + "): unknown buyer"));
                } else {
                    companies.put(line, company);
                }
            } catch (ProblemException e) {
                problems.add(new CoverFile.Problem(line.row(), "buyer", e.getMessage()));
            }
        }
        overlaps(lines, companies, problems);
        if (lines.isEmpty() && problems.isEmpty()) {
            problems.add(new CoverFile.Problem(1, "file", "holds no decision"));
        }
        if (!problems.isEmpty()) {
            throw refused(file, problems);
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into insurance_import (id, insurer, file_name, rows, imported_at, imported_by) values (?, ?, ?, ?, ?, ?)")
                .params(id, insurer.strip(), file, lines.size(), Timestamp.from(now), by).update();
        for (CoverFile.Line line : lines) {
            RegistrationNumbers.CompanyId company = companies.get(line);
            jdbc.sql("""
                    insert into insurance_cover (import_id, insurer, country, company, registration_number, decision, amount,
                        currency, effective_from, expires_on, insurer_reference, file_row, imported_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).params(id, insurer.strip(), company.country(), company.company(), company.registrationNumber(),
                    line.decision(), line.amount(), line.currency(), Date.valueOf(line.effectiveFrom()),
                    line.expiresOn() == null ? null : Date.valueOf(line.expiresOn()), line.reference(), line.row(),
                    Timestamp.from(now)).update();
        }
        return new Imported(id, insurer.strip(), lines.size(), (int) companies.values().stream()
                .map(RegistrationNumbers.CompanyId::company).distinct().count(), now);
    }

    private List<CoverFile.Line> read(byte[] content, List<CoverFile.Problem> problems) {
        Path temp = null;
        try {
            temp = Files.createTempFile("arbiter-covers-", ".upload");
            Files.write(temp, content);
            return CoverFile.read(temp, policy.active().currency(), problems);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw Problems.invalid("file", "is neither a CSV nor an XLSX file Arbiter can read (" + e.getMessage() + ")");
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** Two decisions on one buyer in one file must not be in effect on the same day: which one holds would be a guess. */
    private static void overlaps(List<CoverFile.Line> lines, Map<CoverFile.Line, RegistrationNumbers.CompanyId> companies,
            List<CoverFile.Problem> problems) {
        for (int i = 0; i < lines.size(); i++) {
            for (int j = i + 1; j < lines.size(); j++) {
                CoverFile.Line a = lines.get(i);
                CoverFile.Line b = lines.get(j);
                RegistrationNumbers.CompanyId ca = companies.get(a);
                RegistrationNumbers.CompanyId cb = companies.get(b);
                if (ca != null && cb != null && ca.company().equals(cb.company()) && ca.country().equals(cb.country())
                        && !end(a).isBefore(b.effectiveFrom()) && !end(b).isBefore(a.effectiveFrom())) {
                    problems.add(new CoverFile.Problem(b.row(), "effectiveFrom", "overlaps the decision of row " + a.row()
                            + " on the same buyer (" + a.effectiveFrom() + " to " + (a.expiresOn() == null ? "open" : a.expiresOn())
                            + "); give each decision its own period"));
                }
            }
        }
    }

    private static LocalDate end(CoverFile.Line line) {
        return line.expiresOn() == null ? LocalDate.MAX : line.expiresOn();
    }

    private static ProblemException refused(String file, List<CoverFile.Problem> problems) {
        List<Map<String, Object>> errors = problems.stream().limit(200).<Map<String, Object>>map(p -> Map.of("file", file,
                "row", p.row(), "field", p.field(), "message", p.message())).toList();
        CoverFile.Problem first = problems.getFirst();
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-cover-file", "Invalid cover file",
                problems.size() + " problem(s) in " + file + "; nothing was imported. First: row " + first.row() + ", "
                        + first.field() + ": " + first.message(), Map.of("errors", errors));
    }
}
