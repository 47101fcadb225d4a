package io.arbiter.limits;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import io.arbiter.ApiTest;
import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.ledger.LedgerFixtures.NewCustomer;

/** The limits API over HTTP on real PostgreSQL, in the limits tests' application ({@link LimitsContext}). */
@LimitsContext
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

    /** The supplier's legal entity the test's requests and orders are for: one of its own, in EUR. */
    protected String entity;

    @BeforeEach
    void newEntity() {
        entity = new LedgerFixtures(jdbc).entity("EUR");
    }

    /** A new French company in the ledger, sold by {@code salesperson}; its SIREN. */
    protected String company(String salesperson) {
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        String siren = LedgerFixtures.siren();
        ledger.customer(NewCustomer.named(siren).soldBy(salesperson));
        return siren;
    }

    protected Response request(String apiKey, String siren, String amount, String extra) {
        return request(apiKey, entity, siren, amount, extra);
    }

    protected Response request(String apiKey, String entity, String siren, String amount, String extra) {
        return post("/api/v1/limits/requests", apiKey, """
                {"company": {"registrationNumber": "%s", "country": "FR"}, "entity": "%s",
                 "amount": {"amount": %s, "currency": "EUR"},
                 "justification": "Signed a framework contract for next year"%s}""".formatted(siren, entity, amount, extra));
    }

    protected Response verdict(String apiKey, String requestId, String verdict, String extra) {
        return post("/api/v1/limits/requests/" + requestId + "/verdicts", apiKey,
                """
                {"verdict": "%s", "comment": "Seen the accounts"%s}""".formatted(verdict, extra));
    }

    /** An order of {@code amount} from an established customer of this company to the test's entity, on {@code date}. */
    protected Response decide(String siren, String amount, LocalDate date) {
        return decide(ORDER_SYSTEM, entity, siren, amount, date);
    }

    /** The same order asked by the order system of {@code apiKey}, for {@code entity} (none when null). */
    protected Response decide(String apiKey, @Nullable String entity, String siren, String amount, LocalDate date) {
        return post("/api/v1/credit-decisions", apiKey, """
                {"requestId": "%s", "customer": {"registrationNumber": "%s", "name": "Limits SA", "country": "FR",
                 "customerSince": "2019-01-01", "paymentTermsDays": 30, "publicSector": false},
                 "order": {"amount": %s, "currency": "EUR", "date": "%s"%s},
                 "exposure": {"openReceivables": 0, "overdue": 0, "ordersBacklog": 0},
                 "paymentHistory": {"averageDaysLate": 2, "openDisputes": 0}}""".formatted(newRequestId(), siren, amount,
                date, entity == null ? "" : ", \"entity\": \"" + entity + "\""));
    }
}
