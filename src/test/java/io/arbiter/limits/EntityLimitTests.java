package io.arbiter.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import io.arbiter.ledger.LedgerFixtures;
import tools.jackson.databind.JsonNode;

/**
 * A standing limit belongs to one legal entity of the supplier: the limit FR01's managers approved says nothing of what
 * BE01 may sell the same company.
 */
class EntityLimitTests extends LimitsApiTest {

    @Test
    void a_limit_approved_for_one_entity_is_used_by_its_orders_only_and_each_entity_keeps_its_own_history() {
        String siren = company(LedgerFixtures.unique("SP"));
        String other = new LedgerFixtures(jdbc).entity("EUR");
        LocalDate today = LocalDate.now();
        JsonNode policy = decide(siren, "600000", today).body();
        assertThat(policy.get("outcome").asString()).as(policy.toString()).isEqualTo("REJECTED");

        String id = request(ANALYST, siren, "700000", "").body().get("id").asString();
        verdict(MANAGER, id, "APPROVE", "");
        JsonNode approved = verdict(MANAGER_2, id, "APPROVE", "").body();
        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.get("entity").asString()).isEqualTo(entity);

        JsonNode mine = decide(ORDER_SYSTEM, entity, siren, "600000", today).body();
        assertThat(mine.get("outcome").asString()).isEqualTo("APPROVED");
        assertThat(mine.at("/limitComposition/binding").asString()).isEqualTo("STANDING");
        assertThat(mine.at("/limitComposition/standing/entity").asString()).isEqualTo(entity);
        assertThat(mine.at("/grantedLimit/amount").decimalValue()).isEqualByComparingTo("700000");

        JsonNode theirs = decide(ORDER_SYSTEM, other, siren, "600000", today).body();
        assertThat(theirs.at("/limitComposition/standing").isNull()).as(theirs.toString()).isTrue();
        assertThat(theirs.at("/limitComposition/binding").asString()).isNotEqualTo("STANDING");
        assertThat(theirs.at("/grantedLimit/amount").decimalValue()).isEqualByComparingTo(
                policy.at("/grantedLimit/amount").decimalValue());
        assertThat(theirs.get("outcome").asString()).isEqualTo("REJECTED");
        JsonNode unnamed = decide(ORDER_SYSTEM, null, siren, "600000", today).body();
        assertThat(unnamed.at("/limitComposition/standing").isNull())
                .as("with several entities in the ledger, an order naming none has no standing limit").isTrue();

        // The other entity gets its own, lower limit; the first one's stays as it was.
        String second = request(ANALYST, other, siren, "180000", "").body().get("id").asString();
        assertThat(verdict(MANAGER, second, "APPROVE", "").body().get("status").asString()).isEqualTo("APPROVED");
        JsonNode lower = decide(ORDER_SYSTEM, other, siren, "170000", today).body();
        assertThat(lower.at("/limitComposition/standing/entity").asString()).isEqualTo(other);
        assertThat(lower.get("outcome").asString()).isEqualTo("APPROVED");
        assertThat(decide(ORDER_SYSTEM, entity, siren, "600000", today).body().at("/grantedLimit/amount").decimalValue())
                .isEqualByComparingTo("700000");

        JsonNode limits = get("/api/v1/limits/companies/" + siren, ANALYST).body();
        assertThat(entities(limits.get("standingLimits"))).containsExactlyInAnyOrder(entity, other);
        assertThat(entities(limits.get("history"))).containsExactlyInAnyOrder(entity, other);
        JsonNode onlyOther = get("/api/v1/limits/companies/" + siren + "?entity=" + other, ANALYST).body();
        assertThat(onlyOther.get("standingLimits")).singleElement().satisfies(limit -> {
            assertThat(limit.get("entity").asString()).isEqualTo(other);
            assertThat(limit.at("/amount/amount").decimalValue()).isEqualByComparingTo("180000");
        });
        assertThat(onlyOther.get("history")).singleElement().satisfies(change -> {
            assertThat(change.get("change").asString()).isEqualTo("GRANTED");
            assertThat(change.get("requestId").asString()).isEqualTo(second);
        });
    }

    @Test
    void a_request_naming_no_entity_an_unknown_one_or_a_currency_the_entity_does_not_use_is_refused_and_nothing_stored() {
        String siren = company(LedgerFixtures.unique("SP"));
        String dollars = new LedgerFixtures(jdbc).entity("USD");

        Response unnamed = post("/api/v1/limits/requests", ANALYST, """
                {"company": {"registrationNumber": "%s"}, "amount": {"amount": 5000, "currency": "EUR"},
                 "justification": "Framework contract"}""".formatted(siren));
        assertThat(unnamed.status()).isEqualTo(400);
        assertThat(unnamed.body().at("/errors/0/field").asString()).isEqualTo("entity");
        assertThat(unnamed.body().at("/errors/0/message").asString()).contains("several legal entities");

        Response unknown = request(ANALYST, "NO-SUCH-ENTITY", siren, "5000", "");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().at("/errors/0/field").asString()).isEqualTo("entity");

        Response euros = request(ANALYST, dollars, siren, "5000", "");
        assertThat(euros.status()).as("EUR asked of an entity invoicing in USD").isEqualTo(422);
        assertThat(euros.body().get("type").asString()).endsWith("unsupported-currency");
        assertThat(euros.body().at("/errors/0/field").asString()).isEqualTo("amount.currency");
        assertThat(euros.body().at("/errors/0/message").asString()).contains("must be USD").contains(dollars);

        Response usd = post("/api/v1/limits/requests", ANALYST, """
                {"company": {"registrationNumber": "%s"}, "entity": "%s", "amount": {"amount": 5000, "currency": "USD"},
                 "justification": "Framework contract"}""".formatted(siren, dollars));
        assertThat(usd.status()).as("USD, which the policy's EUR decisions cannot weigh").isEqualTo(422);
        assertThat(usd.body().at("/errors/0/field").asString()).isEqualTo("amount.currency");

        Response order = decide(ORDER_SYSTEM, "NO-SUCH-ENTITY", siren, "1000", LocalDate.now());
        assertThat(order.status()).isEqualTo(422);
        assertThat(order.body().at("/errors/0/field").asString()).isEqualTo("order.entity");

        assertThat(jdbc.sql("select count(*) from limit_request where registration_number = ?").param(siren)
                .query(Long.class).single()).isZero();
    }

    private static List<String> entities(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false).map(item -> item.get("entity").asString()).distinct().toList();
    }
}
