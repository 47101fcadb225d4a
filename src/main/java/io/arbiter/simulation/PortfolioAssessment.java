package io.arbiter.simulation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.arbiter.decision.DecisionHistory;
import io.arbiter.decision.StandingApplicants;
import io.arbiter.ledger.Portfolio;
import io.arbiter.policy.Applicant;
import io.arbiter.policy.PolicyCandidates.Candidate;
import io.arbiter.pool.PoolSignal;

/**
 * Assesses the customer portfolio: every ledger customer with no order, the limit and class each version would grant
 * it as it stands today.
 */
@Component
class PortfolioAssessment {

    private final Portfolio portfolio;
    private final DecisionHistory decisions;

    PortfolioAssessment(Portfolio portfolio, DecisionHistory decisions) {
        this.portfolio = portfolio;
        this.decisions = decisions;
    }

    /** Every customer of the ledger, with its exposure in this currency today, judged by both versions. */
    SimulatedPopulation<Portfolio.Customer> population(String currency, LocalDate today, Candidate candidate,
            Candidate baseline) {
        return new SimulatedPopulation<>() {
            @Override
            public long count() {
                return portfolio.count();
            }

            @Override
            public void forEach(int fetchSize, Consumer<Portfolio.Customer> each) {
                portfolio.forEach(currency, today, fetchSize, each);
            }

            @Override
            public SimulationRun.Batch answer(List<Portfolio.Customer> subjects) {
                return assess(subjects, candidate, baseline, today);
            }
        };
    }

    private SimulationRun.Batch assess(List<Portfolio.Customer> customers, Candidate candidate, Candidate baseline,
            LocalDate today) {
        List<String> companies = customers.stream().map(Portfolio.Customer::companyKey).filter(Objects::nonNull)
                .toList();
        Map<String, Applicant> latest = decisions.latestFacts(companies);
        SimulationRun.Batch batch = new SimulationRun.Batch();
        for (Portfolio.Customer customer : customers) {
            Applicant latestFacts = customer.companyKey() == null ? null : latest.get(customer.companyKey());
            Applicant applicant = applicant(customer, latestFacts, today);
            batch.add(new Replay.Change(null, applicant.registrationNumber(), null,
                    Replay.Answer.of(baseline.evaluate(applicant)), Replay.Answer.of(candidate.evaluate(applicant))));
        }
        return batch;
    }

    /**
     * The customer as it stands, with no order, built the one way dunning builds it too ({@link StandingApplicants}):
     * its latest decision's facts with today's ledger exposure, or, never decided, what the ledger knows. No bureau
     * report is fetched and no pool asked for a simulation.
     */
    static Applicant applicant(Portfolio.Customer customer, @Nullable Applicant latest, LocalDate today) {
        return StandingApplicants.applicant(new StandingApplicants.Standing(customer.account(),
                customer.registrationNumber(), customer.country(), customer.publicSector(), customer.customerSince(),
                customer.paymentTermsDays(), customer.openReceivables(), customer.overdue(), customer.ordersBacklog(),
                false), latest, null, PoolSignal.noPoolData("a simulation asks no pool"), today);
    }
}
