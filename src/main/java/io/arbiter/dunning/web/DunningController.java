package io.arbiter.dunning.web;

import java.security.Principal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.arbiter.dunning.DunningAgenda;
import io.arbiter.dunning.DunningApi.AgencyCase;
import io.arbiter.dunning.DunningApi.Agenda;
import io.arbiter.dunning.DunningApi.AgendaAction;
import io.arbiter.dunning.DunningApi.NextActions;
import io.arbiter.dunning.DunningApi.NextActionsRequest;
import io.arbiter.dunning.DunningApi.OutcomeRecorded;
import io.arbiter.dunning.DunningApi.OutcomeRequest;
import io.arbiter.dunning.DunningApi.SendRequest;
import io.arbiter.dunning.DunningApi.Sent;
import io.arbiter.dunning.DunningOutcomes;
import io.arbiter.dunning.DunningSending;
import io.arbiter.dunning.NextActionsService;
import io.arbiter.dunning.agency.AgencyFile;
import io.arbiter.security.PortfolioGuard;
import io.arbiter.security.PortfolioScope;
import io.arbiter.shared.Page;
import io.arbiter.shared.Paging;
import io.arbiter.shared.TableExport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;

@RestController
@RequestMapping("/api/v1/dunning")
class DunningController {

    private final NextActionsService nextActions;
    private final DunningOutcomes outcomes;
    private final DunningAgenda agenda;
    private final AgencyFile agencyFile;
    private final PortfolioGuard portfolios;
    private final DunningSending sending;

    DunningController(NextActionsService nextActions, DunningOutcomes outcomes, DunningAgenda agenda,
            AgencyFile agencyFile, PortfolioGuard portfolios, DunningSending sending) {
        this.sending = sending;
        this.nextActions = nextActions;
        this.outcomes = outcomes;
        this.agenda = agenda;
        this.agencyFile = agencyFile;
        this.portfolios = portfolios;
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
        portfolios.requireAccount(PortfolioScope.of(principal), request.customer());
        return ResponseEntity.status(201).body(outcomes.record(request, principal.getName()));
    }

    @Operation(summary = "Sends an action's message as edited: by e-mail (channel EMAIL, to an address, the letter attached "
            + "as PDF) or as a letter to print (LETTER); records the SENT outcome with the text and who sent it")
    @PostMapping("/actions/{id}/send")
    ResponseEntity<Sent> send(@PathVariable UUID id, @RequestBody SendRequest request, Principal principal) {
        portfolios.requireAccount(PortfolioScope.of(principal), request.customer());
        return ResponseEntity.status(201).body(sending.send(id, request, principal.getName()));
    }

    @Operation(summary = "The letter of an action as PDF, for printing or registered mail: the text as sent once sent, "
            + "else the one proposed on the day (asOf), with the legal mentions")
    @GetMapping(path = "/actions/{id}/letter.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> letter(@PathVariable UUID id, @RequestParam String account,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate asOf,
            Principal principal) {
        portfolios.requireAccount(PortfolioScope.of(principal), account);
        return pdf(sending.letter(id, account, asOf));
    }

