package io.arbiter.dunning.planning;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.arbiter.decision.StandingApplicants;
import io.arbiter.dunning.DunningProperties;
import io.arbiter.dunning.cases.CustomerCase;
import io.arbiter.dunning.cases.InsolvencyProceedings.Proceedings;
import io.arbiter.dunning.letters.DunningTemplates;
import io.arbiter.policy.ActivePolicy;
import io.arbiter.policy.Applicant;
import io.arbiter.policy.DunningCase;
import io.arbiter.policy.DunningProfile;
import io.arbiter.policy.Escalation;
import io.arbiter.policy.EscalationStep;
import io.arbiter.policy.Reason;
import io.arbiter.shared.ProblemException;

/**
 * The dunning planner: which actions a customer's case calls for on a day. The plan and the risk class come from the
 * active policy (segmentation, scoring, rating) over the same facts a credit decision uses ({@link StandingApplicants}),
 * unless the caller names them; the escalation table gives the plan's steps and {@link Escalator} decides which are
 * due. In insolvency proceedings every action stops but the claim declaration, which the law requires (L622-21,
 * L622-24): it carries every debt that arose before the opening judgment, due or not yet due ("à échoir", L622-25);
 * the debts arising after it (L622-17) are listed apart. An invoice's issue date tells which: the judgment takes effect
 * from the first hour of its day, so an invoice issued that day is a later debt.
 *
 * <p>One answer is made on one policy version: the caller reads the active policy once ({@link #onOneVersion}) and
 * passes it down. The engine answers each question (profile, escalation) with the version serving when asked, so an
 * answer of another version means a publish came in between: the answer is made again, whole, on the new version,
 * rather than giving one version's plan with another's steps.
 */
@Component
public class DunningPlanner {

    static final String CLAIM_ACTION = "DECLARE_CLAIM";

    /** What the policy and the escalator made of a case. */
    public record Assessment(String plan, String riskClass, String policyVersion, List<Proposed> proposed,
            List<Escalator.Item> disputed, List<Escalator.Paused> paused, List<Escalator.Item> notDeclared,
            List<Reason> problems) {
    }

    /** An action due, before amounts and messages are added; {@code stopAt} ends interest (the opening judgment). */
    public record Proposed(UUID id, @Nullable Integer level, String action, String channel, String template, boolean confirm,
            String assignee, @Nullable LocalDate deadline, List<Escalator.Item> invoices, @Nullable Reason reason,
            @Nullable LocalDate stopAt) {
    }

    /** How many publishes in a row an answer is made again for before the caller is asked to retry. */
    private static final int ATTEMPTS = 3;

    /** Thrown when the engine answered with another version than the one the answer is made on. */
    static final class PolicyPublished extends RuntimeException {
        PolicyPublished() {
            super(null, null, false, false);
        }
    }

    private final DunningRules policy;
    private final DunningProperties properties;
    private final DunningTemplates templates;

    DunningPlanner(DunningRules policy, DunningProperties properties, DunningTemplates templates) {
        this.policy = policy;
        this.properties = properties;
        this.templates = templates;
    }

