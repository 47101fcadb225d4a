package io.arbiter.dunning.letters;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.arbiter.dunning.DunningApi.Action;
import io.arbiter.dunning.DunningApi.InvoiceDue;
import io.arbiter.dunning.DunningApi.Totals;
import io.arbiter.dunning.DunningProperties;
import io.arbiter.dunning.cases.CustomerCase;
import io.arbiter.dunning.planning.DunningPlanner;
import io.arbiter.dunning.planning.Escalator;
import io.arbiter.law.InterestSegment;
import io.arbiter.law.InterestTerms;
import io.arbiter.law.LatePaymentInterest;
import io.arbiter.policy.Reason;
import io.arbiter.shared.Money;

/**
 * Completes a proposed action with what the customer owes ({@link Dues}) and the message rendered in each language.
 * Letters that claim penalties state the rate applied and how it is set (the reference rate and the points added), so
 * the templates receive them; the sender is the invoices' legal entity as configured
 * ({@link DunningProperties#suppliers()}).
 */
@Component
public class ActionLetters {

    private final DunningTemplates templates;
    private final DunningProperties properties;
    private final Dues dues = new Dues(LatePaymentInterest.withBundledRates());

    ActionLetters(DunningTemplates templates, DunningProperties properties) {
        this.templates = templates;
        this.properties = properties;
    }

    public Dues dues() {
        return dues;
    }

    public static InterestTerms terms(CustomerCase customerCase) {
        return customerCase.publicSector() ? InterestTerms.publicBody() : InterestTerms.statutoryBusiness();
    }

    /**
     * The action with amounts per invoice (open, interest to the date, the indemnity once late) and its messages; with
     * the parts paid late it carries, claimed or only shown.
     */
    public Completed complete(CustomerCase customerCase, DunningPlanner.Proposed proposed, LocalDate asOf,
            List<CustomerCase.PaidLate> latePaid, boolean claimed) {
        Currency currency = Currency.getInstance(proposed.invoices().getFirst().currency());
        Dues.Computed computed = dues.of(proposed.invoices(), currency, asOf, terms(customerCase), proposed.stopAt(),
                latePaid, claimed);
        Map<String, String> preview = new LinkedHashMap<>();
        Map<String, String> mentions = new LinkedHashMap<>();
        for (String language : DunningTemplates.LANGUAGES) {
            Map<String, String> variables = variables(language, customerCase, proposed, computed, asOf);
            String text = templates.render(language, proposed.template(), variables);
            preview.put(language, text == null ? "(no template " + language + "/" + proposed.template() + ".txt)" : text);
            String footer = templates.render(language,
                    templates.forDebtor(DunningTemplates.LETTER_FOOTER, customerCase.publicSector()), variables);
            // A supplier without a registration number configured leaves a dangling separator.
            mentions.put(language, footer == null ? "" : footer.strip().replaceAll("(?m)\\s*·\\s*$", ""));
        }
        return new Completed(new Action(proposed.id(), proposed.level(), proposed.action(), proposed.channel(),
                proposed.template(), proposed.confirm(), proposed.assignee(), proposed.deadline(), computed.invoices(),
                computed.totals(), proposed.reason(), preview, mentions, computed.latePaid()), computed);
    }

    public record Completed(Action action, Dues.Computed dues) {
    }

    /**
     * Letters must name who sends them: French law asks business papers for the company's name, registered address and
     * registration number (Code de commerce R123-237), and a formal notice must identify the creditor. Without them
     * configured for the invoices' legal entity, a letter is signed with the bare {@code supplier-name} ("Arbiter"
     * unless set): said once per answer, so that nobody sends such a letter unaware.
     */
    public Optional<Reason> unidentifiedSupplier(DunningPlanner.Proposed proposed) {
        String entity = proposed.invoices().getFirst().entity();
        DunningProperties.Supplier supplier = properties.supplier(entity);
        if (supplier.address() != null && !supplier.address().isBlank() && supplier.registrationNumber() != null
                && !supplier.registrationNumber().isBlank()) {
            return Optional.empty();
        }
        String key = entity == null ? "<entity>" : entity;
        return Optional.of(new Reason("(configuration)", null, null, "SUPPLIER_IDENTITY_MISSING", "Letters for "
                + (entity == null ? "these invoices" : "entity " + entity + "'s invoices") + " are signed '" + supplier.name()
                + "' without the supplier's address and registration number, which French law requires on business"
                + " letters (Code de commerce R123-237). Set arbiter.dunning.suppliers." + key + ".name, .address,"
                + " .registration-number and .contact (docs/ledger-and-collections.md)."));
    }