    /** A letter's PDF, shown by the browser and saved under its own name. */
    static ResponseEntity<byte[]> pdf(DunningSending.Letter letter) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, org.springframework.http.ContentDisposition.inline()
                        .filename(letter.fileName()).build().toString())
                .body(letter.pdf());
    }

    @Operation(summary = "Every customer's actions due on a day, by who carries them out (assignee, then customer), "
            + "a page at a time; assignee= for one assignee's; a salesperson's key gets its own customers' only")
    @GetMapping("/agenda")
    ResponseEntity<Page<AgendaAction>> agenda(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate asOf,
            @RequestParam(required = false) @Nullable String assignee,
            @RequestParam(required = false) @Nullable String limit, @RequestParam(required = false) @Nullable String cursor,
            Principal principal) {
        int size = Paging.limit(limit, 100, 500);
        String[] after = Paging.position(cursor, AGENDA, 3, parts -> UUID.fromString(parts[2]));
        Agenda day = agenda.agenda(asOf == null ? nextActions.today() : asOf, PortfolioScope.of(principal).salesperson());
        List<AgendaAction> actions = day.groups().stream()
                .filter(group -> assignee == null || assignee.isBlank() || group.assignee().equals(assignee.strip()))
                .flatMap(group -> group.actions().stream().map(entry -> AgendaAction.of(group.assignee(), entry)))
                .sorted(Comparator.comparing(DunningController::position, POSITION))
                .filter(action -> after == null || POSITION.compare(position(action), List.of(after)) > 0)
                .toList();
        return Paging.ok(Page.of(actions, size, last -> Paging.cursor(AGENDA, position(last).toArray(String[]::new))));
    }

    private static final String AGENDA = "agenda";

    /** The agenda's order, which its cursor holds: assignee, customer account, action id. */
    private static final Comparator<List<String>> POSITION = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    private static List<String> position(AgendaAction action) {
        return List.of(action.assignee(), action.customer(), action.actionId().toString());
    }

    @Operation(summary = "The case file for a collection agency: debtor, invoices, amounts with interest, dunning history; "
            + "JSON, CSV (Accept: text/csv or format=csv; dialect=comma or semicolon) or XLSX (format=xlsx)")
    @ApiResponse(responseCode = "200", description = "The case file", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = AgencyCase.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    schema = @Schema(type = "string", format = "binary"))})
    @GetMapping(path = "/accounts/{account}/agency-case", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    ResponseEntity<?> agencyCase(@PathVariable String account,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate asOf,
            @RequestParam(required = false) @Nullable String format, @RequestParam(required = false) @Nullable String dialect,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        TableExport.Format as = TableExport.format(format, accept, TableExport.Format.JSON, TableExport.Format.CSV,
                TableExport.Format.XLSX);
        TableExport.Dialect csvDialect = TableExport.Dialect.parse(dialect);
        AgencyCase agencyCase = agencyFile.agencyCase(account, asOf);
        if (as != TableExport.Format.JSON) {
            return TableExport.file(ResponseEntity.ok(), as, csvDialect, "agency-case-" + account,
                    out -> export(agencyCase, out));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(agencyCase);
    }

    /**
     * One record per line: the debtor, each invoice, each payment received late (its amount paid, interest and
     * indemnity), each event of the history, the totals (one per currency).
     */
    static void export(AgencyCase agencyCase, TableExport out) {
        out.row("record", "date", "reference", "description", "amount", "interest", "indemnity", "currency");
        var debtor = agencyCase.debtor();
        out.row("DEBTOR", agencyCase.asOf(), debtor.account(), debtor.name() + " (" + (debtor.registrationNumber() == null
                ? "no registration number" : debtor.registrationNumber()) + ", " + debtor.country() + ")"
                + (debtor.postalAddress() == null ? "" : ", " + debtor.postalAddress().replace('\n', ' ')), null, null,
                null, null);
        agencyCase.invoices().forEach(invoice -> out.row("INVOICE", invoice.dueDate(), invoice.number(),
                "issued " + invoice.issueDate() + ", " + invoice.daysLate() + " days late", invoice.openAmount(),
                invoice.interest(), invoice.indemnity(), invoice.openAmount().currency().getCurrencyCode()));
        boolean claimed = agencyCase.latePayments().claimed();
        agencyCase.latePayments().parts().forEach(part -> out.row("LATE_PAID", part.paidOn(), part.number(),
                "due " + part.dueDate() + ", paid " + part.daysLate() + " days late"
                        + (claimed ? "" : ", interest and indemnity waived (not in the claim)"),
                part.paid(), part.interest(), part.indemnity(), part.paid().currency().getCurrencyCode()));
        agencyCase.history().forEach(entry -> out.row("HISTORY", entry.date(), String.join(" ", entry.invoices()),
                entry.action() + " by " + entry.channel() + (entry.outcome() == null ? ": proposed" : ": " + entry.outcome())
                        + (entry.agent() == null ? "" : " (" + entry.agent() + ")") + (entry.note() == null ? "" : " - " + entry.note()),
                null, null, null, null));
        agencyCase.totals().forEach(totals -> out.row("TOTAL", agencyCase.asOf(), null, "claim", totals.claim(),
                totals.interest(), totals.indemnity(), totals.open().currency().getCurrencyCode()));
    }
}
