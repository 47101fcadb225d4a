package io.arbiter.dunning;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.arbiter.bureau.InsolvencyReported;
import io.arbiter.dunning.DunningApi.Action;
import io.arbiter.dunning.DunningApi.Agenda;
import io.arbiter.dunning.DunningApi.AgendaEntry;
import io.arbiter.dunning.DunningApi.AssigneeActions;
import io.arbiter.dunning.DunningApi.Cancelled;
import io.arbiter.dunning.DunningApi.InlineInvoice;
import io.arbiter.dunning.DunningApi.Insolvency;
import io.arbiter.dunning.DunningApi.InvoiceDue;
import io.arbiter.dunning.DunningApi.NextActions;
import io.arbiter.dunning.DunningApi.NextActionsRequest;
import io.arbiter.dunning.DunningApi.OutcomeRecorded;
import io.arbiter.dunning.DunningApi.OutcomeRequest;
import io.arbiter.dunning.DunningApi.SetAside;
import io.arbiter.dunning.DunningApi.Totals;
import io.arbiter.law.ClaimDeclaration;
import io.arbiter.law.CreditorDomicile;
import io.arbiter.law.InterestTerms;
import io.arbiter.law.LatePaymentInterest;
import io.arbiter.law.RecoveryIndemnity;
import io.arbiter.ledger.Collections;
import io.arbiter.ledger.OpenItems;
import io.arbiter.policy.Applicant;
import io.arbiter.policy.DunningCase;
import io.arbiter.policy.DunningProfile;
import io.arbiter.policy.Escalation;
import io.arbiter.policy.EscalationStep;
import io.arbiter.policy.PolicyEngine;
import io.arbiter.policy.Reason;
import io.arbiter.security.PortfolioScope;
import io.arbiter.shared.Money;
import io.arbiter.shared.ProblemException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Next actions, outcomes, the agenda and the agency case file. A customer's case is read from the ledger or from open
 * items sent inline; its plan and risk class come from the active policy (segmentation, scoring, rating) unless the
 * caller names them; the escalation table gives the plan's steps and {@link Escalator} decides which are due.
 */
@Service
public class DunningService {

    static final String CLAIM_ACTION = "DECLARE_CLAIM";
    private static final char KEY_SEPARATOR = '|';
    private static final Currency EUR = Currency.getInstance("EUR");

    private final OpenItems openItems;
    private final Collections collections;
    private final PolicyEngine policy;
    private final DunningActions actions;
    private final DunningTemplates templates;
    private final DunningProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final LatePaymentInterest interest = LatePaymentInterest.withBundledRates();

    DunningService(OpenItems openItems, Collections collections, PolicyEngine policy, DunningActions actions,
            DunningTemplates templates, DunningProperties properties, Clock clock, TransactionTemplate transactions,
            JsonMapper json) {
        this.openItems = openItems;
        this.collections = collections;
        this.policy = policy;
        this.actions = actions;
        this.templates = templates;
        this.properties = properties;
        this.clock = clock;
        this.transactions = transactions;
        this.json = json;
    }

    /** A customer's situation as dunning sees it on one day. */
    record Case(String account, @Nullable Long ledgerId, String name, @Nullable String registrationNumber, String country,
            boolean publicSector, @Nullable String salesperson, @Nullable LocalDate customerSince,
            @Nullable Integer paymentTermsDays, List<Escalator.Item> items, List<Escalator.PromiseView> promises,
            @Nullable LocalDate insolvencyPublishedOn, List<Reason> problems) {
    }

    /** What the policy and the escalator made of a case. */
    record Assessment(String plan, String riskClass, String policyVersion, List<Proposed> proposed,
            List<Escalator.Item> disputed, List<Escalator.Paused> paused, List<Reason> problems) {
    }

