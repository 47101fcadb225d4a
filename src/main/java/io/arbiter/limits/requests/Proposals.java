package io.arbiter.limits.requests;

import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.arbiter.bureau.SolvencyLookup;
import io.arbiter.bureau.SolvencyService;
import io.arbiter.decision.DecisionHistory;
import io.arbiter.ledger.Exposures;
import io.arbiter.policy.Applicant;
import io.arbiter.policy.PolicyEngine;
import io.arbiter.policy.PolicyEvaluation;

/** The policy's proposal for a company, from its latest decision's facts or, without one, its bureau report. */
@Component
class Proposals {

    private final PolicyEngine policy;
    private final DecisionHistory history;
    private final SolvencyService bureau;

    Proposals(PolicyEngine policy, DecisionHistory history, SolvencyService bureau) {
        this.policy = policy;
        this.history = history;
        this.bureau = bureau;
    }

    /** @param exposure the ledger's exposure in the policy's currency, when it has one */
    Proposal propose(String country, String company, String registrationNumber,
            Optional<Exposures.CurrencyExposure> exposure, LocalDate today) {
        Applicant latest = history.latestFacts(List.of(country + ":" + company)).get(country + ":" + company);
        Applicant facts;
        String basedOn;
        if (latest != null) {
            facts = latest;
            basedOn = "LATEST_DECISION";
        } else {
            Applicant.Builder builder = Applicant.builder().registrationNumber(registrationNumber).country(country);
            SolvencyLookup solvency = bureau.lookup(company, country);
            solvency.report().ifPresentOrElse(report -> builder
                    .bureau(report.commonGrade(), report.recommendedLimit() == null ? null : report.recommendedLimit().amount(),
                            report.paymentRemarks(), solvency.stale())
                    .companyStatus(report.status().name())
                    .turnover(report.turnover() == null ? 0 : report.turnover().amount().longValue()),
                    () -> builder.companyStatus("UNKNOWN"));
            facts = builder.build();
            basedOn = "BUREAU_AND_LEDGER";
        }
        Applicant asItStands = exposure.map(e -> facts.withExposure(e.openReceivables().amount(), e.overdue().amount(),
                e.ordersBacklog().amount()))
                .orElseGet(() -> facts.withExposure(facts.openReceivables(), facts.overdueAmount(), facts.ordersBacklog()));
        PolicyEvaluation evaluation = policy.evaluate(asItStands);
        return new Proposal(evaluation.policyVersion(), evaluation.segment().name(), evaluation.riskClass(),
                evaluation.score().total(), evaluation.limit().internal(), evaluation.limit().granted(),
                evaluation.limit().binding(), evaluation.reasons(), basedOn);
    }

    Currency currency() {
        return Currency.getInstance(policy.active().currency());
    }
}
