package io.arbiter.decision;

import java.time.Instant;
import java.util.Currency;
import java.util.UUID;

import io.arbiter.bureau.SolvencyLookup;
import io.arbiter.bureau.SolvencyReport;
import io.arbiter.ledger.Exposures;
import io.arbiter.policy.Applicant;
import io.arbiter.policy.PolicyEvaluation;
import io.arbiter.pool.PoolSignal;
import io.arbiter.shared.Money;
import io.arbiter.shared.RegistrationNumbers;

/**
 * The credit decision as stored and answered, made of the policy's evaluation and of where its facts came from: the
 * exposure's source (the request, the ledger or none), the bureau's report and the pool's signal.
 */
final class DecisionAnswers {

    private DecisionAnswers() {
    }

    static CreditDecision decision(CreditDecisionRequest request, RegistrationNumbers.CompanyId company,
            SolvencyLookup solvency, Applicant applicant, PolicyEvaluation evaluation, Currency currency, Instant now,
            OrderApplicants.Ledger ledger, PoolSignal poolSignal) {
        String source = request.exposure() != null ? "REQUEST" : ledger.exposure().isPresent() ? "LEDGER" : "NONE";
        CreditDecision.LedgerSource ledgerSource = ledger.exposure().map(e -> new CreditDecision.LedgerSource(
                e.accounts(), e.groups(), e.forLimit().stream().filter(c -> !c.currency().equals(currency))
                        .map(Exposures.CurrencyExposure::total).toList(),
                request.paymentHistory() == null && ledger.historyUsable())).orElse(null);
        var exposure = new CreditDecision.DecisionExposure(Money.of(applicant.openReceivables(), currency),
                Money.of(applicant.overdueAmount(), currency), Money.of(applicant.ordersBacklog(), currency),
                Money.of(applicant.orderAmount(), currency), evaluation.exposure(), source, ledgerSource);
        SolvencyReport report = solvency.report().orElse(null);
        var bureauData = report == null
                ? new CreditDecision.BureauData(false, null, null, null, false, null, null, null,
                        solvency.source().name(), solvency.unavailable(), solvency.status().name())
                : new CreditDecision.BureauData(true, report.provider(), report.reportId(), report.reportDate(),
                        solvency.stale(), report.commonGrade(), report.band(), report.status().name(),
                        solvency.source().name(), solvency.unavailable(), solvency.status().name());
        return new CreditDecision(UUID.randomUUID(), request.requestId(), now, evaluation.outcome(),
                company.registrationNumber(), evaluation.segment().name(), evaluation.segment().dunningPlan(),
                evaluation.score().total(), evaluation.score().points(), evaluation.riskClass(), evaluation.limit().granted(),
                evaluation.limit(), exposure, evaluation.availableCredit(), evaluation.reasons(), evaluation.summary(),
                evaluation.policyVersion(), bureauData, poolData(poolSignal), null);
    }

    private static CreditDecision.PoolData poolData(PoolSignal signal) {
        return new CreditDecision.PoolData(signal.status(), signal.available()
                ? new CreditDecision.PoolSignalData(signal.lateSharePercent(), signal.medianDaysBeyondTermsBand(),
                        signal.trend3Months(), signal.trend12Months())
                : null, signal.contributorsBand(), signal.detail());
    }
}
