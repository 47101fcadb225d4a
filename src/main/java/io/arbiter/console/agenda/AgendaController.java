package io.arbiter.console.agenda;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.arbiter.dunning.DunningAgenda;
import io.arbiter.dunning.DunningApi.Action;
import io.arbiter.dunning.DunningApi.AgendaEntry;
import io.arbiter.dunning.DunningApi.DisputeRaised;
import io.arbiter.dunning.DunningApi.Message;
import io.arbiter.dunning.DunningApi.NextActions;
import io.arbiter.dunning.DunningApi.NextActionsRequest;
import io.arbiter.dunning.DunningApi.OutcomeRecorded;
import io.arbiter.dunning.DunningApi.OutcomeRequest;
import io.arbiter.dunning.DunningApi.PromiseToPay;
import io.arbiter.dunning.DunningApi.SendRequest;
import io.arbiter.dunning.DunningApi.Sent;
import io.arbiter.dunning.DunningOutcomes;
import io.arbiter.dunning.DunningSending;
import io.arbiter.dunning.NextActionsService;
import io.arbiter.dunning.OutcomeKind;
import io.arbiter.security.People;
import io.arbiter.security.PortfolioGuard;
import io.arbiter.security.PortfolioScope;
import io.arbiter.security.Role;
import io.arbiter.shared.ProblemException;

/**
 * The collector's agenda: the day's actions by assignee (the signed-in person's own first), one action opened with
 * what the customer owes and the message in the customer's language, and its outcome recorded in place. Everything
 * goes through the dunning services the API calls; a salesperson sees and answers their portfolio's actions only.
 */
@Controller
@RequestMapping("/agenda")
class AgendaController {

    /** One assignee's actions; {@code mine} when they are the signed-in person's to do. */
    record Group(String assignee, boolean mine, List<AgendaEntry> actions) {
    }

    /** What the outcome form sends; only the fields of the chosen kind are read. */
    record OutcomeForm(@Nullable OutcomeKind kind, @Nullable String note,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate promiseDate,
            @Nullable BigDecimal promiseAmount, @Nullable String disputeReason, @Nullable List<String> disputeInvoices,
            @Nullable Boolean confirm) {
    }

    /** The console's own refusals, which it words in the reader's language (messages agenda.problem.*). */
    private static final String CONFIRMATION_MISSING = "agenda.problem.confirm";
    private static final String OUTCOME_MISSING = "agenda.problem.kind";

    private final DunningAgenda agenda;
    private final NextActionsService nextActions;
    private final DunningOutcomes outcomes;
    private final People people;
    private final PortfolioGuard portfolios;
    private final DunningSending sending;
    private final Clock clock;

    AgendaController(DunningAgenda agenda, NextActionsService nextActions, DunningOutcomes outcomes, People people,
            PortfolioGuard portfolios, DunningSending sending, Clock clock) {
        this.sending = sending;
        this.agenda = agenda;
        this.nextActions = nextActions;
        this.outcomes = outcomes;
        this.people = people;
        this.portfolios = portfolios;
        this.clock = clock;
    }

    @GetMapping
    String page(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
            Authentication authentication, Model model) {
        list(date, authentication, model);
        return "console/agenda";
    }

    @GetMapping("/list")
    String list(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
            Authentication authentication, Model model) {
        LocalDate day = date == null ? LocalDate.now(clock) : date;
        PortfolioScope scope = people.scope(authentication);
        var found = agenda.agenda(day, scope.salesperson());
        List<String> mine = mine(authentication, scope);
        List<Group> groups = new ArrayList<>(found.groups().stream()
                .map(group -> new Group(group.assignee(), mine.contains(group.assignee()), group.actions())).toList());
        groups.sort(Comparator.comparing((Group group) -> !group.mine()).thenComparing(group -> group.assignee().equals("AUTO")));
        model.addAttribute("date", day);
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("groups", groups);
        model.addAttribute("actionCount", found.actions());
        return "console/agenda :: list";
    }

    @GetMapping("/actions/{id}")
    String action(@PathVariable UUID id, @RequestParam String customer,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, Authentication authentication,
            Model model) {
        portfolios.requireAccount(people.scope(authentication), customer);
        detail(id, customer, date, model);
        return "console/agenda-action :: detail";
    }

    @PostMapping("/actions/{id}/outcome")
    String outcome(@PathVariable UUID id, @RequestParam String customer,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @ModelAttribute OutcomeForm form, Authentication authentication, Model model) {
        portfolios.requireAccount(people.scope(authentication), customer);
        Action action = detail(id, customer, date, model);
        if (action == null) {
            return "console/agenda-action :: detail";
        }
        try {
            OutcomeRecorded recorded = outcomes.record(request(id, customer, date, form, action, model, authentication),
                    authentication.getName());
            model.addAttribute("recorded", recorded);
            model.addAttribute("promiseDate", form.promiseDate());
            list(date, authentication, model);
            return "console/agenda-action :: recorded";
        } catch (ProblemException problem) {
            String detail = problem.getMessage();
            model.addAttribute(detail.startsWith("agenda.problem.") ? "problemKey" : "problem", detail);
            model.addAttribute("form", form);
            return "console/agenda-action :: detail";
        }
    }