    private Map<String, String> variables(String language, CustomerCase customerCase, DunningPlanner.Proposed proposed,
            Dues.Computed computed, LocalDate asOf) {
        Formats formats = customerCase.publicSector() ? Formats.of(language).forPublicBody() : Formats.of(language);
        List<InvoiceDue> invoices = computed.invoices();
        Totals totals = computed.totals();
        DunningProperties.Supplier supplier = properties.supplier(proposed.invoices().getFirst().entity());
        Map<String, String> values = new HashMap<>();
        values.put("customer.name", customerCase.name());
        values.put("customer.account", customerCase.account());
        values.put("customer.registrationNumber", Objects.requireNonNullElse(customerCase.registrationNumber(), ""));
        values.put("customer.address", Objects.requireNonNullElse(customerCase.postalAddress(), ""));
        values.put("supplier.name", supplier.name());
        values.put("supplier.address", Objects.requireNonNullElse(supplier.address(), ""));
        values.put("supplier.registrationNumber", Objects.requireNonNullElse(supplier.registrationNumber(), ""));
        values.put("supplier.contact", Objects.requireNonNullElse(supplier.contact(), ""));
        values.put("date", formats.date(asOf));
        values.put("invoices", formats.invoiceTable(invoices));
        values.put("invoices.due", formats.dueTable(invoices));
        values.put("invoices.count", String.valueOf(invoices.size()));
        values.put("total.open", formats.money(totals.open()));
        values.put("total.interest", formats.money(totals.interest()));
        values.put("total.indemnity", formats.money(totals.indemnity()));
        values.put("total.claim", formats.money(totals.claim()));
        // A waived part is not claimed, so a letter does not mention it: the customer would read it as a claim.
        values.put("latePaid", totals.latePaymentClaimed() && !computed.latePaid().isEmpty()
                ? formats.latePaidBlock(computed.latePaid(), totals.latePaymentInterest().plus(totals.latePaymentIndemnity()))
                : "");
        values.put("total.notYetDue", formats.money(invoices.stream().filter(InvoiceDue::notYetDue)
                .map(InvoiceDue::openAmount).reduce(Money.of(BigDecimal.ZERO, totals.open().currency()), Money::plus)));
        values.put("action.channel", proposed.channel());
        values.put("claim.deadline", proposed.deadline() == null ? "" : formats.date(proposed.deadline()));
        values.put("interest.until", formats.date(proposed.stopAt() != null && proposed.stopAt().isBefore(asOf)
                ? proposed.stopAt() : asOf));
        InterestSegment rate = computed.rate() != null ? computed.rate() : dues.rateOn(asOf, terms(customerCase));
        LocalDate rateSetOn = computed.rateSetOn() != null ? computed.rateSetOn() : Dues.halfYearStart(rate.from());
        values.put("penalty.rate", formats.percent(rate.ratePercent()));
        values.put("penalty.reference", formats.percent(rate.referenceRatePercent()));
        values.put("penalty.margin", formats.points(rate.ratePercent().subtract(rate.referenceRatePercent())));
        values.put("penalty.referenceDate", formats.date(rateSetOn));
        boolean fr = language.equals("fr");
        boolean publicBody = customerCase.publicSector();
        values.put("penalty.rates", formats.rates(computed.rates().isEmpty()
                ? List.of(new Dues.AppliedRate(rateSetOn, rate.ratePercent(), rate.referenceRatePercent(), asOf, asOf))
                : computed.rates(), publicBody));
        values.put("penalty.basis", publicBody
                ? (fr ? "articles L2192-13 et R2192-31 du Code de la commande publique"
                        : "French Public Procurement Code, art. L2192-13 and R2192-31")
                : (fr ? "article L441-10 du Code de commerce" : "French Commercial Code, art. L441-10"));
        values.put("indemnity.basis", publicBody
                ? (fr ? "articles L2192-13 et D2192-35 du Code de la commande publique"
                        : "French Public Procurement Code, art. L2192-13 and D2192-35")
                : (fr ? "articles L441-10 et D441-5 du Code de commerce" : "French Commercial Code, art. L441-10 and D441-5"));
        Escalator.PromiseView promise = customerCase.promises().stream()
                .filter(p -> proposed.invoices().stream().anyMatch(p::covers))
                .max(Comparator.comparing(Escalator.PromiseView::promisedOn)).orElse(null);
        values.put("promise.date", promise == null ? "" : formats.date(promise.promisedOn()));
        values.put("promise.amount", formats.money(promise == null || promise.amount() == null ? totals.open()
                : Money.of(promise.amount(), totals.open().currency())));
        return values;
    }
}
