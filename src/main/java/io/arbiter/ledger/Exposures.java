package io.arbiter.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.arbiter.law.Debtor;
import io.arbiter.law.PaymentTerms;
import io.arbiter.shared.Money;
import io.arbiter.shared.RegistrationNumbers;

/**
 * What a customer owes and has on order, per currency: open receivables + orders backlog, as the ledger knows them.
 * Customers of one group share a credit limit, so the group's exposure (every customer of the group summed) comes
 * beside the customer's own. Amounts in different currencies are never added together.
 */
@Service
public class Exposures {

    /** One currency's exposure. {@code total} is open receivables + orders backlog. */
    public record CurrencyExposure(Money openReceivables, Money overdue, Money ordersBacklog, Money total) {

        static CurrencyExposure of(Currency currency, BigDecimal open, BigDecimal overdue, BigDecimal backlog) {
            return new CurrencyExposure(Money.of(open, currency), Money.of(overdue, currency), Money.of(backlog, currency),
                    Money.of(open.add(backlog), currency));
        }

        public Currency currency() {
            return total.currency();
        }
    }

    /**
     * @param accounts the ledger's customer accounts of this company (one company may have several: one per entity,
     *                 one per establishment)
     * @param customerIds their ledger ids, for the features that read more about them; not in the API, which names an
     *                    account by its code only (docs/integration-guide.md, "One name per concept")
     * @param groups the customer groups these accounts belong to (usually none or one)
     * @param customer the accounts' own exposure, one entry per currency
     * @param group every customer of those groups summed (the accounts' own included), one entry per currency; empty
     *              when the customer is in no group
     */
    public record CustomerExposure(String registrationNumber, LocalDate asOf, List<String> accounts,
            @JsonIgnore List<Long> customerIds, List<String> groups, List<CurrencyExposure> customer, List<CurrencyExposure> group) {

        /** What a credit limit is measured against: the group's exposure when the customer is in a group. */
        public List<CurrencyExposure> forLimit() {
            return groups.isEmpty() ? customer : group;
        }

        public Optional<CurrencyExposure> forLimit(Currency currency) {
            return forLimit().stream().filter(e -> e.currency().equals(currency)).findFirst();
        }

        /**
         * The company without its groups, for a salesperson's key: a group's total would show the balances of its other
         * members, which may be other salespeople's customers.
         */
        public CustomerExposure companyOnly() {
            return new CustomerExposure(registrationNumber, asOf, accounts, customerIds, List.of(), customer, List.of());
        }
    }

    private record Account(long id, String account, @Nullable String groupCode) {
    }

    private record Amounts(String currency, BigDecimal open, BigDecimal overdue, BigDecimal backlog) {
    }

    private final JdbcClient jdbc;

    Exposures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Ledger customer ids of the company with this registration number: every account of the same country whose number
     * names the same company (for a French company its SIREN, any of its establishments' SIRETs or its VAT number;
     * migration V15). The same digits in another country are another company.
     */
    public List<Long> customerIds(String country, String registrationNumber) {
        return accounts(country, registrationNumber).stream().map(Account::id).toList();
    }

    /**
     * The exposure the ledger holds now for the company with this registration number, its overdue part being the
     * open invoices due before {@code asOf}; empty when no ledger customer carries the number.
     */
    @Transactional(readOnly = true)
    public Optional<CustomerExposure> of(String country, String registrationNumber, LocalDate asOf) {
        List<Account> accounts = accounts(country, registrationNumber);
        if (accounts.isEmpty()) {
            return Optional.empty();
        }
        List<Long> ids = accounts.stream().map(Account::id).toList();
        List<String> groups = accounts.stream().map(Account::groupCode).filter(g -> g != null).distinct().sorted().toList();
        List<CurrencyExposure> group = List.of();
        if (!groups.isEmpty()) {
            List<Long> members = jdbc.sql("select id from ledger_customer where group_code in (:groups) union select id from ledger_customer where id in (:ids)")
                    .param("groups", groups).param("ids", ids).query(Long.class).list();
            group = amounts(members, asOf);
        }
        return Optional.of(new CustomerExposure(RegistrationNumbers.normalise(country, registrationNumber,
                "registrationNumber").registrationNumber(), asOf, accounts.stream().map(Account::account).toList(), ids,
                groups, amounts(ids, asOf), group));
    }

    /**
     * Whether some open invoice of these ledger customers is due later than the law allows (LME, Code de commerce
     * L441-10 I; 30 days for a public body): the {@code termsBeyondLegalMaximum} fact, at order time as in dunning.
     */
    public boolean termsBeyondLegalMaximum(List<Long> customerIds) {
        return !accountsWithTermsBeyondLegalMaximum(customerIds).isEmpty();
    }

    /** Of these ledger accounts, those with an open invoice due later than the law allows (as above), in one query. */
    public Set<Long> accountsWithTermsBeyondLegalMaximum(Collection<Long> customerIds) {
        if (customerIds.isEmpty()) {
            return Set.of();
        }
        // No law allows less than 30 days, so an invoice due within 30 days of its date is never read; the terms are
        // judged in Java by the law module, the one home of the LME rule.
        Set<Long> beyond = new HashSet<>();
        jdbc.sql("""
                        select distinct i.customer_id, i.issue_date, i.due_date, c.public_sector from ledger_invoice i
                        join ledger_customer c on c.id = i.customer_id
                        where i.customer_id in (:ids) and i.status = 'OPEN' and i.due_date > i.issue_date + 30""")
                .param("ids", List.copyOf(customerIds))
                .query(rs -> {
                    if (!beyond.contains(rs.getLong(1)) && !PaymentTerms.check(rs.getObject(2, LocalDate.class),
                            rs.getObject(3, LocalDate.class), rs.getBoolean(4) ? Debtor.PUBLIC_BODY : Debtor.BUSINESS)
                            .compliant()) {
                        beyond.add(rs.getLong(1));
                    }
                });
        return beyond;
    }

    private List<Account> accounts(String country, String registrationNumber) {
        RegistrationNumbers.CompanyId company = RegistrationNumbers.normalise(country, registrationNumber, "registrationNumber");
        return jdbc.sql("select id, account, group_code from ledger_customer where company_id = ? and country = ? order by account")
                .params(company.company(), company.country())
                .query((rs, n) -> new Account(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    private List<CurrencyExposure> amounts(List<Long> customerIds, LocalDate asOf) {
        List<Amounts> rows = jdbc.sql("""
                        select currency, sum(open) as open, sum(overdue) as overdue, sum(backlog) as backlog from (
                            select currency, open_amount as open,
                                   case when due_date < :asOf then open_amount else 0 end as overdue, 0 as backlog
                            from ledger_invoice where customer_id in (:ids) and status = 'OPEN'
                            union all
                            select currency, 0, 0, amount from ledger_open_order where customer_id in (:ids)
                        ) amounts group by currency order by currency""")
                .param("ids", customerIds).param("asOf", asOf)
                .query((rs, n) -> new Amounts(rs.getString(1).strip(), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4)))
                .list();
        Map<String, CurrencyExposure> byCurrency = new TreeMap<>();
        rows.forEach(r -> byCurrency.put(r.currency(),
                CurrencyExposure.of(Currency.getInstance(r.currency()), r.open(), r.overdue(), r.backlog())));
        return new ArrayList<>(byCurrency.values());
    }
}