    /**
     * Makes an answer on one reading of the active policy, made again on the new version when one is published while
     * it is made; a 503 problem, to retry, if that happens {@value #ATTEMPTS} times in a row.
     */
    public <T> T onOneVersion(Function<ActivePolicy, T> answer) {
        for (int attempt = 1; ; attempt++) {
            try {
                return answer.apply(policy.active());
            } catch (PolicyPublished e) {
                if (attempt == ATTEMPTS) {
                    throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "policy-being-published",
                            "Policy being published", "The active policy changed " + ATTEMPTS + " times while this"
                                    + " answer was made; ask again");
                }
            }
        }
    }

    /** The customer as the policy's facts need it: its exposure in the policy's currency, disputed invoices aside. */
    public StandingApplicants.Standing standing(CustomerCase customerCase, LocalDate asOf, ActivePolicy active) {
        String currency = active.currency();
        BigDecimal open = BigDecimal.ZERO;
        BigDecimal overdue = BigDecimal.ZERO;
        for (Escalator.Item item : customerCase.items()) {
            if (item.disputeReason() == null && item.currency().equals(currency)) {
                open = open.add(item.openAmount());
                if (item.dueDate().isBefore(asOf)) {
                    overdue = overdue.add(item.openAmount());
                }
            }
        }
        return new StandingApplicants.Standing(customerCase.account(), customerCase.registrationNumber(),
                customerCase.country(), customerCase.publicSector(), customerCase.customerSince(),
                customerCase.paymentTermsDays(), open, overdue, BigDecimal.ZERO, customerCase.termsBeyondLegalMaximum());
    }

    /**
     * @param active the active policy as read once for this answer ({@link #onOneVersion})
     * @param facts the customer's facts for the policy ({@link StandingApplicants}); unused when the caller names both
     *              the plan and the risk class
     * @throws PolicyPublished when the engine answered with another version
     */
    public Assessment assess(ActivePolicy active, CustomerCase customerCase, LocalDate asOf, @Nullable String planGiven,
            @Nullable String riskGiven, List<Escalator.Done> done, @Nullable Applicant facts) {
        String plan = planGiven;
        String riskClass = riskGiven;
        String version = active.version();
        if (plan == null || riskClass == null) {
            DunningProfile profile = profile(active, customerCase, facts);
            plan = plan == null ? profile.dunningPlan() : plan;
            riskClass = riskClass == null ? profile.riskClass() : riskClass;
        }
        if (customerCase.insolvency() != null) {
            Proceedings proceedings = customerCase.insolvency();
            List<Escalator.Item> declared = customerCase.items().stream()
                    .filter(item -> item.issueDate().isBefore(proceedings.opening())).toList();
            List<Escalator.Item> after = customerCase.items().stream()
                    .filter(item -> !item.issueDate().isBefore(proceedings.opening())).toList();
            return new Assessment(plan, riskClass, version, claim(customerCase, declared, done), List.of(), List.of(),
                    after, List.of());
        }
        Escalation escalation = policy.escalation(new DunningCase(plan, riskClass.toUpperCase(Locale.ROOT),
                standing(customerCase, asOf, active).overdue()));
        requireSame(active, escalation.policyVersion());
        List<Reason> problems = new ArrayList<>(escalation.problems());
        Escalator.Result result = Escalator.propose(customerCase.items(), escalation.steps(), customerCase.promises(),
                done, asOf, (int) properties.promiseGrace().toDays());
        List<Proposed> proposed = new ArrayList<>();
        for (Escalator.Proposal proposal : result.proposals()) {
            EscalationStep step = customerCase.publicSector() ? forPublicBody(proposal.step()) : proposal.step();
            byCurrency(proposal.invoices()).values().forEach(invoices -> proposed.add(new Proposed(
                    actionId(customerCase.account(), step.step(), step.action(), step.channel(), invoices), step.step(),
                    step.action(), step.channel(), templates.forDebtor(step.template(), customerCase.publicSector()),
                    step.confirm(), assignee(step.assignee(), customerCase), null, invoices, step.reason(), null)));
        }
        return new Assessment(plan, riskClass, version, proposed, result.disputed(), result.paused(), List.of(), problems);
    }

    /** The plan and risk class the policy gives the case's facts; a case in proceedings is profiled as such. */
    public DunningProfile profile(ActivePolicy active, CustomerCase customerCase, Applicant facts) {
        Applicant applicant = facts;
        if (customerCase.insolvency() != null) {
            applicant = applicant.toBuilder().companyStatus("INSOLVENCY_PROCEEDINGS").build();
        }
        DunningProfile profile = policy.profile(applicant);
        requireSame(active, profile.policyVersion());
        return profile;
    }

    /**
     * A public body cannot be the target of an injonction de payer or of enforcement (its property cannot be seized;
     * the remedy is the administrative judge's référé-provision, CJA R541-1, and the prefect's mandatement d'office):
     * whatever plan applies (a plan given by the caller, a table edited), a payment-order step becomes the credit
     * manager's internal step whose public template says so. The step, its day and its row stay, so it is done once.
     */
    private static EscalationStep forPublicBody(EscalationStep step) {
        if (!step.action().equals("PAYMENT_ORDER")) {
            return step;
        }
        Reason why = step.reason() == null ? null : new Reason(step.reason().table(), step.reason().sheet(),
                step.reason().row(), step.reason().ruleName(), step.reason().description()
                + " — for a public body, no payment order (injonction de payer): refer it to the administrative court"
                + " (référé-provision) and the prefect");
        return new EscalationStep(step.step(), step.afterDueDays(), "INTERNAL_ALERT", "INTERNAL", "internal-alert", true,
                "CREDIT_MANAGER", why);
    }

    private static void requireSame(ActivePolicy active, String answeredWith) {
        if (!active.version().equals(answeredWith)) {
            throw new PolicyPublished();
        }
    }

    /** The claim on every debt arising before the opening judgment, disputed or not; one per currency (never added up). */
    private static List<Proposed> claim(CustomerCase customerCase, List<Escalator.Item> declared, List<Escalator.Done> done) {
        Set<String> already = new HashSet<>();
        done.stream().filter(d -> d.action().equals(CLAIM_ACTION)).forEach(d -> already.add(d.invoiceKey()));
        Proceedings proceedings = customerCase.insolvency();
        LocalDate deadline = proceedings.claimDeadline();
        Reason reason = new Reason("(law)", null, null, "CLAIM_DECLARATION", "Insolvency proceedings "
                + (proceedings.approximate() ? "reported by a bureau on " + proceedings.publishedOn()
                        + " (publication date not known: check the BODACC, the deadline runs from it)"
                        : "published on " + proceedings.publishedOn())
                + ": dunning stops (Code de commerce L622-21) and the claim must be declared to the court-appointed"
                + " representative by " + deadline + " (L622-24, R622-24), with the sums not yet due on "
                + proceedings.opening() + " and their due dates (L622-25). Interest stops on " + proceedings.opening()
                + " (L622-28).");
        return byCurrency(declared).values().stream()
                .filter(invoices -> invoices.stream().noneMatch(item -> already.contains(item.key())))
                .map(invoices -> new Proposed(actionId(customerCase.account(), null, CLAIM_ACTION, "REGISTERED_LETTER",
                        invoices), null, CLAIM_ACTION, "REGISTERED_LETTER", "declare-claim", true, "CREDIT_MANAGER",
                        deadline, invoices, reason, proceedings.opening()))
                .toList();
    }

    private static Map<String, List<Escalator.Item>> byCurrency(List<Escalator.Item> items) {
        Map<String, List<Escalator.Item>> byCurrency = new TreeMap<>();
        items.forEach(item -> byCurrency.computeIfAbsent(item.currency(), c -> new ArrayList<>()).add(item));
        return byCurrency;
    }

    /** Same customer, step, action, channel and invoices: same id, so that an action proposed again is the same one. */
    static UUID actionId(String account, @Nullable Integer step, String action, String channel, List<Escalator.Item> invoices) {
        String identity = account + "|" + step + "|" + action + "|" + channel + "|"
                + String.join(",", invoices.stream().map(Escalator.Item::key).sorted().toList());
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8));
    }

    private static String assignee(String role, CustomerCase customerCase) {
        if (role.equals("SALESPERSON")) {
            return customerCase.salesperson() == null ? "SALESPERSON (none assigned)" : "salesperson:" + customerCase.salesperson();
        }
        return role;
    }
}
