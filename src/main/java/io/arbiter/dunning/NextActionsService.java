package io.arbiter.dunning;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.arbiter.decision.StandingApplicants;
import io.arbiter.dunning.DunningApi.Action;
import io.arbiter.dunning.DunningApi.Cancelled;
import io.arbiter.dunning.DunningApi.Insolvency;
import io.arbiter.dunning.DunningApi.LatePayments;
import io.arbiter.dunning.DunningApi.NextActions;
import io.arbiter.dunning.DunningApi.NextActionsRequest;
import io.arbiter.dunning.DunningApi.SetAside;
import io.arbiter.dunning.cases.CaseReader;
import io.arbiter.dunning.cases.CustomerCase;
import io.arbiter.dunning.cases.DunningActions;
import io.arbiter.dunning.cases.InsolvencyProceedings.Proceedings;
import io.arbiter.dunning.letters.ActionLetters;
import io.arbiter.dunning.planning.DunningPlanner;
import io.arbiter.dunning.planning.Escalator;
import io.arbiter.ledger.OpenItems;
import io.arbiter.policy.Applicant;
import io.arbiter.policy.Reason;
import io.arbiter.shared.Money;
import io.arbiter.shared.ProblemException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Next actions for one customer: its case ({@link CaseReader}), the planner's verdict ({@link DunningPlanner}), the
 * amounts and messages ({@link ActionLetters}); the actions proposed are stored, in one transaction, so that outcomes
 * can name them, and those proposed earlier whose invoices were paid by the day asked for are listed as cancelled.
 */
@Service
public class NextActionsService {

    private final CaseReader cases;
    private final DunningPlanner planner;
    private final ActionLetters letters;
    private final StandingApplicants applicants;
    private final DunningActions actions;
    private final OpenItems openItems;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final DunningProperties properties;

