package io.arbiter.simulation.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.arbiter.shared.TableExport;
import io.arbiter.simulation.SimulationService;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every changed decision of a simulation as a spreadsheet, for the API and the console's download alike. */
@Component
class SimulationChangesExport {

    private static final List<String> HEADER = List.of("decision_id", "registration_number", "decided_with",
            "active_outcome", "candidate_outcome", "active_segment", "candidate_segment", "active_risk_class",
            "candidate_risk_class", "active_granted_limit", "candidate_granted_limit", "limit_change", "currency",
            "active_reasons", "candidate_reasons");

    private final SimulationService service;
    private final JsonMapper json;

    SimulationChangesExport(SimulationService service, JsonMapper json) {
        this.service = service;
        this.json = json;
    }

    void write(UUID versionId, UUID id, @Nullable String format, @Nullable String dialect, @Nullable String accept,
            HttpServletResponse response) throws IOException {
        TableExport.Format as = TableExport.format(format, accept, TableExport.Format.CSV, TableExport.Format.XLSX);
        TableExport.Dialect csvDialect = TableExport.Dialect.parse(dialect);
        Currency currency = service.currencyOf(versionId, id);
        try (TableExport out = TableExport.respond(response, as, csvDialect, "simulation-" + id + "-changes")) {
            out.row(HEADER);
            service.forEachChange(versionId, id, row -> out.row(
                    row.decisionId() == null ? null : row.decisionId().toString(), row.registrationNumber(),
                    row.decidedWith(), row.oldOutcome(), row.newOutcome(), row.oldSegment(), row.newSegment(),
                    row.oldClass(), row.newClass(), amount(row.oldLimit()), amount(row.newLimit()),
                    amount(row.newLimit().subtract(row.oldLimit())), currency.getCurrencyCode(),
                    reasons(row.oldReasons()), reasons(row.newReasons())));
        }
    }

    private static BigDecimal amount(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    /** The rows that fired, as finance staff read them: "ruleName: description", separated by " | ". */
    private String reasons(String reasonsJson) {
        List<String> reasons = new ArrayList<>();
        for (JsonNode reason : json.readTree(reasonsJson)) {
            reasons.add(reason.path("ruleName").asString("") + ": " + reason.path("description").asString(""));
        }
        return String.join(" | ", reasons);
    }
}
