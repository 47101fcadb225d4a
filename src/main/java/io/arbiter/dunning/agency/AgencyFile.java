package io.arbiter.dunning.agency;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import io.arbiter.decision.StandingApplicants;
import io.arbiter.dunning.DunningApi;
import io.arbiter.dunning.DunningApi.AgencyCase;
import io.arbiter.dunning.DunningApi.InvoiceDue;
import io.arbiter.dunning.DunningApi.Totals;
import io.arbiter.dunning.DunningHistory;
import io.arbiter.dunning.DunningProperties;
import io.arbiter.dunning.cases.CaseReader;
import io.arbiter.dunning.cases.CustomerCase;
import io.arbiter.dunning.letters.ActionLetters;
import io.arbiter.dunning.letters.Dues;
import io.arbiter.dunning.planning.DunningPlanner;
import io.arbiter.dunning.planning.Escalator;

/**
 * The case file a collection agency needs: the debtor (with its postal address), the invoices it can pursue (past due
 * and not disputed, in every currency, one total per currency), what each owes with interest and the indemnity, and
 * the dunning history, and the payments received late with their interest and indemnity, claimed when the customer's
 * plan claims them ({@link DunningApi.LatePayments}). In insolvency proceedings interest stops at the opening judgment,
 * as in the claim.
 */
@Service
public class AgencyFile {

    private final CaseReader cases;
    private final ActionLetters letters;
    private final DunningHistory history;
    private final Clock clock;
    private final DunningPlanner planner;
    private final StandingApplicants applicants;
    private final DunningProperties properties;

    AgencyFile(CaseReader cases, ActionLetters letters, DunningHistory history, Clock clock, DunningPlanner planner,
            StandingApplicants applicants, DunningProperties properties) {
        this.cases = cases;
        this.letters = letters;
        this.history = history;
        this.clock = clock;
        this.planner = planner;
        this.applicants = applicants;
        this.properties = properties;
    }

    public AgencyCase agencyCase(String account, @Nullable LocalDate asOfGiven) {
        LocalDate asOf = asOfGiven == null ? LocalDate.now(clock) : asOfGiven;
        CustomerCase customerCase = cases.ledger(account, asOf);
        LocalDate stopAt = customerCase.insolvency() == null ? null : customerCase.insolvency().opening();
        Map<String, List<Escalator.Item>> byCurrency = new TreeMap<>();
        customerCase.items().stream()
                .filter(item -> item.disputeReason() == null && item.dueDate().isBefore(asOf))
                .forEach(item -> byCurrency.computeIfAbsent(item.currency(), c -> new ArrayList<>()).add(item));
        Map<String, List<CustomerCase.PaidLate>> latePaid = new TreeMap<>();
        customerCase.latePaid().forEach(part -> {
            latePaid.computeIfAbsent(part.currency(), c -> new ArrayList<>()).add(part);
            byCurrency.computeIfAbsent(part.currency(), c -> new ArrayList<>());
        });
        // Claimed or waived as in the customer's next actions: the plan the policy gives it decides.
        String plan = planner.onOneVersion(active -> planner.profile(active, customerCase,
                applicants.of(planner.standing(customerCase, asOf, active), asOf)).dunningPlan());
        boolean claimed = properties.claimsLatePayments(plan);
        List<InvoiceDue> invoices = new ArrayList<>();
        List<Totals> totals = new ArrayList<>();
        List<DunningApi.LatePaidDue> parts = new ArrayList<>();
        byCurrency.forEach((currency, items) -> {
            Dues.Computed dues = letters.dues().of(items, Currency.getInstance(currency), asOf,
                    ActionLetters.terms(customerCase), stopAt, latePaid.getOrDefault(currency, List.of()), claimed);
            invoices.addAll(dues.invoices());
            totals.add(dues.totals());
            parts.addAll(dues.latePaid());
        });
        List<DunningApi.HistoryEntry> history = this.history.of(account);
        return new AgencyCase(asOf, new DunningApi.Debtor(customerCase.account(), customerCase.name(),
                customerCase.registrationNumber(), customerCase.country(), customerCase.salesperson(),
                customerCase.postalAddress()), invoices, totals, history, new DunningApi.LatePayments(claimed,
                        "arbiter.dunning.late-payment-interest." + plan + "=" + (claimed ? "CLAIM" : "WAIVE"), parts));
    }
}
