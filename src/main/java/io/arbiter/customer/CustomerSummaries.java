package io.arbiter.customer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.arbiter.bureau.KnownReports;
import io.arbiter.customer.CustomerSummary.Bureau;
import io.arbiter.customer.CustomerSummary.Decision;
import io.arbiter.customer.CustomerSummary.Exposure;
import io.arbiter.customer.CustomerSummary.Limit;
import io.arbiter.decision.CreditDecision;
import io.arbiter.decision.DecisionHistory;
import io.arbiter.decision.StandingLimitSource;
import io.arbiter.insight.PaymentBehaviour;
import io.arbiter.insight.PaymentBehaviours;
import io.arbiter.ledger.CustomerDirectory;
import io.arbiter.ledger.Exposures;
import io.arbiter.policy.StandingLimit;
import io.arbiter.pool.PoolSignals;
import io.arbiter.security.PortfolioGuard;
import io.arbiter.security.PortfolioScope;
import io.arbiter.shared.CompanyKey;
import io.arbiter.shared.Money;
import io.arbiter.shared.Page;
import io.arbiter.shared.ProblemException;
import io.arbiter.shared.RegistrationNumbers;

/**
 * Finds customers and puts together the customer page, each part from its module's public services, within the
 * caller's portfolio. Nothing here calls a bureau or the pool: the page shows what Arbiter already holds, so it opens
 * at once whatever they are doing.
 */
@Service
public class CustomerSummaries {

    static final int MAX_INVOICES = 200;
    static final int MAX_EVENTS = 50;
    static final int MAX_DECISIONS = 10;

    private final CustomerDirectory directory;
    private final Exposures exposures;
    private final ObjectProvider<StandingLimitSource> limits;
    private final KnownReports reports;
    private final PoolSignals pool;
    private final PaymentBehaviours behaviours;
    private final DecisionHistory decisions;
    private final CustomerCollections collections;
    private final PortfolioGuard portfolios;
    private final Clock clock;

    CustomerSummaries(CustomerDirectory directory, Exposures exposures, ObjectProvider<StandingLimitSource> limits,
            KnownReports reports, PoolSignals pool, PaymentBehaviours behaviours, DecisionHistory decisions,
            CustomerCollections collections, PortfolioGuard portfolios, Clock clock) {
        this.directory = directory;
        this.exposures = exposures;
        this.limits = limits;
        this.reports = reports;
        this.pool = pool;
        this.behaviours = behaviours;
        this.decisions = decisions;
        this.collections = collections;
        this.portfolios = portfolios;
        this.clock = clock;
    }

    /** The companies {@code query} finds (every company when blank), by name, within the caller's portfolio. */
    public Page<CustomerDirectory.Company> search(@Nullable String query, PortfolioScope scope, int limit,
            @Nullable String cursor) {
        return directory.search(query, portfolios.companyKeys(scope), limit, cursor);
    }

    /**
     * The company key of a ledger account's company, for pages that know a customer by its account (the agenda); a
     * 404 for an account outside the caller's portfolio, empty for one without a registration number.
     */
    public java.util.Optional<String> companyIdOf(String account, PortfolioScope scope) {
        portfolios.requireAccount(scope, account);
        return directory.companyIdOf(account);
    }

    /**
     * The customer page of a company named by its company key or one of its numbers; 404 {@code customer-not-found}
     * when the ledger has no account of it or it is outside the caller's portfolio.
     */
    public CustomerSummary summary(String companyId, PortfolioScope scope) {
        RegistrationNumbers.CompanyId id = CustomerIds.parse(companyId);
        portfolios.requireCompany(scope, id.country(), id.company());
        CompanyKey key = id.key();
        CustomerDirectory.Company company = directory.company(key).orElseThrow(() -> new ProblemException(
                HttpStatus.NOT_FOUND, "customer-not-found", "Customer not in the ledger", "No ledger customer is the company "
                        + key + "; import the customer file first"));
        LocalDate today = LocalDate.now(clock);
        List<CustomerDirectory.Account> accounts = directory.accounts(key);
        Exposures.CustomerExposure exposure = exposures.of(key.country(), key.company(), today).orElseThrow();
        if (scope.isLimited()) {
            exposure = exposure.companyOnly();
        }
        Page<CreditDecision> latest = decisions.list(new DecisionHistory.Filter(null, null, key.toString(), null, null),
                false, MAX_DECISIONS, null);
        CustomerCollections.Collected collected = collections.of(accounts, today);
        var known = reports.of(List.of(key)).get(key);
        PaymentBehaviour behaviour = behaviours.of(key.country(), key.company(), today).orElse(null);
        List<PaymentBehaviour.Month> trend = behaviours.history(key.country(), key.company(),
                today.minusMonths(12).withDayOfMonth(1), today).map(PaymentBehaviour.History::months).orElse(List.of());
        return new CustomerSummary(company.companyId(), key.country(), key.company(), company.name(), today, accounts,
                exposure.groups(), new Exposure(exposure.groups().isEmpty() ? "COMPANY" : "GROUP", exposure.customer(),
                        exposure.group()),
                limit(key, today, exposure, latest.items().isEmpty() ? null : latest.items().getFirst()),
                known == null ? null : new Bureau(known.report(),
                        ChronoUnit.DAYS.between(known.report().reportDate(), today), known.stale()),
                pool.knownSignalFor(key.country(), key.company()), behaviour, trend, collected.invoices().size(),
                first(collected.invoices(), MAX_INVOICES), first(collected.promises(), MAX_EVENTS),
                latest.items().stream().map(CustomerSummaries::decision).toList(), first(collected.dunning(), MAX_EVENTS));
    }

    private Limit limit(CompanyKey key, LocalDate today, Exposures.CustomerExposure exposure,
            @Nullable CreditDecision latest) {
        StandingLimitSource source = limits.getIfAvailable();
        StandingLimitSource.Terms terms = source == null ? StandingLimitSource.Terms.NONE
                : source.termsFor(null, key.country(), key.company(), today);
        StandingLimit standing = terms.standing();
        Money fromDecision = standing == null && latest != null ? latest.grantedLimit() : null;
        Currency currency = standing != null ? standing.amount().currency() : fromDecision != null ? fromDecision.currency()
                : null;
        Money cover = terms.insurerCover() == null || currency == null ? null : Money.of(terms.insurerCover(), currency);
        Money granted = standing == null ? fromDecision
                : cover != null && cover.compareTo(standing.amount()) < 0 ? cover : standing.amount();
        if (granted == null) {
            return new Limit(null, cover, null, null, null, null, null);
        }
        Money used = exposure.forLimit(granted.currency()).map(Exposures.CurrencyExposure::total)
                .orElse(Money.of(BigDecimal.ZERO, granted.currency()));
        BigDecimal percent = granted.amount().signum() == 0 ? null
                : used.amount().multiply(BigDecimal.valueOf(100)).divide(granted.amount(), 0, RoundingMode.HALF_UP);
        return new Limit(standing, cover, fromDecision, granted, used, granted.minus(used), percent);
    }

    private static Decision decision(CreditDecision d) {
        return new Decision(d.decisionId(), d.decidedAt(), d.outcome(), d.exposure().order(), d.grantedLimit(), d.riskClass(),
                d.summary(), d.reasons(), d.policyVersion(), d.review());
    }

    private static <T> List<T> first(List<T> items, int max) {
        return items.size() <= max ? items : items.subList(0, max);
    }
}
