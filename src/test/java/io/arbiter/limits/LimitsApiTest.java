package io.arbiter.limits;

import java.time.LocalDate;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import io.arbiter.ApiTest;
import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.ledger.LedgerFixtures.NewCustomer;

/**
 * The limits API over HTTP on real PostgreSQL, with a bureau the tests script (French companies) and one credit-insurance
 * contract, {@code TestInsurer}: report an unpaid invoice within 30 days of its due date extended by 10, claim within 5 days of the report.
 */
@TestPropertySource(properties = {"arbiter.bureau.waterfall.FR=limitsbureau",
        "arbiter.limits.insurance.contracts[0].insurer=TestInsurer",
        "arbiter.limits.insurance.contracts[0].overdue-reporting-days=30",
        "arbiter.limits.insurance.contracts[0].extension-days=10",
        "arbiter.limits.insurance.contracts[0].claim-days=5"})
@Import(LimitsApiTest.Bureau.class)
abstract class LimitsApiTest extends ApiTest {

    protected static final String MANAGER_2 = "test-manager-2";
    protected static final String MANAGER_3 = "test-manager-3";
    protected static final String ANALYST_2 = "test-analyst-2";
    /** The salesperson of the test key {@link #SALESPERSON}. */
    protected static final String OWN_SALESPERSON = "SP-PORTFOLIO-TEST";

    @TestConfiguration
    static class Bureau {
        @Bean
        ScriptedBureau limitsbureau() {
            return new ScriptedBureau();
        }
    }

    @Autowired
    protected ScriptedBureau bureau;

    /** A new French company in the ledger, sold by {@code salesperson}, with an entity in EUR; its SIREN. */
    protected String company(String salesperson) {
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        String siren = LedgerFixtures.siren();
        ledger.customer(NewCustomer.named(siren).soldBy(salesperson));
        return siren;
    }

    protected Response request(String apiKey, String siren, String amount, String extra) {
        return post("/api/v1/limits/requests", apiKey, """
                {"company": {"registrationNumber": "%s", "country": "FR"}, "amount": {"amount": %s, "currency": "EUR"},
                 "justification": "Signed a framework contract for next year"%s}""".formatted(siren, amount, extra));
    }

    protected Response verdict(String apiKey, String requestId, String verdict, String extra) {
        return post("/api/v1/limits/requests/" + requestId + "/verdicts", apiKey,
                """
                {"verdict": "%s", "comment": "Seen the accounts"%s}""".formatted(verdict, extra));
    }

    /** An order of {@code amount} from an established customer of this company, on {@code date}. */
    protected Response decide(String siren, String amount, LocalDate date) {
        return post("/api/v1/credit-decisions", ORDER_SYSTEM, """
                {"requestId": "%s", "customer": {"registrationNumber": "%s", "name": "Limits SA", "country": "FR",
                 "customerSince": "2019-01-01", "paymentTermsDays": 30, "publicSector": false},
                 "order": {"amount": %s, "currency": "EUR", "date": "%s"},
                 "exposure": {"openReceivables": 0, "overdue": 0, "ordersBacklog": 0},
                 "paymentHistory": {"averageDaysLate": 2, "openDisputes": 0}}""".formatted(newRequestId(), siren, amount, date));
    }
}
