package io.arbiter.dunning.cases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.arbiter.dunning.DunningApi;
import io.arbiter.dunning.DunningApi.InlineInvoice;
import io.arbiter.dunning.DunningApi.NextActionsRequest;
import io.arbiter.dunning.NextActionsService;
import io.arbiter.dunning.OutcomeKind;
import io.arbiter.dunning.cases.InsolvencyProceedings.Proceedings;
import io.arbiter.dunning.planning.Escalator;
import io.arbiter.ledger.OpenItems;
import io.arbiter.policy.PolicyEngine;
import io.arbiter.policy.Reason;
import io.arbiter.shared.CompanyKey;
import io.arbiter.shared.ProblemException;

/**
 * Reads a customer's {@link CustomerCase}: from the ledger by account, or from the open items an external dunning
 * engine sends inline (checked, each refusal a 422 naming the item). Insolvency proceedings are found by company, so
 * whichever number the ledger holds (SIREN, SIRET, VAT number, with spaces) finds those the bureaus reported.
 */
@Component
public class CaseReader {

    private final OpenItems openItems;
    private final DunningActions actions;
    private final InsolvencyProceedings proceedings;
    private final PolicyEngine policy;

    CaseReader(OpenItems openItems, DunningActions actions, InsolvencyProceedings proceedings, PolicyEngine policy) {
        this.openItems = openItems;
        this.actions = actions;
        this.proceedings = proceedings;
        this.policy = policy;
    }

    public CustomerCase read(NextActionsRequest request, LocalDate asOf) {
        if (request.customer() == null || request.customer().isBlank()) {
            throw NextActionsService.invalid("account", "account is required: the customer's account");
        }
        return request.openItems() == null ? ledger(request.customer(), asOf) : inline(request, asOf);
    }

    public CustomerCase ledger(String account, LocalDate asOf) {
        OpenItems.Customer customer = openItems.customer(account).orElseThrow(() -> new ProblemException(
                HttpStatus.NOT_FOUND, "customer-not-found", "Customer not in the ledger", "No customer with account '" + account
                        + "' in the ledger; import it first, or send its open items inline (openItems)"));
        CustomerCase read = ledger(openItems.of(customer), asOf);
        read = read.withLatePaid(latePaid(customer.id(), read, asOf));
        return read.company() == null ? read : read.withInsolvency(proceedings.of(read.company()).orElse(null));
    }

    /**
     * The payments received late within the five years a claim between traders lasts (Code de commerce L110-4), but
     * none on an invoice disputed that day: a customer who withheld payment over a dispute is not charged for it
     * while the dispute stands.
     */
    private List<CustomerCase.PaidLate> latePaid(long customerId, CustomerCase read, LocalDate asOf) {
        Set<Long> disputed = new HashSet<>();
        read.items().stream().filter(item -> item.disputeReason() != null && item.ledgerId() != null)
                .forEach(item -> disputed.add(item.ledgerId()));
        return openItems.latePaidParts(customerId, asOf.minusYears(5), asOf).stream()
                .filter(part -> !disputed.contains(part.invoiceId()))
                .map(part -> new CustomerCase.PaidLate(part.entityCode(), part.number(), part.dueDate(), part.paid(),
                        part.currency(), part.paidOn(), part.invoiceSettled()))
                .toList();
    }