    /** An action due, before amounts and messages are added. */
    record Proposed(UUID id, @Nullable Integer level, String action, String channel, String template, boolean confirm,
            String assignee, @Nullable LocalDate deadline, List<Escalator.Item> invoices, @Nullable Reason reason) {
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    // ---------------------------------------------------------------- next actions

    /** The actions due; those proposed are stored (in one transaction) so that outcomes can name them. */
    public NextActions nextActions(NextActionsRequest request) {
        return transactions.execute(status -> due(request));
    }

    private NextActions due(NextActionsRequest request) {
        if (request.customer() == null || request.customer().isBlank()) {
            throw invalid("customer", "customer is required: the customer's account");
        }
        LocalDate asOf = request.asOf() == null ? LocalDate.now(clock) : request.asOf();
        Case customerCase = request.openItems() == null ? ledgerCase(request.customer(), asOf) : inlineCase(request, asOf);
        Assessment assessment = assess(customerCase, asOf, request.dunningPlan(), request.riskClass(),
                actions.done(customerCase.account(), asOf));
        List<Action> due = new ArrayList<>();
        for (Proposed proposed : assessment.proposed()) {
            Action action = complete(customerCase, proposed, asOf);
            due.add(action);
            actions.propose(new DunningActions.StoredAction(action.id(), customerCase.account(), customerCase.ledgerId(),
                    action.level(), action.action(), action.channel(), action.template(), action.requiresConfirmation(),
                    action.assignee(), asOf, proposed.invoices().stream().map(Escalator.Item::key).sorted().toList()),
                    json.writeValueAsString(action));
        }
        Insolvency insolvency = customerCase.insolvencyPublishedOn() == null ? null
                : new Insolvency(customerCase.insolvencyPublishedOn(), claimDeadline(customerCase.insolvencyPublishedOn()));
        List<Reason> problems = new ArrayList<>(customerCase.problems());
        problems.addAll(assessment.problems());
        return new NextActions(customerCase.account(), customerCase.name(), asOf, assessment.plan(),
                assessment.riskClass(), assessment.policyVersion(), due,
                assessment.disputed().stream().map(item -> new SetAside(item.number(), item.dueDate(), money(item),
                        "disputed: " + item.disputeReason(), null)).toList(),
                assessment.paused().stream().map(p -> new SetAside(p.item().number(), p.item().dueDate(), money(p.item()),
                        "promise to pay", p.until())).toList(),
                cancelled(customerCase, due), insolvency, problems);
    }

    private Case ledgerCase(String account, LocalDate asOf) {
        OpenItems.Customer customer = openItems.customer(account).orElseThrow(() -> new ProblemException(
                HttpStatus.NOT_FOUND, "unknown-customer", "Unknown customer", "No customer with account '" + account
                        + "' in the ledger; import it first, or send its open items inline (openItems)"));
        return ledgerCase(openItems.of(customer), asOf,
                customer.registrationNumber() == null ? null
                        : actions.insolvencyPublishedOn(customer.registrationNumber(), customer.country()).orElse(null));
    }

    private Case ledgerCase(OpenItems.CustomerItems customerItems, LocalDate asOf, @Nullable LocalDate insolvency) {
        OpenItems.Customer customer = customerItems.customer();
        List<Escalator.Item> items = new ArrayList<>(customerItems.invoices().size());
        Map<Long, String> keys = new HashMap<>();
        List<Reason> problems = new ArrayList<>();
        for (OpenItems.OpenInvoice invoice : customerItems.invoices()) {
            if (!invoice.currency().equals(invoice.entityCurrency())) {
                problems.add(new Reason("(ledger)", null, null, "CURRENCY_MISMATCH", "Invoice " + invoice.number() + " is in "
                        + invoice.currency() + " but entity " + invoice.entityCode() + " invoices in "
                        + invoice.entityCurrency() + "; it is left out of dunning until the ledger is corrected."));
                continue;
            }
            String dispute = invoice.disputes().stream().filter(d -> d.openOn(asOf)).map(OpenItems.Dispute::reason)
                    .findFirst().orElse(null);
            String key = key(invoice.entityCode(), invoice.number());
            keys.put(invoice.id(), key);
            items.add(new Escalator.Item(key, invoice.id(), invoice.entityCode(), invoice.number(), invoice.issueDate(),
                    invoice.dueDate(), invoice.openAmount(), invoice.currency(), dispute));
        }
        List<Escalator.PromiseView> promises = customerItems.promises().stream()
                .filter(p -> !p.madeOn().isAfter(asOf))
                .map(p -> new Escalator.PromiseView(p.promisedOn(), p.amount(), p.status(),
                        Set.copyOf(p.invoiceIds().stream().map(id -> keys.getOrDefault(id, "#" + id)).toList())))
                .toList();
        return new Case(customer.account(), customer.id(), customer.name(), customer.registrationNumber(),
                customer.country(), customer.publicSector(), customer.salesperson(), customer.customerSince(),
                customer.paymentTermsDays(), items, promises, insolvency, problems);
    }

    private Case inlineCase(NextActionsRequest request, LocalDate asOf) {
        String currency = request.entity() == null ? policy.active().currency()
                : openItems.entityCurrency(request.entity()).orElseThrow(() -> invalid("entity", "entity '" + request.entity()
                        + "' is not a legal entity of the ledger; leave it out to use the policy's currency ("
                        + policy.active().currency() + ")"));
        Map<String, DunningActions.StoredOutcomeWithKeys> disputes = new HashMap<>();
        List<Escalator.PromiseView> promises = new ArrayList<>();
        for (DunningActions.StoredOutcomeWithKeys recorded : actions.promisesAndDisputes(request.customer())) {
            if (recorded.outcome().happenedOn().isAfter(asOf)) {
                continue;
            }
            if (recorded.outcome().kind().equals(OutcomeKind.DISPUTE.name())) {
                recorded.invoiceKeys().forEach(key -> disputes.put(key, recorded));
            } else {
                promises.add(new Escalator.PromiseView(recorded.outcome().promisedOn(),
                        recorded.outcome().promisedAmount(), "PENDING",
                        Set.copyOf(recorded.invoiceKeys())));
            }
        }
        List<Escalator.Item> items = new ArrayList<>();
        Set<String> numbers = new HashSet<>();
        for (InlineInvoice invoice : request.openItems()) {
            if (invoice == null || invoice.number() == null || invoice.number().isBlank() || invoice.issueDate() == null
                    || invoice.dueDate() == null || invoice.openAmount() == null || invoice.currency() == null) {
                throw invalid("openItems", "every open item needs number, issueDate, dueDate, openAmount and currency");
            }
            if (!numbers.add(invoice.number())) {
                throw invalid("openItems", "invoice " + invoice.number() + " appears twice in openItems");
            }
            if (!invoice.currency().equals(currency)) {
                throw invalid("openItems", "invoice " + invoice.number() + " is in " + invoice.currency() + " but "
                        + (request.entity() == null ? "the policy's currency" : "entity " + request.entity() + "'s currency")
                        + " is " + currency + "; send the entity's invoices in its own currency");
            }
            if (invoice.dueDate().isBefore(invoice.issueDate())) {
                throw invalid("openItems", "invoice " + invoice.number() + " is due on " + invoice.dueDate() + ", before its date "
                        + invoice.issueDate());
            }
            if (invoice.openAmount().signum() < 0) {
                throw invalid("openItems", "invoice " + invoice.number() + " has a negative open amount");
            }
            if (invoice.openAmount().signum() == 0) {
                continue; // paid: nothing to collect
            }
            DunningActions.StoredOutcomeWithKeys recorded = disputes.get(invoice.number());
            String dispute = invoice.disputeReason() != null ? invoice.disputeReason()
                    : recorded == null ? null : recorded.outcome().note() == null ? "disputed" : recorded.outcome().note();
            items.add(new Escalator.Item(invoice.number(), null, request.entity(), invoice.number(), invoice.issueDate(),
                    invoice.dueDate(), invoice.openAmount(), invoice.currency(), dispute));
        }
        DunningApi.InlineCustomer details = request.customerDetails();
        String registration = details == null ? null : details.registrationNumber();
        String country = details == null || details.country() == null ? "FR" : details.country();
        LocalDate insolvency = request.insolvencyPublishedOn() != null ? request.insolvencyPublishedOn()
                : registration == null ? null : actions.insolvencyPublishedOn(registration, country).orElse(null);
        return new Case(request.customer(), null, details == null || details.name() == null ? request.customer() : details.name(),
                registration, country, details != null && Boolean.TRUE.equals(details.publicSector()),
                details == null ? null : details.salesperson(), details == null ? null : details.customerSince(), null,
                items, promises, insolvency, List.of());
    }

    Assessment assess(Case customerCase, LocalDate asOf, @Nullable String planGiven, @Nullable String riskGiven,
            List<Escalator.Done> done) {
        Currency policyCurrency = Currency.getInstance(policy.active().currency());
        BigDecimal open = BigDecimal.ZERO;
        BigDecimal overdue = BigDecimal.ZERO;
        int disputes = 0;
        for (Escalator.Item item : customerCase.items()) {
            if (item.disputeReason() != null) {
                disputes++;
                continue;
            }
            if (item.currency().equals(policyCurrency.getCurrencyCode())) {
                open = open.add(item.openAmount());
                if (item.dueDate().isBefore(asOf)) {
                    overdue = overdue.add(item.openAmount());
                }
            }
        }
        String plan = planGiven;
        String riskClass = riskGiven;
        String version = policy.active().version();
        List<Reason> problems = new ArrayList<>();
        if (plan == null || riskClass == null) {
            DunningProfile profile = policy.dunningProfile(applicant(customerCase, asOf, open, overdue, disputes));
            plan = plan == null ? profile.dunningPlan() : plan;
            riskClass = riskClass == null ? profile.riskClass() : riskClass;
            version = profile.policyVersion();
        }
        if (customerCase.insolvencyPublishedOn() != null) {
            return new Assessment(plan, riskClass, version, claim(customerCase, done), List.of(), List.of(), problems);
        }
        Escalation escalation = policy.escalation(new DunningCase(plan, riskClass.toUpperCase(Locale.ROOT), overdue));
        problems.addAll(escalation.problems());
        Escalator.Result result = Escalator.propose(customerCase.items(), escalation.steps(), customerCase.promises(),
                done, asOf, (int) properties.promiseGrace().toDays());
        List<Proposed> proposed = new ArrayList<>();
        for (Escalator.Proposal proposal : result.proposals()) {
            Map<String, List<Escalator.Item>> byCurrency = new TreeMap<>();
            proposal.invoices().forEach(item -> byCurrency.computeIfAbsent(item.currency(), c -> new ArrayList<>()).add(item));
            EscalationStep step = proposal.step();
            byCurrency.values().forEach(invoices -> proposed.add(new Proposed(
                    actionId(customerCase.account(), step.step(), step.action(), step.channel(), invoices), step.step(),
                    step.action(), step.channel(), step.template(), step.confirm(), assignee(step.assignee(), customerCase),
                    null, invoices, step.reason())));
        }
        return new Assessment(plan, riskClass, version, proposed, result.disputed(), result.paused(), problems);
    }

    /** Insolvency proceedings: dunning stops; the claim (every open invoice, disputed or not) must be declared. */
    private List<Proposed> claim(Case customerCase, List<Escalator.Done> done) {
        Set<String> declared = new HashSet<>();
        done.stream().filter(d -> d.action().equals(CLAIM_ACTION)).forEach(d -> declared.add(d.invoiceKey()));
        // One claim per currency, as the plan's steps are split: amounts in different currencies cannot be added up.
        Map<String, List<Escalator.Item>> byCurrency = new TreeMap<>();
        customerCase.items().forEach(item -> byCurrency.computeIfAbsent(item.currency(), c -> new ArrayList<>()).add(item));
        LocalDate publishedOn = customerCase.insolvencyPublishedOn();
        LocalDate deadline = claimDeadline(publishedOn);
        Reason reason = new Reason("(law)", null, null, "CLAIM_DECLARATION", "Insolvency proceedings published on "
                + publishedOn + ": dunning stops and the claim must be declared to the court-appointed representative by "
                + deadline + " (Code de commerce L622-24, R622-24).");
        return byCurrency.values().stream()
                .filter(invoices -> invoices.stream().noneMatch(item -> declared.contains(item.key())))
                .map(invoices -> new Proposed(actionId(customerCase.account(), null, CLAIM_ACTION, "REGISTERED_LETTER",
                        invoices), null, CLAIM_ACTION, "REGISTERED_LETTER", "declare-claim", true, "CREDIT_MANAGER",
                        deadline, invoices, reason))
                .toList();
    }

    private static LocalDate claimDeadline(LocalDate publishedOn) {
        return ClaimDeclaration.deadline(publishedOn, CreditorDomicile.METROPOLITAN_FRANCE);
    }

    private static Applicant applicant(Case customerCase, LocalDate asOf, BigDecimal open, BigDecimal overdue, int disputes) {
        int seniority = customerCase.customerSince() == null ? 0
                : (int) Math.max(0, ChronoUnit.MONTHS.between(customerCase.customerSince(), asOf));
        return Applicant.builder()
                .registrationNumber(customerCase.registrationNumber() == null ? customerCase.account() : customerCase.registrationNumber())
                .country(customerCase.country())
                .publicSector(customerCase.publicSector())
                .seniorityMonths(seniority)
                .paymentTermsDays(customerCase.paymentTermsDays() == null ? 30 : customerCase.paymentTermsDays())
                .companyStatus(customerCase.insolvencyPublishedOn() == null ? "ACTIVE" : "INSOLVENCY_PROCEEDINGS")
                .exposure(open, overdue, BigDecimal.ZERO)
                .build();
    }

    /** Same customer, step, action, channel and invoices: same id, so that an action proposed again is the same one. */
    static UUID actionId(String account, @Nullable Integer step, String action, String channel, List<Escalator.Item> invoices) {
        String identity = account + "|" + step + "|" + action + "|" + channel + "|"
                + String.join(",", invoices.stream().map(Escalator.Item::key).sorted().toList());
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8));
    }

    private static String assignee(String role, Case customerCase) {
        if (role.equals("SALESPERSON")) {
            return customerCase.salesperson() == null ? "SALESPERSON (none assigned)" : "salesperson:" + customerCase.salesperson();
        }
        return role;
    }

    private record Dues(List<InvoiceDue> invoices, Totals totals) {
    }

    /** What each invoice in {@code currency} owes on {@code asOf}: open amount, late interest, the indemnity once late. */
    private Dues dues(List<Escalator.Item> items, Currency currency, LocalDate asOf, InterestTerms terms) {
        Money zero = Money.of(BigDecimal.ZERO, currency);
        Money open = zero;
        Money interestTotal = zero;
        Money indemnityTotal = zero;
        List<InvoiceDue> invoices = new ArrayList<>();
        for (Escalator.Item item : items) {
            long daysLate = Math.max(0, Escalator.days(item, asOf));
            Money amount = money(item);
            Money itemInterest = daysLate == 0 ? zero : interest.compute(amount, item.dueDate(), asOf, terms).total();
            Money indemnity = daysLate > 0 && currency.equals(EUR) ? RecoveryIndemnity.perLateInvoice() : null;
            invoices.add(new InvoiceDue(item.number(), item.entity(), item.issueDate(), item.dueDate(), daysLate, amount,
                    itemInterest, indemnity));
            open = open.plus(amount);
            interestTotal = interestTotal.plus(itemInterest);
            indemnityTotal = indemnity == null ? indemnityTotal : indemnityTotal.plus(indemnity);
        }
        return new Dues(invoices, new Totals(open, interestTotal, indemnityTotal, open.plus(interestTotal).plus(indemnityTotal)));
    }

    /** Amounts per invoice (open, interest to the date, the indemnity once late) and the messages. */
    private Action complete(Case customerCase, Proposed proposed, LocalDate asOf) {
        InterestTerms terms = customerCase.publicSector() ? InterestTerms.publicBody() : InterestTerms.statutoryBusiness();
        Currency currency = Currency.getInstance(proposed.invoices().getFirst().currency());
        Dues dues = dues(proposed.invoices(), currency, asOf, terms);
        List<InvoiceDue> invoices = dues.invoices();
        Totals totals = dues.totals();
        Map<String, String> preview = new LinkedHashMap<>();
        for (String language : DunningTemplates.LANGUAGES) {
            String text = templates.render(language, proposed.template(),
                    variables(language, customerCase, proposed, invoices, totals, asOf));
            preview.put(language, text == null ? "(no template " + language + "/" + proposed.template() + ".txt)" : text);
        }
        return new Action(proposed.id(), proposed.level(), proposed.action(), proposed.channel(), proposed.template(),
                proposed.confirm(), proposed.assignee(), proposed.deadline(), invoices, totals, proposed.reason(), preview);
    }

    private Map<String, String> variables(String language, Case customerCase, Proposed proposed, List<InvoiceDue> invoices,
            Totals totals, LocalDate asOf) {
        Formats formats = Formats.of(language);
        Map<String, String> values = new HashMap<>();
        values.put("customer.name", customerCase.name());
        values.put("customer.account", customerCase.account());
        values.put("customer.registrationNumber", Objects.requireNonNullElse(customerCase.registrationNumber(), ""));
        values.put("supplier.name", properties.supplierName());
        values.put("date", formats.date(asOf));
        values.put("invoices", formats.invoiceTable(invoices));
        values.put("invoices.count", String.valueOf(invoices.size()));
        values.put("total.open", formats.money(totals.open()));
        values.put("total.interest", formats.money(totals.interest()));
        values.put("total.indemnity", formats.money(totals.indemnity()));
        values.put("total.claim", formats.money(totals.claim()));
        values.put("action.channel", proposed.channel());
        values.put("claim.deadline", proposed.deadline() == null ? "" : formats.date(proposed.deadline()));
        Escalator.PromiseView promise = customerCase.promises().stream()
                .filter(p -> proposed.invoices().stream().anyMatch(p::covers))
                .max(Comparator.comparing(Escalator.PromiseView::promisedOn)).orElse(null);
        values.put("promise.date", promise == null ? "" : formats.date(promise.promisedOn()));
        values.put("promise.amount", formats.money(promise == null || promise.amount() == null ? totals.open()
                : Money.of(promise.amount(), totals.open().currency())));
        return values;
    }

    /** Actions proposed earlier, never carried out, whose invoices have all been paid since. */
    private List<Cancelled> cancelled(Case customerCase, List<Action> due) {
        Set<String> open = new HashSet<>();
        customerCase.items().forEach(item -> open.add(item.key()));
        Set<UUID> current = new HashSet<>();
        due.forEach(action -> current.add(action.id()));
        Map<UUID, List<DunningActions.StoredOutcome>> outcomes = actions.outcomes(customerCase.account());
        List<Cancelled> cancelled = new ArrayList<>();
        for (DunningActions.StoredAction stored : actions.ofCustomer(customerCase.account())) {
            boolean done = outcomes.getOrDefault(stored.id(), List.of()).stream()
                    .anyMatch(o -> OutcomeKind.valueOf(o.kind()).done());
            if (!done && !current.contains(stored.id()) && !stored.invoiceKeys().isEmpty()
                    && stored.invoiceKeys().stream().noneMatch(open::contains)) {
                cancelled.add(new Cancelled(stored.id(), stored.action(), stored.step(),
                        stored.invoiceKeys().stream().map(DunningService::number).toList(), "paid"));
            }
        }
        return cancelled;
    }

    // ---------------------------------------------------------------- outcomes

    /**
     * Refuses as not found a customer outside the caller's portfolio: a salesperson records outcomes for the customers
     * the ledger assigns to them only.
     *
     * @throws ProblemException 404
     */
    void checkInPortfolio(PortfolioScope scope, @Nullable String account) {
        if (scope.isLimited() && (account == null || !openItems.customer(account)
                .map(customer -> scope.salesperson().equals(customer.salesperson())).orElse(false))) {
            throw scope.outside("has the account '" + account + "'");
        }
    }

    public OutcomeRecorded record(OutcomeRequest request, String recordedBy) {
        if (request.actionId() == null || request.kind() == null || request.customer() == null) {
            throw invalid("actionId", "actionId, customer and kind are required");
        }
        LocalDate date = request.date() == null ? LocalDate.now(clock) : request.date();
        if (date.isAfter(LocalDate.now(clock))) {
            throw invalid("date", "date " + date + " is in the future: record an outcome once it has happened");
        }
        return transactions.execute(status -> {
            DunningActions.StoredAction action = actions.find(request.actionId())
                    .or(() -> proposedByAgenda(request.customer(), request.actionId(), date))
                    .filter(found -> found.customerAccount().equals(request.customer()))
                    .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "unknown-action", "Unknown action",
                            "No action " + request.actionId() + " was proposed for customer '" + request.customer()
                                    + "'; ask next-actions (or the agenda) for the actions due and use their id"));
            if (action.requiresConfirmation() && request.kind() == OutcomeKind.SENT
                    && (request.confirmedBy() == null || request.confirmedBy().isBlank())) {
                throw invalid("confirmedBy", action.action() + " must be confirmed by a person before it is sent: give confirmedBy");
            }
            // LANGUAGES is an immutable list, whose contains(null) throws: test for a missing language first.
            if (request.message() != null && (request.message().language() == null
                    || !DunningTemplates.LANGUAGES.contains(request.message().language())
                    || request.message().text() == null || request.message().text().isBlank())) {
                throw invalid("message", "message needs a language (fr or en) and the text as sent");
            }
            Long promiseId = null;
            Long disputeId = null;
            LocalDate promisedOn = null;
            BigDecimal promisedAmount = null;
            List<String> disputed = null;
            if (request.kind() == OutcomeKind.PROMISE_TO_PAY) {
                var promise = request.promise();
                if (promise == null || promise.date() == null || promise.amount() == null || promise.amount().signum() <= 0) {
                    throw invalid("promise", "a promise to pay needs promise.date and a positive promise.amount");
                }
                // The ledger keeps amounts to the cent, up to 13 digits before them (numeric(15,2)).
                BigDecimal amount = promise.amount().stripTrailingZeros();
                if (amount.scale() > 2 || amount.precision() - amount.scale() > 13) {
                    throw invalid("promise.amount", "promise.amount " + promise.amount().toPlainString()
                            + " must be an amount to the cent, below 10,000,000,000,000");
                }
                if (promise.date().isBefore(date)) {
                    throw invalid("promise.date", "the promised date " + promise.date() + " is before the day the promise was made (" + date
                            + "); a promise to pay is for a day to come");
                }
                promisedOn = promise.date();
                promisedAmount = promise.amount();
                if (action.ledgerCustomerId() != null) {
                    Map<String, OpenItems.OpenInvoice> invoices = ledgerInvoices(action.ledgerCustomerId());
                    List<Long> ids = action.invoiceKeys().stream().map(invoices::get).filter(Objects::nonNull)
                            .map(OpenItems.OpenInvoice::id).toList();
                    if (ids.isEmpty()) {
                        // The ledger reads a promise on no invoice as one on the whole balance: it would pause the
                        // dunning of every other invoice of the customer.
                        throw invalid("actionId", "invoices " + String.join(", ", action.invoiceKeys().stream().map(DunningService::number)
                                .toList()) + " are no longer open: there is nothing to promise to pay on this action");
                    }
                    String currency = action.invoiceKeys().stream().map(invoices::get).filter(Objects::nonNull)
                            .map(OpenItems.OpenInvoice::currency).findFirst().orElse(policy.active().currency());
                    promiseId = collections.recordPromise(action.ledgerCustomerId(), date, promise.date(), promise.amount(),
                            currency, ids);
                }
            }
            if (request.kind() == OutcomeKind.DISPUTE) {
                var dispute = request.dispute();
                if (dispute == null || dispute.reason() == null || dispute.reason().isBlank() || dispute.invoices() == null
                        || dispute.invoices().isEmpty()) {
                    throw invalid("dispute", "a dispute needs dispute.reason and the invoices disputed (dispute.invoices)");
                }
                Map<String, String> keyByNumber = new HashMap<>();
                action.invoiceKeys().forEach(key -> keyByNumber.put(number(key), key));
                disputed = new ArrayList<>();
                for (String number : dispute.invoices()) {
                    if (!keyByNumber.containsKey(number)) {
                        throw invalid("dispute.invoices", "invoice " + number + " is not one of this action's invoices ("
                                + String.join(", ", keyByNumber.keySet()) + ")");
                    }
                    disputed.add(keyByNumber.get(number));
                }
                if (action.ledgerCustomerId() != null) {
                    Map<String, OpenItems.OpenInvoice> invoices = ledgerInvoices(action.ledgerCustomerId());
                    List<Long> ids = new ArrayList<>();
                    for (String key : disputed) {
                        OpenItems.OpenInvoice invoice = invoices.get(key);
                        if (invoice == null) {
                            throw invalid("dispute.invoices", "invoice " + number(key) + " is no longer open: there is nothing to dispute");
                        }
                        ids.add(invoice.id());
                    }
                    disputeId = collections.recordDispute(action.ledgerCustomerId(), dispute.reason(), date, ids);
                }
            }
            String note = request.kind() == OutcomeKind.DISPUTE && request.note() == null ? request.dispute().reason() : request.note();
            long id = actions.recordOutcome(action.id(), action.customerAccount(), request.kind(), date, request.agent(),
                    request.confirmedBy(), note, request.message() == null ? null : request.message().language(),
                    request.message() == null ? null : request.message().text(), promiseId, disputeId, promisedOn,
                    promisedAmount, disputed, recordedBy);
            return new OutcomeRecorded(id, action.id(), action.customerAccount(), request.kind(), date, promiseId, disputeId);
        });
    }

    /** An action the agenda listed but nobody asked next-actions for: found again by recomputing that day's actions. */
    private java.util.Optional<DunningActions.StoredAction> proposedByAgenda(String account, UUID id, LocalDate date) {
        if (openItems.customer(account).isEmpty()) {
            return java.util.Optional.empty();
        }
        NextActions due = due(new NextActionsRequest(account, date, null, null, null, null, null, null));
        return due.actions().stream().anyMatch(action -> action.id().equals(id)) ? actions.find(id) : java.util.Optional.empty();
    }

    private Map<String, OpenItems.OpenInvoice> ledgerInvoices(long customerId) {
        Map<String, OpenItems.OpenInvoice> byKey = new HashMap<>();
        openItems.customer(customerId).map(openItems::of).ifPresent(items -> items.invoices()
                .forEach(invoice -> byKey.put(key(invoice.entityCode(), invoice.number()), invoice)));
        return byKey;
    }

    // ---------------------------------------------------------------- agenda

    /**
     * Every ledger customer's actions due on a day, grouped by who carries them out. One pass over the open invoices;
     * outcomes and insolvencies are read before it.
     *
     * @param salesperson only the customers the ledger assigns to this salesperson; null for every customer
     */
    public Agenda agenda(LocalDate date, @Nullable String salesperson) {
        Map<String, LocalDate> insolvencies = actions.insolvencies();
        Map<String, List<Escalator.Done>> done = actions.doneByCustomer(date);
        Map<String, List<AgendaEntry>> byAssignee = new TreeMap<>();
        int[] counts = new int[2];
        String version = policy.active().version();
        openItems.forEachCustomer(customerItems -> {
            OpenItems.Customer customer = customerItems.customer();
            if (salesperson != null && !salesperson.equals(customer.salesperson())) {
                return;
            }
            LocalDate insolvency = customer.registrationNumber() == null ? null
                    : insolvencies.get(customer.registrationNumber() + "/" + customer.country());
            Case customerCase = ledgerCase(customerItems, date, insolvency);
            Assessment assessment = assess(customerCase, date, null, null, done.getOrDefault(customer.account(), List.of()));
            counts[0]++;
            for (Proposed proposed : assessment.proposed()) {
                counts[1]++;
                Money open = Money.of(proposed.invoices().stream().map(Escalator.Item::openAmount)
                        .reduce(BigDecimal.ZERO, BigDecimal::add), Currency.getInstance(proposed.invoices().getFirst().currency()));
                byAssignee.computeIfAbsent(proposed.assignee(), a -> new ArrayList<>()).add(new AgendaEntry(proposed.id(),
                        customer.account(), customer.name(), proposed.level(), proposed.action(), proposed.channel(),
                        proposed.template(), proposed.confirm(), proposed.deadline(),
                        proposed.invoices().stream().map(Escalator.Item::number).toList(), open));
            }
        });
        List<AssigneeActions> groups = byAssignee.entrySet().stream()
                .map(entry -> new AssigneeActions(entry.getKey(), entry.getValue())).toList();
        return new Agenda(date, version, counts[0], counts[1], groups);
    }

    // ---------------------------------------------------------------- agency case

    public DunningApi.AgencyCase agencyCase(String account, @Nullable LocalDate asOfGiven) {
        LocalDate asOf = asOfGiven == null ? LocalDate.now(clock) : asOfGiven;
        Case customerCase = ledgerCase(account, asOf);
        InterestTerms terms = customerCase.publicSector() ? InterestTerms.publicBody() : InterestTerms.statutoryBusiness();
        Currency currency = customerCase.items().isEmpty() ? Currency.getInstance(policy.active().currency())
                : Currency.getInstance(customerCase.items().getFirst().currency());
        Dues dues = dues(customerCase.items().stream().filter(item -> item.currency().equals(currency.getCurrencyCode()))
                .toList(), currency, asOf, terms);
        Map<UUID, List<DunningActions.StoredOutcome>> outcomes = actions.outcomes(account);
        List<DunningApi.HistoryEntry> history = new ArrayList<>();
        for (DunningActions.StoredAction action : actions.ofCustomer(account)) {
            List<String> numbers = action.invoiceKeys().stream().map(DunningService::number).toList();
            List<DunningActions.StoredOutcome> results = outcomes.getOrDefault(action.id(), List.of());
            if (results.isEmpty()) {
                history.add(new DunningApi.HistoryEntry(action.proposedOn(), action.id(), action.action(), action.channel(),
                        action.step(), numbers, null, null, null));
            }
            results.forEach(outcome -> history.add(new DunningApi.HistoryEntry(outcome.happenedOn(), action.id(),
                    action.action(), action.channel(), action.step(), numbers, OutcomeKind.valueOf(outcome.kind()),
                    outcome.agent(), outcome.note())));
        }
        history.sort(Comparator.comparing(DunningApi.HistoryEntry::date));
        return new DunningApi.AgencyCase(asOf, new DunningApi.Debtor(customerCase.account(), customerCase.name(),
                customerCase.registrationNumber(), customerCase.country(), customerCase.salesperson()), dues.invoices(),
                dues.totals(), history);
    }

    // ---------------------------------------------------------------- insolvency

    /** The bureaus report insolvency proceedings: from now on the customer gets only the claim declaration. */
    @EventListener
    void on(InsolvencyReported event) {
        actions.recordInsolvency(event.registrationNumber(), event.country(), event.provider(), event.reportDate());
    }

    private static Money money(Escalator.Item item) {
        return Money.of(item.openAmount(), Currency.getInstance(item.currency()));
    }

    /** A ledger invoice is known by entity and number; an inline one by its number alone. */
    private static String key(String entity, String number) {
        return entity + KEY_SEPARATOR + number;
    }

    private static String number(String key) {
        int separator = key.indexOf(KEY_SEPARATOR);
        return separator < 0 ? key : key.substring(separator + 1);
    }

    /** A 422 naming the field at fault in {@code errors[]}, as every 4xx of the API does. */
    private static ProblemException invalid(String field, String detail) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-dunning-request", "Invalid dunning request",
                detail, Map.of("errors", List.of(Map.of("field", field, "message", detail))));
    }
}
