package io.arbiter.dunning.planning;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import io.arbiter.policy.EscalationStep;

/**
 * Decides, invoice by invoice, which step of the customer's plan is due on a date, then groups the invoices by action.
 * The rules, from docs/architecture.md §7:
 * <ul>
 * <li>a disputed invoice is set aside and listed apart;</li>
 * <li>an invoice under a promise to pay is set aside until the promised date plus the grace period;</li>
 * <li>otherwise the step due is the highest one whose day (relative to the due date) has come; a neglected invoice
 * therefore catches up at the level its age calls for instead of walking through every reminder;</li>
 * <li>a promise not kept by then resumes the escalation one step higher than the step due the day it broke (or the
 * step already reached, if higher), at once;</li>
 * <li>an action done for an invoice (an outcome recorded) is not proposed again, nor is any step below the highest one
 * done.</li>
 * </ul>
 */
public final class Escalator {

    private Escalator() {
    }

    public record Item(String key, @Nullable Long ledgerId, @Nullable String entity, String number, LocalDate issueDate,
            LocalDate dueDate, BigDecimal openAmount, String currency, @Nullable String disputeReason) {
    }

    /** A promise, with the invoices it covers by key (empty: all). */
    public record PromiseView(LocalDate promisedOn, @Nullable BigDecimal amount, String status, Set<String> invoiceKeys) {

        public boolean covers(Item item) {
            return invoiceKeys.isEmpty() || invoiceKeys.contains(item.key());
        }
    }

    /** An action done on an invoice. */
    public record Done(String invoiceKey, @Nullable Integer step, String action, LocalDate happenedOn) {
    }

    record Proposal(EscalationStep step, List<Item> invoices) {
    }

    public record Paused(Item item, LocalDate until) {
    }

    record Result(List<Proposal> proposals, List<Item> disputed, List<Paused> paused) {
    }

    static Result propose(List<Item> items, List<EscalationStep> steps, List<PromiseView> promises, List<Done> done,
            LocalDate asOf, int graceDays) {
        List<Item> disputed = new ArrayList<>();
        List<Paused> paused = new ArrayList<>();
        // By the step's position in the plan: records holding reasons hash slowly, and this runs for every customer.
        Map<Integer, List<Item>> due = new TreeMap<>();
        TreeSet<Integer> stepNumbers = new TreeSet<>();
        steps.forEach(step -> stepNumbers.add(step.step()));
        Map<String, List<Done>> doneByInvoice = new LinkedHashMap<>();
        done.forEach(d -> doneByInvoice.computeIfAbsent(d.invoiceKey(), k -> new ArrayList<>()).add(d));
        for (Item item : items) {
            if (item.disputeReason() != null) {
                disputed.add(item);
                continue;
            }
            PromiseView promise = promises.stream().filter(p -> !p.status().equals("KEPT") && p.covers(item))
                    .max(Comparator.comparing(PromiseView::promisedOn)).orElse(null);
            LocalDate pausedUntil = promise == null ? null : promise.promisedOn().plusDays(graceDays);
            if (pausedUntil != null && !asOf.isAfter(pausedUntil)) {
                paused.add(new Paused(item, pausedUntil));
                continue;
            }
            List<Done> itemDone = doneByInvoice.getOrDefault(item.key(), List.of());
            Integer stepNow = byDays(steps, days(item, asOf));
            if (pausedUntil != null) {
                LocalDate broke = pausedUntil.plusDays(1);
                Integer reached = maxStep(itemDone.stream().filter(d -> !d.happenedOn().isAfter(broke)).toList());
                Integer base = max(byDays(steps, days(item, broke)), reached);
                Integer higher = base == null ? stepNumbers.isEmpty() ? null : stepNumbers.first() : stepNumbers.higher(base);
                stepNow = max(stepNow, higher == null ? base : higher);
            }
            if (stepNow == null) {
                continue;
            }
            Integer reached = maxStep(itemDone);
            if (reached != null && stepNow < reached) {
                continue;
            }
            for (int i = 0; i < steps.size(); i++) {
                EscalationStep step = steps.get(i);
                if (step.step() == stepNow && itemDone.stream().noneMatch(d -> Objects.equals(d.step(), step.step())
                        && d.action().equals(step.action()))) {
                    due.computeIfAbsent(i, s -> new ArrayList<>()).add(item);
                }
            }
        }
        List<Proposal> proposals = new ArrayList<>();
        due.forEach((index, invoices) -> proposals.add(new Proposal(steps.get(index), List.copyOf(invoices))));
        proposals.sort(Comparator.comparingInt((Proposal p) -> p.step().step())
                .thenComparing(p -> p.step().reason().row() == null ? 0 : p.step().reason().row()));
        return new Result(proposals, disputed, paused);
    }

    public static long days(Item item, LocalDate date) {
        return ChronoUnit.DAYS.between(item.dueDate(), date);
    }

    /** The highest step whose day has come, or null. */
    private static @Nullable Integer byDays(List<EscalationStep> steps, long daysFromDue) {
        Integer best = null;
        for (EscalationStep step : steps) {
            if (step.afterDueDays() <= daysFromDue && (best == null || step.step() > best)) {
                best = step.step();
            }
        }
        return best;
    }

    private static @Nullable Integer maxStep(List<Done> done) {
        return done.stream().map(Done::step).filter(Objects::nonNull).max(Integer::compare).orElse(null);
    }

    private static @Nullable Integer max(@Nullable Integer a, @Nullable Integer b) {
        // Not as nested ternaries: Math.max's int would unbox a null b when a is null too.
        if (a == null) {
            return b;
        }
        return b == null ? a : Integer.valueOf(Math.max(a, b));
    }
}