    NextActionsService(CaseReader cases, DunningPlanner planner, ActionLetters letters, StandingApplicants applicants,
            DunningActions actions, OpenItems openItems, Clock clock, TransactionTemplate transactions, JsonMapper json,
            DunningProperties properties) {
        this.properties = properties;
        this.cases = cases;
        this.planner = planner;
        this.letters = letters;
        this.applicants = applicants;
        this.actions = actions;
        this.openItems = openItems;
        this.clock = clock;
        this.transactions = transactions;
        this.json = json;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The actions due; those proposed are stored (in one transaction) so that outcomes can name them. */
    public NextActions nextActions(NextActionsRequest request) {
        return transactions.execute(status -> due(request));
    }

    NextActions due(NextActionsRequest request) {
        LocalDate asOf = request.asOf() == null ? LocalDate.now(clock) : request.asOf();
        CustomerCase customerCase = cases.read(request, asOf);
        List<Escalator.Done> done = actions.done(customerCase.account(), asOf);
        DunningPlanner.Assessment assessment = planner.onOneVersion(active -> {
            Applicant facts = request.dunningPlan() != null && request.riskClass() != null ? null
                    : applicants.of(planner.standing(customerCase, asOf, active), asOf);
            return planner.assess(active, customerCase, asOf, request.dunningPlan(), request.riskClass(), done, facts);
        });
        Set<Reason> problems = new LinkedHashSet<>(customerCase.problems());
        problems.addAll(assessment.problems());
        boolean claimed = properties.claimsLatePayments(assessment.plan());
        Map<String, UUID> carriers = latePaidCarriers(assessment.proposed());
        List<Action> due = new ArrayList<>();
        for (DunningPlanner.Proposed proposed : assessment.proposed()) {
            String currency = proposed.invoices().getFirst().currency();
            List<CustomerCase.PaidLate> latePaid = !proposed.id().equals(carriers.get(currency)) ? List.of()
                    : customerCase.latePaid().stream().filter(part -> part.currency().equals(currency)).toList();
            ActionLetters.Completed completed = letters.complete(customerCase, proposed, asOf, latePaid, claimed);
            Action action = completed.action();
            problems.addAll(completed.dues().problems());
            letters.unidentifiedSupplier(proposed).ifPresent(problems::add);
            due.add(action);
            actions.propose(new DunningActions.StoredAction(action.id(), customerCase.account(), customerCase.ledgerId(),
                    action.level(), action.action(), action.channel(), action.template(), action.requiresConfirmation(),
                    action.assignee(), asOf, proposed.invoices().stream().map(Escalator.Item::key).sorted().toList()),
                    json.writeValueAsString(action));
        }
        Proceedings proceedings = customerCase.insolvency();
        Insolvency insolvency = proceedings == null ? null : new Insolvency(proceedings.publishedOn(),
                proceedings.approximate(), proceedings.claimDeadline(), proceedings.opening(),
                assessment.notDeclared().stream().map(item -> new SetAside(item.number(), item.dueDate(), money(item),
                        "issued on or after the opening judgment of " + proceedings.opening()
                                + ": a later debt, not declared, payable at its due date (Code de commerce L622-17)",
                        null)).toList());
        return new NextActions(customerCase.account(), customerCase.name(), asOf, assessment.plan(),
                assessment.riskClass(), assessment.policyVersion(), due,
                assessment.disputed().stream().map(item -> new SetAside(item.number(), item.dueDate(), money(item),
                        "disputed: " + item.disputeReason(), null)).toList(),
                assessment.paused().stream().map(p -> new SetAside(p.item().number(), p.item().dueDate(), money(p.item()),
                        "promise to pay", p.until())).toList(),
                cancelled(customerCase, due, asOf), insolvency, List.copyOf(problems),
                latePayments(customerCase, assessment.plan(), claimed));
    }

    /**
     * Which action carries the parts paid late, per currency: the most escalated one (a claim declaration above every
     * step), so that they are claimed once, in the firmest letter, never added up over several letters of one day; of
     * one step, a message to the customer rather than an internal alert.
     */
    private static Map<String, UUID> latePaidCarriers(List<DunningPlanner.Proposed> proposed) {
        Map<String, DunningPlanner.Proposed> carriers = new HashMap<>();
        for (DunningPlanner.Proposed action : proposed) {
            carriers.merge(action.invoices().getFirst().currency(), action,
                    (kept, other) -> rank(other) > rank(kept) ? other : kept);
        }
        Map<String, UUID> ids = new HashMap<>();
        carriers.forEach((currency, action) -> ids.put(currency, action.id()));
        return ids;
    }

    private static int rank(DunningPlanner.Proposed action) {
        return action.level() == null ? Integer.MAX_VALUE : action.level() * 2 + (action.channel().equals("INTERNAL") ? 0 : 1);
    }

    /** Every part paid late, with what it owes, whether or not an action carries it today. */
    private LatePayments latePayments(CustomerCase customerCase, String plan, boolean claimed) {
        LocalDate stopAt = customerCase.insolvency() == null ? null : customerCase.insolvency().opening();
        Map<String, List<CustomerCase.PaidLate>> byCurrency = new TreeMap<>();
        customerCase.latePaid().forEach(part -> byCurrency.computeIfAbsent(part.currency(), c -> new ArrayList<>()).add(part));
        List<DunningApi.LatePaidDue> parts = new ArrayList<>();
        Set<String> beyond = new LinkedHashSet<>();
        byCurrency.forEach((currency, paid) -> parts.addAll(letters.dues().latePaid(paid, Currency.getInstance(currency),
                ActionLetters.terms(customerCase), stopAt, beyond)));
        return new LatePayments(claimed, "arbiter.dunning.late-payment-interest." + plan + "=" + (claimed ? "CLAIM" : "WAIVE"),
                parts);
    }

    /**
     * Actions proposed by the day asked for, never carried out, whose invoices had all been paid by then; for a ledger
     * customer, an invoice paid after that day does not cancel anything on it.
     */
    private List<Cancelled> cancelled(CustomerCase customerCase, List<Action> due, LocalDate asOf) {
        Set<String> open = new HashSet<>();
        customerCase.items().forEach(item -> open.add(item.key()));
        Set<UUID> current = new HashSet<>();
        due.forEach(action -> current.add(action.id()));
        Map<String, Map<String, LocalDate>> settled = customerCase.ledgerId() == null ? null
                : openItems.settledOn(customerCase.ledgerId());
        Map<UUID, List<DunningActions.StoredOutcome>> outcomes = actions.outcomes(customerCase.account());
        List<Cancelled> cancelled = new ArrayList<>();
        for (DunningActions.StoredAction stored : actions.ofCustomer(customerCase.account())) {
            boolean done = outcomes.getOrDefault(stored.id(), List.of()).stream()
                    .anyMatch(o -> OutcomeKind.valueOf(o.kind()).done());
            if (!done && !current.contains(stored.id()) && !stored.proposedOn().isAfter(asOf)
                    && !stored.invoiceKeys().isEmpty()
                    && stored.invoiceKeys().stream().allMatch(key -> !open.contains(key) && paidBy(settled, key, asOf))) {
                cancelled.add(new Cancelled(stored.id(), stored.action(), stored.step(),
                        stored.invoiceKeys().stream().map(CustomerCase::number).toList(), "paid"));
            }
        }
        return cancelled;
    }

    private static boolean paidBy(Map<String, Map<String, LocalDate>> settled, String key, LocalDate asOf) {
        if (settled == null) {
            return true;
        }
        int separator = key.indexOf('|');
        LocalDate on = separator < 0 ? null
                : settled.getOrDefault(key.substring(0, separator), Map.of()).get(CustomerCase.number(key));
        return on != null && !on.isAfter(asOf);
    }

    private static Money money(Escalator.Item item) {
        return Money.of(item.openAmount(), java.util.Currency.getInstance(item.currency()));
    }

    public static ProblemException invalid(String field, String detail) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-dunning-request", "Invalid dunning request",
                detail, Map.of("errors", List.of(Map.of("field", field, "message", detail))));
    }
}
