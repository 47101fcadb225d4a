package io.arbiter.dunning;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import io.arbiter.dunning.DunningApi.AgencyCase;
import io.arbiter.dunning.DunningApi.InvoiceDue;
import io.arbiter.dunning.DunningApi.Totals;

/**
 * The case file a collection agency needs: the debtor (with its postal address), the invoices it can pursue (past due
 * and not disputed, in every currency, one total per currency), what each owes with interest and the indemnity, and
 * the dunning history. In insolvency proceedings interest stops at the opening judgment, as in the claim.
 */
@Service
public class AgencyFile {

    private final CaseReader cases;
    private final ActionLetters letters;
    private final DunningHistory history;
    private final Clock clock;

    AgencyFile(CaseReader cases, ActionLetters letters, DunningHistory history, Clock clock) {
        this.cases = cases;
        this.letters = letters;
        this.history = history;
        this.clock = clock;
    }

    public AgencyCase agencyCase(String account, @Nullable LocalDate asOfGiven) {
        LocalDate asOf = asOfGiven == null ? LocalDate.now(clock) : asOfGiven;
        CustomerCase customerCase = cases.ledger(account, asOf);
        LocalDate stopAt = customerCase.insolvency() == null ? null : customerCase.insolvency().opening();
        Map<String, List<Escalator.Item>> byCurrency = new TreeMap<>();
        customerCase.items().stream()
                .filter(item -> item.disputeReason() == null && item.dueDate().isBefore(asOf))
                .forEach(item -> byCurrency.computeIfAbsent(item.currency(), c -> new ArrayList<>()).add(item));
        List<InvoiceDue> invoices = new ArrayList<>();
        List<Totals> totals = new ArrayList<>();
        byCurrency.forEach((currency, items) -> {
            Dues.Computed dues = letters.dues().of(items, Currency.getInstance(currency), asOf,
                    ActionLetters.terms(customerCase), stopAt);
            invoices.addAll(dues.invoices());
            totals.add(dues.totals());
        });
        List<DunningApi.HistoryEntry> history = this.history.of(account);
        return new AgencyCase(asOf, new DunningApi.Debtor(customerCase.account(), customerCase.name(),
                customerCase.registrationNumber(), customerCase.country(), customerCase.salesperson(),
                customerCase.postalAddress()), invoices, totals, history);
    }
}
