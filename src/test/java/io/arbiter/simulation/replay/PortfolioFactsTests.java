package io.arbiter.simulation.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.arbiter.ApiTest;
import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.ledger.Portfolio;
import io.arbiter.policy.Applicant;

/**
 * Issue 20, LME terms in a portfolio simulation: Code de commerce L441-10 I allows at most 60 days from the invoice date
 * or 45 days end of month. A simulation judges each customer on the facts its first decision and dunning give it, so a
 * company with an open invoice issued 100 days ago and due in 34 days has {@code termsBeyondLegalMaximum} true there
 * too, found on any of its accounts; one whose invoices run 45 days has it false.
 */
class PortfolioFactsTests extends ApiTest {

    private static final LocalDate TODAY = LocalDate.now();

    @Autowired
    PortfolioAssessment assessment;

    @Autowired
    Portfolio portfolio;

    @Test
    void a_customer_whose_ledger_terms_exceed_the_legal_maximum_is_simulated_with_the_fact() {
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        String entity = ledger.entity("EUR");
        String beyond = LedgerFixtures.siren();
        long head = ledger.customer(beyond);
        ledger.openInvoice(entity, head, TODAY.minusDays(10), TODAY.plusDays(35), "3000", "EUR");
        // The long terms are on the company's second account, an establishment's.
        long establishment = ledger.customer(LedgerFixtures.siret(beyond));
        ledger.openInvoice(entity, establishment, TODAY.minusDays(100), TODAY.plusDays(34), "800", "EUR");
        String within = LedgerFixtures.siren();
        ledger.openInvoice(entity, ledger.customer(within), TODAY.minusDays(10), TODAY.plusDays(35), "3000", "EUR");

        List<Portfolio.Customer> customers = new ArrayList<>();
        portfolio.forEach("EUR", TODAY, 500, customer -> {
            if (beyond.equals(customer.registrationNumber()) || within.equals(customer.registrationNumber())) {
                customers.add(customer);
            }
        });
        assertThat(customers).hasSize(2);
        Map<String, Applicant> facts = assessment.facts(customers, TODAY);

        assertThat(customers).allSatisfy(customer -> assertThat(facts.get(customer.account()).termsBeyondLegalMaximum())
                .as(customer.registrationNumber()).isEqualTo(customer.registrationNumber().equals(beyond)));
    }
}