    /** What the send form sends: the text as the collector edited it, and for an e-mail the address. */
    record SendForm(@Nullable String channel, @Nullable String text, @Nullable String to, @Nullable String note,
            @Nullable Boolean confirm) {
    }

    @PostMapping("/actions/{id}/send")
    String send(@PathVariable UUID id, @RequestParam String customer,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, @ModelAttribute SendForm form,
            Authentication authentication, Model model) {
        portfolios.requireAccount(people.scope(authentication), customer);
        Action action = detail(id, customer, date, model);
        if (action == null) {
            return "console/agenda-action :: detail";
        }
        try {
            if (action.requiresConfirmation() && !Boolean.TRUE.equals(form.confirm())) {
                throw new ProblemException(org.springframework.http.HttpStatus.BAD_REQUEST, "confirmation-missing",
                        "Confirmation missing", CONFIRMATION_MISSING);
            }
            Sent sent = sending.send(id, new SendRequest(customer, form.channel(), form.to(),
                    (String) model.getAttribute("language"), form.text(), date,
                    action.requiresConfirmation() ? authentication.getName() : null, blankToNull(form.note())),
                    authentication.getName());
            model.addAttribute("sent", sent);
            model.addAttribute("recorded", new OutcomeRecorded(sent.outcomeId(), id, customer, OutcomeKind.SENT, date,
                    null, null));
            list(date, authentication, model);
            return "console/agenda-action :: recorded";
        } catch (ProblemException problem) {
            String detail = problem.getMessage();
            model.addAttribute(detail.startsWith("agenda.problem.") ? "sendProblemKey" : "sendProblem", detail);
            model.addAttribute("sendForm", form);
            return "console/agenda-action :: detail";
        }
    }

    /** The letter's PDF, to print or to post by registered mail: as sent once it was, else as proposed that day. */
    @GetMapping("/actions/{id}/letter.pdf")
    ResponseEntity<byte[]> letter(@PathVariable UUID id, @RequestParam String customer,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, Authentication authentication) {
        portfolios.requireAccount(people.scope(authentication), customer);
        DunningSending.Letter letter = sending.letter(id, customer, date);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(letter.fileName()).build()
                        .toString())
                .body(letter.pdf());
    }

    private OutcomeRequest request(UUID id, String customer, LocalDate date, OutcomeForm form, Action action, Model model,
            Authentication authentication) {
        OutcomeKind kind = form.kind();
        if (kind == null) {
            throw new ProblemException(org.springframework.http.HttpStatus.BAD_REQUEST, "outcome-missing",
                    "Outcome missing", OUTCOME_MISSING);
        }
        String confirmedBy = null;
        if (kind == OutcomeKind.SENT && action.requiresConfirmation()) {
            if (!Boolean.TRUE.equals(form.confirm())) {
                throw new ProblemException(org.springframework.http.HttpStatus.BAD_REQUEST, "confirmation-missing",
                        "Confirmation missing", CONFIRMATION_MISSING);
            }
            confirmedBy = authentication.getName();
        }
        String language = (String) model.getAttribute("language");
        Message message = kind == OutcomeKind.SENT && language != null
                ? new Message(language, action.preview().get(language)) : null;
        return new OutcomeRequest(id, customer, kind, date, authentication.getName(), confirmedBy, blankToNull(form.note()),
                kind == OutcomeKind.PROMISE_TO_PAY && form.promiseDate() != null && form.promiseAmount() != null
                        ? new PromiseToPay(form.promiseDate(), form.promiseAmount()) : null,
                kind == OutcomeKind.DISPUTE ? new DisputeRaised(blankToNull(form.disputeReason()),
                        form.disputeInvoices() == null ? List.of() : form.disputeInvoices()) : null,
                message);
    }

    /** Puts the action, its customer and the customer's language in the model; null when it is no longer due. */
    private @Nullable Action detail(UUID id, String customer, LocalDate date, Model model) {
        NextActions due = nextActions.nextActions(new NextActionsRequest(customer, date, null, null, null, null, null, null));
        Action action = due.actions().stream().filter(candidate -> candidate.id().equals(id)).findFirst().orElse(null);
        model.addAttribute("due", due);
        model.addAttribute("action", action);
        model.addAttribute("customer", customer);
        model.addAttribute("date", date);
        model.addAttribute("language", sending.language(customer));
        model.addAttribute("kinds", OutcomeKind.values());
        model.addAttribute("sendChannels", action == null ? java.util.Set.of() : DunningSending.channels(action.channel()));
        model.addAttribute("emailAvailable", sending.emailAvailable());
        return action;
    }

    /** The assignees whose actions are the signed-in person's own: a collector's, a credit manager's, a salesperson's. */
    private static List<String> mine(Authentication authentication, PortfolioScope scope) {
        List<String> mine = new ArrayList<>();
        if (Role.CREDIT_ANALYST.heldBy(authentication.getAuthorities())) {
            mine.add("COLLECTOR");
        }
        if (Role.CREDIT_MANAGER.heldBy(authentication.getAuthorities())) {
            mine.add("CREDIT_MANAGER");
        }
        if (scope.isLimited()) {
            mine.add("salesperson:" + scope.salesperson());
        }
        return mine;
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
