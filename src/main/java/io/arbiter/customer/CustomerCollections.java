package io.arbiter.customer;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.arbiter.customer.CustomerSummary.Dispute;
import io.arbiter.customer.CustomerSummary.DunningEvent;
import io.arbiter.customer.CustomerSummary.OpenInvoice;
import io.arbiter.customer.CustomerSummary.Promise;
import io.arbiter.dunning.DunningHistory;
import io.arbiter.ledger.CustomerDirectory;
import io.arbiter.ledger.OpenItems;
import io.arbiter.shared.Money;

/** A company's collection side across its accounts: open invoices with their disputes, promises, dunning history. */
@Component
class CustomerCollections {

    /** What the customer page shows of collection, every account of the company together. */
    record Collected(List<OpenInvoice> invoices, List<Promise> promises, List<DunningEvent> dunning) {
    }

    private final OpenItems openItems;
    private final DunningHistory dunningHistory;

    CustomerCollections(OpenItems openItems, DunningHistory dunningHistory) {
        this.openItems = openItems;
        this.dunningHistory = dunningHistory;
    }

    Collected of(List<CustomerDirectory.Account> accounts, LocalDate today) {
        List<OpenInvoice> invoices = new ArrayList<>();
        List<Promise> promises = new ArrayList<>();
        List<DunningEvent> dunning = new ArrayList<>();
        for (CustomerDirectory.Account account : accounts) {
            openItems.customer(account.id()).map(openItems::of).ifPresent(items -> {
                Map<Long, String> numbers = new HashMap<>();
                items.invoices().forEach(invoice -> {
                    numbers.put(invoice.id(), invoice.number());
                    invoices.add(invoice(account.account(), invoice, today));
                });
                items.promises().forEach(promise -> promises.add(new Promise(account.account(), promise.madeOn(),
                        promise.promisedOn(), Money.of(promise.amount(), Currency.getInstance(promise.currency().strip())),
                        promise.status(), promise.invoiceIds().stream().map(id -> numbers.getOrDefault(id, "#" + id)).toList())));
            });
            dunningHistory.of(account.account()).forEach(entry -> dunning.add(new DunningEvent(account.account(),
                    entry.date(), entry.action(), entry.channel(), entry.level(), entry.invoices(), entry.outcome(),
                    entry.agent(), entry.note())));
        }
        invoices.sort(Comparator.comparing(OpenInvoice::dueDate).thenComparing(OpenInvoice::number));
        promises.sort(Comparator.comparing(Promise::madeOn).reversed());
        dunning.sort(Comparator.comparing(DunningEvent::date).reversed());
        return new Collected(invoices, promises, dunning);
    }

    private static OpenInvoice invoice(String account, OpenItems.OpenInvoice invoice, LocalDate today) {
        Currency currency = Currency.getInstance(invoice.currency().strip());
        return new OpenInvoice(account, invoice.entityCode(), invoice.number(), invoice.issueDate(), invoice.dueDate(),
                Math.max(0, ChronoUnit.DAYS.between(invoice.dueDate(), today)), Money.of(invoice.amount(), currency),
                Money.of(invoice.openAmount(), currency), invoice.disputes().stream()
                        .map(d -> new Dispute(d.reason(), d.openedOn(), d.resolvedOn())).toList());
    }
}
