package io.arbiter.dunning;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.arbiter.dunning.DunningApi.NextActions;
import io.arbiter.dunning.DunningApi.NextActionsRequest;
import io.arbiter.dunning.DunningApi.OutcomeRecorded;
import io.arbiter.dunning.DunningApi.OutcomeRequest;
import io.arbiter.dunning.cases.CustomerCase;
import io.arbiter.dunning.cases.DunningActions;
import io.arbiter.dunning.letters.DunningTemplates;
import io.arbiter.ledger.Collections;
import io.arbiter.ledger.OpenItems;
import io.arbiter.policy.PolicyEngine;
import io.arbiter.shared.ProblemException;

/**
 * What came of the actions: each outcome is checked against the action it answers (which must have been proposed, by
 * next actions or the agenda), and a promise to pay or a dispute is written to the ledger so that it pauses or
 * isolates the invoices it names.
 */
@Service
public class DunningOutcomes {

    private final OpenItems openItems;
    private final Collections collections;
    private final PolicyEngine policy;
    private final DunningActions actions;
    private final NextActionsService nextActions;
    private final Clock clock;
    private final TransactionTemplate transactions;

    DunningOutcomes(OpenItems openItems, Collections collections, PolicyEngine policy, DunningActions actions,
            NextActionsService nextActions, Clock clock, TransactionTemplate transactions) {
        this.openItems = openItems;
        this.collections = collections;
        this.policy = policy;
        this.actions = actions;
        this.nextActions = nextActions;
        this.clock = clock;
        this.transactions = transactions;
    }

    public OutcomeRecorded record(OutcomeRequest request, String recordedBy) {
        if (request.actionId() == null || request.kind() == null || request.customer() == null) {
            throw NextActionsService.invalid("actionId", "actionId, customer and kind are required");
        }
        LocalDate date = request.date() == null ? LocalDate.now(clock) : request.date();
        if (date.isAfter(LocalDate.now(clock))) {
            throw NextActionsService.invalid("date", "date " + date + " is in the future: record an outcome once it has happened");
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
                throw NextActionsService.invalid("confirmedBy", action.action() + " must be confirmed by a person before it is sent: give confirmedBy");
            }
            // LANGUAGES is an immutable list, whose contains(null) throws: test for a missing language first.
            if (request.message() != null && (request.message().language() == null
                    || !DunningTemplates.LANGUAGES.contains(request.message().language())
                    || request.message().text() == null || request.message().text().isBlank())) {
                throw NextActionsService.invalid("message", "message needs a language (fr or en) and the text as sent");
            }
            Long promiseId = null;
            Long disputeId = null;
            LocalDate promisedOn = null;
            BigDecimal promisedAmount = null;
            List<String> disputed = null;
            if (request.kind() == OutcomeKind.PROMISE_TO_PAY) {
                var promise = request.promise();
                if (promise == null || promise.date() == null || promise.amount() == null || promise.amount().signum() <= 0) {
                    throw NextActionsService.invalid("promise", "a promise to pay needs promise.date and a positive promise.amount");
                }
                // The ledger keeps amounts to the cent, up to 13 digits before them (numeric(15,2)).
                BigDecimal amount = promise.amount().stripTrailingZeros();
                if (amount.scale() > 2 || amount.precision() - amount.scale() > 13) {
                    throw NextActionsService.invalid("promise.amount", "promise.amount " + promise.amount().toPlainString()
                            + " must be an amount to the cent, below 10,000,000,000,000");
                }
                if (promise.date().isBefore(date)) {
                    throw NextActionsService.invalid("promise.date", "the promised date " + promise.date() + " is before the day the promise was made (" + date
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
                        throw NextActionsService.invalid("actionId", "invoices " + String.join(", ", action.invoiceKeys().stream().map(CustomerCase::number)
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
                    throw NextActionsService.invalid("dispute", "a dispute needs dispute.reason and the invoices disputed (dispute.invoices)");
                }
                Map<String, String> keyByNumber = new HashMap<>();
                action.invoiceKeys().forEach(key -> keyByNumber.put(CustomerCase.number(key), key));
                disputed = new ArrayList<>();
                for (String number : dispute.invoices()) {
                    if (!keyByNumber.containsKey(number)) {
                        throw NextActionsService.invalid("dispute.invoices", "invoice " + number + " is not one of this action's invoices ("
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
                            throw NextActionsService.invalid("dispute.invoices", "invoice " + CustomerCase.number(key) + " is no longer open: there is nothing to dispute");
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
        NextActions due = nextActions.due(new NextActionsRequest(account, date, null, null, null, null, null, null));
        return due.actions().stream().anyMatch(action -> action.id().equals(id)) ? actions.find(id) : java.util.Optional.empty();
    }

    private Map<String, OpenItems.OpenInvoice> ledgerInvoices(long customerId) {
        Map<String, OpenItems.OpenInvoice> byKey = new HashMap<>();
        openItems.customer(customerId).map(openItems::of).ifPresent(items -> items.invoices()
                .forEach(invoice -> byKey.put(CustomerCase.key(invoice.entityCode(), invoice.number()), invoice)));
        return byKey;
    }
}
