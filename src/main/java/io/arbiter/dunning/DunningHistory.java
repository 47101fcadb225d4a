package io.arbiter.dunning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.arbiter.dunning.DunningApi.HistoryEntry;
import io.arbiter.dunning.cases.CustomerCase;
import io.arbiter.dunning.cases.DunningActions;

/**
 * What dunning did for a customer account: every action proposed and, when something came of it, each outcome the
 * collectors recorded, in date order. An agency's case file and the customer page show the same history.
 */
@Service
public class DunningHistory {

    private final DunningActions actions;

    DunningHistory(DunningActions actions) {
        this.actions = actions;
    }

    /** The history of one ledger account, oldest first. */
    public List<HistoryEntry> of(String account) {
        Map<UUID, List<DunningActions.StoredOutcome>> outcomes = actions.outcomes(account);
        List<HistoryEntry> history = new ArrayList<>();
        for (DunningActions.StoredAction action : actions.ofCustomer(account)) {
            List<String> numbers = action.invoiceKeys().stream().map(CustomerCase::number).toList();
            List<DunningActions.StoredOutcome> results = outcomes.getOrDefault(action.id(), List.of());
            if (results.isEmpty()) {
                history.add(new HistoryEntry(action.proposedOn(), action.id(), action.action(), action.channel(),
                        action.step(), numbers, null, null, null));
            }
            results.forEach(outcome -> history.add(new HistoryEntry(outcome.happenedOn(), action.id(), action.action(),
                    action.channel(), action.step(), numbers, OutcomeKind.valueOf(outcome.kind()), outcome.agent(),
                    outcome.note())));
        }
        history.sort(Comparator.comparing(HistoryEntry::date));
        return history;
    }
}
