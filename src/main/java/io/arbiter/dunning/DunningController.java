package io.arbiter.dunning;

import java.io.StringWriter;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.arbiter.dunning.DunningApi.AgencyCase;
import io.arbiter.dunning.DunningApi.Agenda;
import io.arbiter.dunning.DunningApi.NextActions;
import io.arbiter.dunning.DunningApi.NextActionsRequest;
import io.arbiter.dunning.DunningApi.OutcomeRecorded;
import io.arbiter.dunning.DunningApi.OutcomeRequest;
import io.arbiter.security.PortfolioScope;
import io.swagger.v3.oas.annotations.Operation;

@RestController
@RequestMapping("/api/v1/dunning")
class DunningController {

    private static final String CSV = "text/csv";

    private final NextActionsService nextActions;
    private final DunningOutcomes outcomes;
    private final DunningAgenda agenda;
    private final AgencyFile agencyFile;

    DunningController(NextActionsService nextActions, DunningOutcomes outcomes, DunningAgenda agenda,
            AgencyFile agencyFile) {
        this.nextActions = nextActions;
        this.outcomes = outcomes;
        this.agenda = agenda;
        this.agencyFile = agencyFile;
    }

    @Operation(summary = "The collection actions due for a customer on a date, with amounts, interest, indemnity and the "
            + "rendered messages; from the ledger, or from open items sent inline")
    @PostMapping("/next-actions")
    NextActions nextActions(@RequestBody NextActionsRequest request) {
        return nextActions.nextActions(request);
    }

    @Operation(summary = "Records what came of an action: sent, call reached or not, promise to pay, dispute, wrong contact")
    @PostMapping("/outcomes")
    ResponseEntity<OutcomeRecorded> outcome(@RequestBody OutcomeRequest request, Principal principal) {
        outcomes.checkInPortfolio(PortfolioScope.of(principal), request.customer());
        return ResponseEntity.status(201).body(outcomes.record(request, principal.getName()));
    }

    @Operation(summary = "Every customer's actions due on a day, grouped by who carries them out; a salesperson's key "
            + "gets its own customers' only")
    @GetMapping("/agenda")
    Agenda agenda(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
            Principal principal) {
        return agenda.agenda(date == null ? nextActions.today() : date, PortfolioScope.of(principal).salesperson());
    }

    @Operation(summary = "The case file for a collection agency: debtor, invoices, amounts with interest, dunning history; "
            + "JSON, or CSV with Accept: text/csv or format=csv")
    @GetMapping(path = "/customers/{account}/agency-case", produces = {MediaType.APPLICATION_JSON_VALUE, CSV})
    ResponseEntity<?> agencyCase(@PathVariable String account,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
            @RequestParam(required = false) @Nullable String format,
            @org.springframework.web.bind.annotation.RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        AgencyCase agencyCase = agencyFile.agencyCase(account, date);
        if ("csv".equalsIgnoreCase(format) || accept != null && accept.contains(CSV)) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(CSV + ";charset=UTF-8"))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"agency-case-" + account + ".csv\"")
                    .body(csv(agencyCase));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(agencyCase);
    }

    /** One record per line: the debtor, each invoice, each event of the history, the totals. */
    static String csv(AgencyCase agencyCase) {
        StringWriter out = new StringWriter();
        row(out, "record", "date", "reference", "description", "amount", "interest", "indemnity", "currency");
        var debtor = agencyCase.debtor();
        row(out, "DEBTOR", agencyCase.asOf().toString(), debtor.account(), debtor.name() + " (" + (debtor.registrationNumber() == null
                ? "no registration number" : debtor.registrationNumber()) + ", " + debtor.country() + ")"
                + (debtor.postalAddress() == null ? "" : ", " + debtor.postalAddress().replace('\n', ' ')), "", "", "", "");
        agencyCase.invoices().forEach(invoice -> row(out, "INVOICE", invoice.dueDate().toString(), invoice.number(),
                "issued " + invoice.issueDate() + ", " + invoice.daysLate() + " days late",
                invoice.openAmount().amount().toPlainString(), invoice.interest().amount().toPlainString(),
                invoice.indemnity() == null ? "" : invoice.indemnity().amount().toPlainString(),
                invoice.openAmount().currency().getCurrencyCode()));
        agencyCase.history().forEach(entry -> row(out, "HISTORY", entry.date().toString(), String.join(" ", entry.invoices()),
                entry.action() + " by " + entry.channel() + (entry.outcome() == null ? ": proposed" : ": " + entry.outcome())
                        + (entry.agent() == null ? "" : " (" + entry.agent() + ")") + (entry.note() == null ? "" : " - " + entry.note()),
                "", "", "", ""));
        agencyCase.totals().forEach(totals -> row(out, "TOTAL", agencyCase.asOf().toString(), "", "claim",
                totals.claim().amount().toPlainString(), totals.interest().amount().toPlainString(),
                totals.indemnity().amount().toPlainString(), totals.open().currency().getCurrencyCode()));
        return out.toString();
    }

    private static void row(StringWriter out, String... cells) {
        out.append(String.join(",", List.of(cells).stream().map(DunningController::quote).toList())).append("\r\n");
    }

    private static String quote(String cell) {
        String safe = !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 && !cell.matches("-?[0-9.]+") ? "'" + cell : cell;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
