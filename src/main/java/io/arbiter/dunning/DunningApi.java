package io.arbiter.dunning;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;

import io.arbiter.policy.Reason;
import io.arbiter.shared.Money;

/**
 * The requests and answers of the dunning API. A customer account is {@code account} in JSON, as everywhere in the API
 * (docs/integration-guide.md, "One name per concept"); requests still take the former {@code customer} for one version.
 */
public final class DunningApi {

    private DunningApi() {
    }

    /**
     * Next actions for one customer. Without {@code openItems} the customer is read from the ledger by account;
     * with them, an external dunning engine sends the open items itself and the ledger is not read.
     *
     * @param asOf the day to compute for; today when absent
     * @param dunningPlan the plan to follow instead of the one segmentation gives
     * @param riskClass the risk class to use instead of the one the policy gives
     * @param insolvencyPublishedOn the BODACC publication of the opening judgment, when the caller knows it
     * @param insolvencyJudgmentOn the opening judgment's date, when the caller knows it: interest stops there
     */
    public record NextActionsRequest(@JsonProperty("account") @JsonAlias("customer") String customer, @Nullable LocalDate asOf, @Nullable String dunningPlan,
            @Nullable String riskClass, @Nullable InlineCustomer customerDetails, @Nullable String entity,
            @Nullable List<InlineInvoice> openItems, @Nullable LocalDate insolvencyPublishedOn,
            @Nullable LocalDate insolvencyJudgmentOn) {

        public NextActionsRequest(String customer, @Nullable LocalDate asOf, @Nullable String dunningPlan,
                @Nullable String riskClass, @Nullable InlineCustomer customerDetails, @Nullable String entity,
                @Nullable List<InlineInvoice> openItems, @Nullable LocalDate insolvencyPublishedOn) {
            this(customer, asOf, dunningPlan, riskClass, customerDetails, entity, openItems, insolvencyPublishedOn, null);
        }
    }

    /**
     * Who the customer is, for open items sent inline.
     *
     * @param postalAddress where registered letters go, lines separated by new lines
     */
    public record InlineCustomer(@Nullable String name, @Nullable String registrationNumber, @Nullable String country,
            @Nullable Boolean publicSector, @Nullable String salesperson, @Nullable LocalDate customerSince,
            @Nullable String postalAddress) {

        public InlineCustomer(@Nullable String name, @Nullable String registrationNumber, @Nullable String country,
                @Nullable Boolean publicSector, @Nullable String salesperson, @Nullable LocalDate customerSince) {
            this(name, registrationNumber, country, publicSector, salesperson, customerSince, null);
        }
    }

    /**
     * An item sent inline; {@code disputeReason} isolates it from dunning.
     *
     * @param openAmount what is left to pay; 0 for an invoice paid in full, sent for its {@code payments}
     * @param payments the payments received on it: those received after the due date owe interest on the part they
     *                 paid, to the day they were received, and an invoice they paid in full late the €40 indemnity, as
     *                 for a ledger customer ({@link LatePayments})
     */
    public record InlineInvoice(String number, LocalDate issueDate, LocalDate dueDate, BigDecimal openAmount,
            String currency, @Nullable String disputeReason, @Nullable List<InlinePayment> payments) {

        public InlineInvoice(String number, LocalDate issueDate, LocalDate dueDate, BigDecimal openAmount,
                String currency, @Nullable String disputeReason) {
            this(number, issueDate, dueDate, openAmount, currency, disputeReason, null);
        }
    }

    /** A payment received on an inline item: the day it was received and the amount, in the item's currency. */
    public record InlinePayment(LocalDate date, BigDecimal amount) {
    }

    public record NextActions(@JsonProperty("account") String customer, String customerName, LocalDate asOf, String dunningPlan, String riskClass,
            String policyVersion, List<Action> actions, List<SetAside> disputed, List<SetAside> paused,
            List<Cancelled> cancelled, @Nullable Insolvency insolvency, List<Reason> problems,
            LatePayments latePayments) {
    }

    /**
     * The customer's payments received after their invoices' due dates, in the last five years (Code de commerce
     * L110-4): each paid part owes interest from the day after the due date to the day it was paid, and an invoice paid
     * late as a whole the €40 indemnity, once (L441-10 II, D441-5). Many suppliers waive them; the dunning plan's
     * setting decides.
     *
     * @param claimed true when they are claimed: the most escalated action in their currency carries them in its
     *                {@code latePaid}, its totals' claim and its letter; false when waived: shown here, never claimed
     * @param setting the setting that decided, {@code arbiter.dunning.late-payment-interest.<plan>} ({@code CLAIM} or
     *                {@code WAIVE}, which is the default)
     */
    public record LatePayments(boolean claimed, String setting, List<LatePaidDue> parts) {
    }

