package io.arbiter.simulation.replay;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import io.arbiter.decision.StandingApplicants;
import io.arbiter.ledger.Exposures;
import io.arbiter.ledger.Portfolio;
import io.arbiter.policy.Applicant;
import io.arbiter.policy.PolicyCandidates.Candidate;

/**
 * Assesses the customer portfolio: every ledger customer with no order, the limit and class each version would grant
 * it as it stands today.
 */
@Component
class PortfolioAssessment {

    private final Portfolio portfolio;
    private final StandingApplicants applicants;
    private final Exposures exposures;

    PortfolioAssessment(Portfolio portfolio, StandingApplicants applicants, Exposures exposures) {
        this.portfolio = portfolio;
        this.applicants = applicants;
        this.exposures = exposures;
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
        Map<String, Applicant> standing = facts(customers, today);
        SimulationRun.Batch batch = new SimulationRun.Batch();
        for (Portfolio.Customer customer : customers) {
            Applicant applicant = standing.get(customer.account());
            batch.add(new Replay.Change(null, applicant.registrationNumber(), null,
                    Replay.Answer.of(baseline.evaluate(applicant)), Replay.Answer.of(candidate.evaluate(applicant))));
        }
        return batch;
    }

    /**
     * The facts each customer is judged on, by its account: as dunning sees it, the batch's decisions, reports,
     * histories and invoice terms read in a few statements.
     */
    Map<String, Applicant> facts(List<Portfolio.Customer> customers, LocalDate today) {
        Set<Long> beyondTerms = exposures.accountsWithTermsBeyondLegalMaximum(
                customers.stream().flatMap(customer -> customer.accountIds().stream()).toList());
        return applicants.of(customers.stream()
                .map(customer -> standing(customer, customer.accountIds().stream().anyMatch(beyondTerms::contains)))
                .toList(), today);
    }

    /**
     * The customer as it stands, with no order, for the one way dunning builds its facts too
     * ({@link StandingApplicants}): its latest decision's facts with today's ledger exposure, or, never decided, what
     * the ledger knows, its payment history and whether some open invoice's terms exceed the legal maximum included,
     * so that a simulation shows the class and segment its first decision and dunning give it. Only what is already
     * stored is read (known bureau reports, pool signals already received): a simulation calls no bureau and asks no
     * pool.
     */
    private static StandingApplicants.Standing standing(Portfolio.Customer customer, boolean termsBeyondLegalMaximum) {
        return new StandingApplicants.Standing(customer.account(), customer.registrationNumber(), customer.country(),
                customer.publicSector(), customer.customerSince(), customer.paymentTermsDays(),
                customer.openReceivables(), customer.overdue(), customer.ordersBacklog(), termsBeyondLegalMaximum);
    }
}
