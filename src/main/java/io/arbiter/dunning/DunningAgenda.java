package io.arbiter.dunning;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import io.arbiter.decision.StandingApplicants;
import io.arbiter.dunning.DunningApi.Agenda;
import io.arbiter.dunning.DunningApi.AgendaEntry;
import io.arbiter.dunning.DunningApi.AssigneeActions;
import io.arbiter.dunning.cases.CaseReader;
import io.arbiter.dunning.cases.CustomerCase;
import io.arbiter.dunning.cases.DunningActions;
import io.arbiter.dunning.cases.InsolvencyProceedings;
import io.arbiter.dunning.cases.InsolvencyProceedings.Proceedings;
import io.arbiter.dunning.planning.DunningPlanner;
import io.arbiter.dunning.planning.Escalator;
import io.arbiter.ledger.OpenItems;
import io.arbiter.policy.ActivePolicy;
import io.arbiter.policy.Applicant;
import io.arbiter.shared.CompanyKey;
import io.arbiter.shared.Money;

/**
 * The collector's agenda: every ledger customer's actions due on a day, grouped by who carries them out. One streamed
 * pass over the open invoices (a salesperson's agenda reads only their customers' invoices, by index); outcomes and
 * insolvencies are read before it, and the customers' facts for the policy ({@link StandingApplicants}) are read a
 * batch of customers at a time after it, so that the stream's connection is never used for anything else. The whole
 * agenda is assessed on one reading of the active policy, which its {@code policyVersion} names
 * ({@link DunningPlanner#onOneVersion}).
 */
@Service
public class DunningAgenda {

    private static final int BATCH = 500;

    private final OpenItems openItems;
    private final CaseReader cases;
    private final DunningPlanner planner;
    private final StandingApplicants applicants;
    private final DunningActions actions;
    private final InsolvencyProceedings proceedings;

    DunningAgenda(OpenItems openItems, CaseReader cases, DunningPlanner planner, StandingApplicants applicants,
            DunningActions actions, InsolvencyProceedings proceedings) {
        this.openItems = openItems;
        this.cases = cases;
        this.planner = planner;
        this.applicants = applicants;
        this.actions = actions;
        this.proceedings = proceedings;
    }

    /** @param salesperson only the customers the ledger assigns to this salesperson; null for every customer */
    public Agenda agenda(LocalDate date, @Nullable String salesperson) {
        Map<CompanyKey, Proceedings> insolvencies = proceedings.all();
        Map<String, List<Escalator.Done>> done = actions.doneByCustomer(date);
        List<CustomerCase> batch = new ArrayList<>();
        openItems.forEachCustomer(salesperson, customerItems -> {
            CustomerCase read = cases.ledger(customerItems, date);
            batch.add(read.company() == null ? read : read.withInsolvency(insolvencies.get(read.company())));
        });
        // The ledger's cases do not depend on the policy: only their assessment is made again after a publish.
        return planner.onOneVersion(active -> agenda(date, active, batch, done));
    }

    private Agenda agenda(LocalDate date, ActivePolicy active, List<CustomerCase> batch,
            Map<String, List<Escalator.Done>> done) {
        Map<String, List<AgendaEntry>> byAssignee = new TreeMap<>();
        int[] counts = new int[2];
        for (int from = 0; from < batch.size(); from += BATCH) {
            List<CustomerCase> slice = batch.subList(from, Math.min(batch.size(), from + BATCH));
            Map<String, Applicant> facts = applicants.of(slice.stream().map(c -> planner.standing(c, date, active))
                    .toList(), date);
            // Each customer's assessment is the policy's and the escalator's work alone (CPU, no I/O; the engine lends
            // each thread a working memory of its own): the cores share them, in the customers' order.
            List<DunningPlanner.Assessment> assessments = slice.parallelStream().map(customerCase -> planner.assess(
                    active, customerCase, date, null, null, done.getOrDefault(customerCase.account(), List.of()),
                    facts.get(customerCase.account()))).toList();
            for (int i = 0; i < slice.size(); i++) {
                CustomerCase customerCase = slice.get(i);
                DunningPlanner.Assessment assessment = assessments.get(i);
                counts[0]++;
                for (DunningPlanner.Proposed proposed : assessment.proposed()) {
                    counts[1]++;
                    Money open = Money.of(proposed.invoices().stream().map(Escalator.Item::openAmount)
                            .reduce(BigDecimal.ZERO, BigDecimal::add),
                            Currency.getInstance(proposed.invoices().getFirst().currency()));
                    byAssignee.computeIfAbsent(proposed.assignee(), a -> new ArrayList<>()).add(new AgendaEntry(
                            proposed.id(), customerCase.account(), customerCase.name(), proposed.level(),
                            proposed.action(), proposed.channel(), proposed.template(), proposed.confirm(),
                            proposed.deadline(), proposed.invoices().stream().map(Escalator.Item::number).toList(), open));
                }
            }
        }
        List<AssigneeActions> groups = byAssignee.entrySet().stream()
                .map(entry -> new AssigneeActions(entry.getKey(), entry.getValue())).toList();
        return new Agenda(date, active.version(), counts[0], counts[1], groups);
    }
}
