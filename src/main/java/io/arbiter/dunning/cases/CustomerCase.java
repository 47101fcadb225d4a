package io.arbiter.dunning.cases;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.arbiter.dunning.cases.InsolvencyProceedings.Proceedings;
import io.arbiter.dunning.planning.Escalator;
import io.arbiter.law.Debtor;
import io.arbiter.law.PaymentTerms;
import io.arbiter.policy.Reason;
import io.arbiter.shared.CompanyKey;

/**
 * A customer's situation as dunning sees it on one day, read from the ledger or from open items sent inline.
 *
 * @param company the company its registration number names, null without a usable number
 * @param postalAddress where registered letters go, as the ledger holds it; null when unknown
 * @param insolvency the proceedings known for the company, null when none
 * @param latePaid the parts of its invoices paid after their due date (ledger customers only: inline open items carry no
 *                 payments)
 */
public record CustomerCase(String account, @Nullable Long ledgerId, String name, @Nullable String registrationNumber,
        @Nullable CompanyKey company, @Nullable String postalAddress, String country, boolean publicSector,
        @Nullable String salesperson,
        @Nullable LocalDate customerSince, @Nullable Integer paymentTermsDays, List<Escalator.Item> items,
        List<Escalator.PromiseView> promises, @Nullable Proceedings insolvency, List<Reason> problems,
        List<PaidLate> latePaid) {

    private static final char KEY_SEPARATOR = '|';

    /**
     * A payment received after the due date of the invoice it was allocated to.
     *
     * @param settled the invoice has nothing left to pay: it was paid late as a whole and owes the €40 indemnity
     */
    public record PaidLate(@Nullable String entity, String number, LocalDate dueDate, BigDecimal paid, String currency,
            LocalDate paidOn, boolean settled) {
    }

    public CustomerCase(String account, @Nullable Long ledgerId, String name, @Nullable String registrationNumber,
            @Nullable CompanyKey company, @Nullable String postalAddress, String country, boolean publicSector,
            @Nullable String salesperson, @Nullable LocalDate customerSince, @Nullable Integer paymentTermsDays,
            List<Escalator.Item> items, List<Escalator.PromiseView> promises, @Nullable Proceedings insolvency,
            List<Reason> problems) {
        this(account, ledgerId, name, registrationNumber, company, postalAddress, country, publicSector, salesperson,
                customerSince, paymentTermsDays, items, promises, insolvency, problems, List.of());
    }

    public CustomerCase withInsolvency(@Nullable Proceedings proceedings) {
        return new CustomerCase(account, ledgerId, name, registrationNumber, company, postalAddress, country,
                publicSector, salesperson, customerSince, paymentTermsDays, items, promises, proceedings, problems,
                latePaid);
    }

    CustomerCase withLatePaid(List<PaidLate> parts) {
        return new CustomerCase(account, ledgerId, name, registrationNumber, company, postalAddress, country,
                publicSector, salesperson, customerSince, paymentTermsDays, items, promises, insolvency, problems,
                List.copyOf(parts));
    }

    Debtor debtor() {
        return publicSector ? Debtor.PUBLIC_BODY : Debtor.BUSINESS;
    }

    /** Whether some open invoice is due later than the law allows (LME, L441-10 I; 30 days for a public body). */
    public boolean termsBeyondLegalMaximum() {
        return items.stream().anyMatch(item -> !PaymentTerms.check(item.issueDate(), item.dueDate(), debtor()).compliant());
    }

    /** A ledger invoice is known by entity and number; an inline one by its number alone. */
    public static String key(String entity, String number) {
        return entity + KEY_SEPARATOR + number;
    }

    public static String number(String key) {
        int separator = key.indexOf(KEY_SEPARATOR);
        return separator < 0 ? key : key.substring(separator + 1);
    }
}