    /** The case without its proceedings, which the caller adds ({@link CustomerCase#withInsolvency}). */
    public CustomerCase ledger(OpenItems.CustomerItems customerItems, LocalDate asOf) {
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
            String key = CustomerCase.key(invoice.entityCode(), invoice.number());
            keys.put(invoice.id(), key);
            items.add(new Escalator.Item(key, invoice.id(), invoice.entityCode(), invoice.number(), invoice.issueDate(),
                    invoice.dueDate(), invoice.openAmount(), invoice.currency(), dispute));
        }
        List<Escalator.PromiseView> promises = customerItems.promises().stream()
                .filter(p -> !p.madeOn().isAfter(asOf))
                .map(p -> new Escalator.PromiseView(p.promisedOn(), p.amount(), p.status(),
                        Set.copyOf(p.invoiceIds().stream().map(id -> keys.getOrDefault(id, "#" + id)).toList())))
                .toList();
        return new CustomerCase(customer.account(), customer.id(), customer.name(), customer.registrationNumber(),
                CompanyKey.of(customer.country(), customer.registrationNumber()).orElse(null), customer.postalAddress(),
                customer.country(),
                customer.publicSector(), customer.salesperson(), customer.customerSince(), customer.paymentTermsDays(),
                items, promises, null, problems);
    }

    private CustomerCase inline(NextActionsRequest request, LocalDate asOf) {
        String currency = request.entity() == null ? policy.active().currency()
                : openItems.entityCurrency(request.entity()).orElseThrow(() -> NextActionsService.invalid("entity", "entity '"
                        + request.entity() + "' is not a legal entity of the ledger; leave it out to use the policy's currency ("
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
                        recorded.outcome().promisedAmount(), "PENDING", Set.copyOf(recorded.invoiceKeys())));
            }
        }
        List<Escalator.Item> items = new ArrayList<>();
        List<CustomerCase.PaidLate> latePaid = new ArrayList<>();
        Set<String> numbers = new HashSet<>();
        for (InlineInvoice invoice : request.openItems()) {
            Escalator.Item item = item(request, invoice, currency, numbers, disputes);
            if (item != null) {
                items.add(item);
            }
            boolean disputed = invoice.disputeReason() != null || disputes.containsKey(invoice.number());
            if (!disputed) {
                latePaid.addAll(latePaid(request, invoice, asOf));
            }
        }
        DunningApi.InlineCustomer details = request.customerDetails();
        String registration = details == null ? null : details.registrationNumber();
        String country = details == null || details.country() == null ? "FR" : details.country();
        CompanyKey company = CompanyKey.of(country, registration).orElse(null);
        Proceedings insolvency = request.insolvencyPublishedOn() != null
                ? new Proceedings(request.insolvencyJudgmentOn(), request.insolvencyPublishedOn(), false)
                : company == null ? null : proceedings.of(company).orElse(null);
        return new CustomerCase(request.customer(), null,
                details == null || details.name() == null ? request.customer() : details.name(), registration, company,
                details == null ? null : details.postalAddress(), country, details != null && Boolean.TRUE.equals(details.publicSector()),
                details == null ? null : details.salesperson(), details == null ? null : details.customerSince(), null,
                items, promises, insolvency, List.of()).withLatePaid(latePaid);
    }

    /**
     * An inline item's payments received after its due date, as the ledger's are read: within the five years of
     * L110-4, none after the day asked for; the last one completes the invoice when nothing is left open.
     */
    private static List<CustomerCase.PaidLate> latePaid(NextActionsRequest request, InlineInvoice invoice, LocalDate asOf) {
        if (invoice.payments() == null) {
            return List.of();
        }
        for (DunningApi.InlinePayment payment : invoice.payments()) {
            if (payment == null || payment.date() == null || payment.amount() == null || payment.amount().signum() <= 0) {
                throw NextActionsService.invalid("openItems", "invoice " + invoice.number()
                        + ": every payment needs a date and a positive amount");
            }
        }
        boolean settled = invoice.openAmount().signum() == 0
                && invoice.payments().stream().noneMatch(payment -> payment.date().isAfter(asOf));
        return invoice.payments().stream()
                .filter(payment -> payment.date().isAfter(invoice.dueDate()) && !payment.date().isAfter(asOf)
                        && !payment.date().isBefore(asOf.minusYears(5)))
                .sorted(java.util.Comparator.comparing(DunningApi.InlinePayment::date))
                .map(payment -> new CustomerCase.PaidLate(request.entity(), invoice.number(), invoice.dueDate(),
                        payment.amount(), invoice.currency(), payment.date(), settled))
                .toList();
    }

    /** An inline open item, checked; null when it is paid (nothing to collect). */
    private static Escalator.@Nullable Item item(NextActionsRequest request, InlineInvoice invoice, String currency,
            Set<String> numbers, Map<String, DunningActions.StoredOutcomeWithKeys> disputes) {
        if (invoice == null || invoice.number() == null || invoice.number().isBlank() || invoice.issueDate() == null
                || invoice.dueDate() == null || invoice.openAmount() == null || invoice.currency() == null) {
            throw NextActionsService.invalid("openItems", "every open item needs number, issueDate, dueDate, openAmount and currency");
        }
        if (!numbers.add(invoice.number())) {
            throw NextActionsService.invalid("openItems", "invoice " + invoice.number() + " appears twice in openItems");
        }
        if (!invoice.currency().equals(currency)) {
            throw NextActionsService.invalid("openItems", "invoice " + invoice.number() + " is in " + invoice.currency() + " but "
                    + (request.entity() == null ? "the policy's currency" : "entity " + request.entity() + "'s currency")
                    + " is " + currency + "; send the entity's invoices in its own currency");
        }
        if (invoice.dueDate().isBefore(invoice.issueDate())) {
            throw NextActionsService.invalid("openItems", "invoice " + invoice.number() + " is due on " + invoice.dueDate()
                    + ", before its date " + invoice.issueDate());
        }
        if (invoice.openAmount().signum() < 0) {
            throw NextActionsService.invalid("openItems", "invoice " + invoice.number() + " has a negative open amount");
        }
        if (invoice.openAmount().signum() == 0) {
            return null;
        }
        DunningActions.StoredOutcomeWithKeys recorded = disputes.get(invoice.number());
        String dispute = invoice.disputeReason() != null ? invoice.disputeReason()
                : recorded == null ? null : recorded.outcome().note() == null ? "disputed" : recorded.outcome().note();
        return new Escalator.Item(invoice.number(), null, request.entity(), invoice.number(), invoice.issueDate(),
                invoice.dueDate(), invoice.openAmount(), invoice.currency(), dispute);
    }
}