    /**
     * A part of an invoice paid late: what was paid on which day, the interest it accrued to that day, and on the
     * payment that completed an invoice paid late the €40 indemnity that invoice owes (EUR invoices due from 2013).
     */
    public record LatePaidDue(String number, @Nullable String entity, LocalDate dueDate, LocalDate paidOn, long daysLate,
            Money paid, Money interest, @Nullable Money indemnity, List<InterestPeriod> interestPeriods) {
    }

    /**
     * A stretch of an invoice's delay charged at one rate, as a letter states it: for a company one per half-year, the
     * ECB main refinancing rate on its first day (1 January or 1 July) + 10 points (Code de commerce L441-10 II); for a
     * public body the ECB rate on the first day of the half-year the interest started to run in + 8 points, for the
     * whole delay (Code de la commande publique R2192-31).
     *
     * @param from first day late in the stretch
     * @param to last day late in the stretch, included
     * @param referenceRatePercent the ECB rate the rate is built on, in force on {@code referenceRateOn}
     * @param marginPoints the points added to it (10, or 8 for a public body)
     * @param interest this stretch's interest, rounded to the cent; the invoice's total is rounded once from the exact
     *                 sum, so the stretches may differ from it by a cent
     */
    public record InterestPeriod(LocalDate from, LocalDate to, long days, BigDecimal ratePercent,
            BigDecimal referenceRatePercent, LocalDate referenceRateOn, BigDecimal marginPoints, Money interest) {
    }

    /**
     * One action due: what to do, through which channel, with which template, on which invoices.
     *
     * @param level the step of the plan; null for {@code DECLARE_CLAIM}, which the law requires whatever the plan
     * @param deadline the last day to act, when the law sets one
     * @param preview the rendered message by language ({@code fr}, {@code en})
     * @param legalMentions by language, what every letter about the action carries under the message and a person
     *                      cannot edit away: the supplier's identity, the late-payment interest rate and its basis,
     *                      the fixed €40 indemnity (template {@code letter-footer})
     * @param latePaid the invoices' parts paid late that this action carries (see {@link LatePayments}): the most
     *                 escalated action of their currency, whether they are claimed or waived
     */
    public record Action(UUID id, @Nullable Integer level, String action, String channel, String template,
            boolean requiresConfirmation, String assignee, @Nullable LocalDate deadline, List<InvoiceDue> invoices,
            Totals totals, @Nullable Reason reason, Map<String, String> preview, Map<String, String> legalMentions,
            List<LatePaidDue> latePaid) {
    }

    /**
     * An invoice with what the customer owes on it as of the date: the open amount, late interest and indemnity.
     *
     * @param notYetDue the invoice was not yet due on the day the amounts run to: in a claim declaration, a sum "à
     *                  échoir" on the opening judgment, declared with its due date but without interest or indemnity
     *                  (Code de commerce L622-25)
     * @param interestPeriods how {@code interest} is made: one stretch per rate applied, oldest first
     */
    public record InvoiceDue(String number, @Nullable String entity, LocalDate issueDate, LocalDate dueDate, long daysLate,
            boolean notYetDue, Money openAmount, Money interest, @Nullable Money indemnity,
            List<InterestPeriod> interestPeriods) {
    }

    /**
     * @param claim what the customer is asked to pay: open + interest + indemnity, and the late-paid parts' interest
     *              and indemnities when they are claimed
     * @param latePaymentInterest the interest on parts paid late ({@code latePaid}), claimed or not
     * @param latePaymentIndemnity the €40 indemnities of the invoices paid late as a whole, claimed or not
     * @param latePaymentClaimed whether those two are part of {@code claim}
     */
    public record Totals(Money open, Money interest, Money indemnity, Money claim, Money latePaymentInterest,
            Money latePaymentIndemnity, boolean latePaymentClaimed) {
    }

    /** An invoice kept out of dunning: disputed (with the reason) or under a promise to pay (until the date given). */
    public record SetAside(String number, LocalDate dueDate, Money openAmount, String why, @Nullable LocalDate until) {
    }

    /** An action proposed earlier that is no longer due because its invoices were paid. */
    public record Cancelled(UUID id, String action, @Nullable Integer level, List<String> invoices, String why) {
    }

    /**
     * Insolvency proceedings: only the claim is declared.
     *
     * @param publishedOn the BODACC publication the deadline runs from, or the best date known
     * @param approximate true when {@code publishedOn} is only the best date known (a bureau report's date): check the
     *                    BODACC and give the publication date
     * @param openingOn the day interest stopped for the declared debts (the judgment when known, else the publication)
     * @param notDeclared invoices issued on or after the opening judgment: debts arising after it are not part of the
     *                    claim (the debtor pays them at their due date, L622-17) and are listed apart; an invoice issued
     *                    before it is declared even when not yet due (L622-24, L622-25)
     */
    public record Insolvency(LocalDate publishedOn, boolean approximate, LocalDate claimDeadline, LocalDate openingOn,
            List<SetAside> notDeclared) {
    }

    /**
     * What happened with an action.
     *
     * @param date the day it happened; today when absent
     * @param agent who did it (in-house collector or outsourced agent)
     * @param confirmedBy the person confirming an action that requires confirmation
     * @param message the text as the person edited it before sending
     */
    public record OutcomeRequest(UUID actionId, @JsonProperty("account") @JsonAlias("customer") String customer, OutcomeKind kind, @Nullable LocalDate date,
            @Nullable String agent, @Nullable String confirmedBy, @Nullable String note, @Nullable PromiseToPay promise,
            @Nullable DisputeRaised dispute, @Nullable Message message) {
    }

    public record PromiseToPay(LocalDate date, BigDecimal amount) {
    }

    /** A dispute on some of the action's invoices, by number. */
    public record DisputeRaised(String reason, List<String> invoices) {
    }

    public record Message(String language, String text) {
    }

    /**
     * An action's message sent by a person: by e-mail (the letter attached as PDF) or as a letter they print and post.
     * Sending records the {@code SENT} outcome with the text as sent.
     *
     * @param channel {@code EMAIL} or {@code LETTER} (a letter or registered letter, printed from its PDF); the action's
     *                own channel when absent
     * @param to the e-mail address, for {@code EMAIL}
     * @param language {@code fr} or {@code en}; the customer's language when absent
     * @param text the message as the person edited it; the proposed one when absent
     * @param date the day it is sent; today when absent
     * @param confirmedBy the person confirming an action that requires confirmation (a formal notice)
     */
    public record SendRequest(@JsonProperty("account") @JsonAlias("customer") String customer, @Nullable String channel, @Nullable String to, @Nullable String language,
            @Nullable String text, @Nullable LocalDate date, @Nullable String confirmedBy, @Nullable String note) {
    }

    /**
     * What was sent: the {@code SENT} outcome recorded and where its letter's PDF is.
     *
     * @param letter the path of the PDF of the letter as sent
     */
    @Schema(name = "MessageSent") // another API class has this simple name (SchemaNamesTests)
    public record Sent(long outcomeId, UUID actionId, @JsonProperty("account") String customer, String channel, @Nullable String to,
            String language, LocalDate date, String sentBy, @Nullable String confirmedBy, String letter) {
    }

    public record OutcomeRecorded(long id, UUID actionId, @JsonProperty("account") String customer, OutcomeKind kind, LocalDate date,
            @Nullable Long promiseId, @Nullable Long disputeId) {
    }

    public record Agenda(LocalDate asOf, String policyVersion, int customers, int actions, List<AssigneeActions> groups) {
    }

    public record AssigneeActions(String assignee, List<AgendaEntry> actions) {
    }

    public record AgendaEntry(UUID actionId, @JsonProperty("account") String customer, String customerName, @Nullable Integer level, String action,
            String channel, String template, boolean requiresConfirmation, @Nullable LocalDate deadline,
            List<String> invoices, Money openAmount) {
    }

    /** One action of the agenda as the API pages it: the agenda's entry with who carries it out. */
    public record AgendaAction(String assignee, UUID actionId, @JsonProperty("account") String customer, String customerName,
            @Nullable Integer level, String action, String channel, String template, boolean requiresConfirmation,
            @Nullable LocalDate deadline, List<String> invoices, Money openAmount) {

        public static AgendaAction of(String assignee, AgendaEntry entry) {
            return new AgendaAction(assignee, entry.actionId(), entry.customer(), entry.customerName(), entry.level(),
                    entry.action(), entry.channel(), entry.template(), entry.requiresConfirmation(), entry.deadline(),
                    entry.invoices(), entry.openAmount());
        }
    }

    /**
     * The case file a collection agency needs: the invoices past due and not disputed, in every currency, and the
     * payments received late.
     *
     * @param totals one per currency, in currency order; with the late payments' interest and indemnities, in the claim
     *               when the customer's dunning plan claims them
     * @param latePayments the payments received late, with their interest and indemnity, claimed or waived as in the
     *                     customer's next actions
     */
    public record AgencyCase(LocalDate asOf, Debtor debtor, List<InvoiceDue> invoices, List<Totals> totals,
            List<HistoryEntry> history, LatePayments latePayments) {
    }

    public record Debtor(String account, String name, @Nullable String registrationNumber, String country,
            @Nullable String salesperson, @Nullable String postalAddress) {
    }

    /** A proposed action and, when something came of it, the outcome. */
    public record HistoryEntry(LocalDate date, UUID actionId, String action, String channel, @Nullable Integer level,
            List<String> invoices, @Nullable OutcomeKind outcome, @Nullable String agent, @Nullable String note) {
    }
}
