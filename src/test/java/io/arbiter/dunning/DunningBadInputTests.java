package io.arbiter.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.arbiter.ApiTest;
import io.arbiter.ledger.LedgerFixtures;
import tools.jackson.databind.JsonNode;

/** Each bad dunning request is a problem a person can act on, and changes nothing. */
class DunningBadInputTests extends ApiTest {

    private static final LocalDate DUE = LocalDate.of(2026, 3, 2);
    private static final String STATE = """
            select (select count(*) from dunning_action) || '/' || (select count(*) from dunning_outcome) || '/'
                   || (select count(*) from ledger_promise) || '/' || (select count(*) from ledger_dispute)""";

    private String account;
    private long invoiceId;

    @BeforeEach
    void aCustomerWithAnInvoiceDue() {
        LedgerFixtures ledger = new LedgerFixtures(jdbc);
        String entity = ledger.entity("EUR");
        var customer = LedgerFixtures.NewCustomer.named("552100554");
        account = customer.account();
        long id = ledger.customer(customer);
        invoiceId = ledger.openInvoice(entity, id, DUE.minusDays(30), DUE, "1000.00", "EUR");
    }

    private String state() {
        return jdbc.sql(STATE).query(String.class).single();
    }

    private JsonNode call() {
        Response response = post("/api/v1/dunning/next-actions", DUNNING_ENGINE, """
                {"account": "%s", "asOf": "%s", "dunningPlan": "SME", "riskClass": "B"}""".formatted(account, DUE.plusDays(7)));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body().get("actions").get(0);
    }

    private void assertRefused(Response response, int status, String detail, String stateBefore) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("detail").asString()).contains(detail);
        assertThat(state()).isEqualTo(stateBefore);
    }

    @Test
    void an_unknown_customer_is_404() {
        String before = state();

        assertRefused(post("/api/v1/dunning/next-actions", DUNNING_ENGINE, """
                {"account": "NO-SUCH-CUSTOMER", "asOf": "2026-03-02"}"""), 404, "No customer with account 'NO-SUCH-CUSTOMER'", before);
    }

    @Test
    void an_inline_invoice_in_another_currency_than_the_entity_s_is_422() {
        String entity = new LedgerFixtures(jdbc).entity("EUR");
        String before = state();

        assertRefused(post("/api/v1/dunning/next-actions", DUNNING_ENGINE, """
                {"account": "EXT-1", "asOf": "2026-03-02", "entity": "%s", "openItems": [
                  {"number": "F-1", "issueDate": "2026-02-01", "dueDate": "2026-03-02", "openAmount": 100, "currency": "USD"}]}"""
                .formatted(entity)), 422, "invoice F-1 is in USD but entity " + entity + "'s currency is EUR", before);
    }

    @Test
    void an_inline_invoice_due_before_its_date_is_422() {
        String before = state();

        assertRefused(post("/api/v1/dunning/next-actions", DUNNING_ENGINE, """
                {"account": "EXT-2", "asOf": "2026-03-02", "openItems": [
                  {"number": "F-2", "issueDate": "2026-02-01", "dueDate": "2026-01-15", "openAmount": 100, "currency": "EUR"}]}"""),
                422, "invoice F-2 is due on 2026-01-15, before its date 2026-02-01", before);
    }

    @Test
    void a_promise_for_a_day_already_past_is_422_and_records_nothing() {
        JsonNode call = call();
        String before = state();

        assertRefused(post("/api/v1/dunning/outcomes", DUNNING_ENGINE, """
                {"actionId": "%s", "account": "%s", "kind": "PROMISE_TO_PAY", "date": "%s",
                 "promise": {"date": "%s", "amount": 1000}}""".formatted(call.get("id").asString(), account, DUE.plusDays(7),
                DUE.plusDays(2))), 422, "a promise to pay is for a day to come", before);
    }

    @Test
    void a_promise_of_a_fraction_of_a_cent_or_beyond_the_ledger_s_amounts_is_422_and_records_nothing() {
        JsonNode call = call();
        String before = state();

        for (String amount : List.of("0.001", "12345678901234.50")) {
            assertRefused(post("/api/v1/dunning/outcomes", DUNNING_ENGINE, """
                    {"actionId": "%s", "account": "%s", "kind": "PROMISE_TO_PAY", "date": "%s",
                     "promise": {"date": "%s", "amount": %s}}""".formatted(call.get("id").asString(), account, DUE.plusDays(7),
                    DUE.plusDays(14), amount)), 422, "promise.amount " + amount + " must be an amount to the cent", before);
        }
    }

    @Test
    void an_outcome_for_an_action_that_does_not_exist_is_404() {
        call();
        String before = state();

        assertRefused(post("/api/v1/dunning/outcomes", DUNNING_ENGINE, """
                {"actionId": "%s", "account": "%s", "kind": "SENT", "date": "%s"}""".formatted(UUID.randomUUID(), account,
                DUE.plusDays(7))), 404, "was proposed for customer '" + account + "'", before);
    }

    @Test
    void an_outcome_naming_another_customer_s_action_is_404() {
        JsonNode call = call();
        String before = state();

        assertRefused(post("/api/v1/dunning/outcomes", DUNNING_ENGINE, """
                {"actionId": "%s", "account": "SOMEONE-ELSE", "kind": "SENT", "date": "%s"}"""
                .formatted(call.get("id").asString(), DUE.plusDays(7))), 404, "No action", before);
    }

    @Test
    void a_dispute_on_an_invoice_the_action_is_not_about_is_422_and_the_ledger_is_unchanged() {
        JsonNode call = call();
        String before = state();

        assertRefused(post("/api/v1/dunning/outcomes", DUNNING_ENGINE, """
                {"actionId": "%s", "account": "%s", "kind": "DISPUTE", "date": "%s",
                 "dispute": {"reason": "wrong price", "invoices": ["NOT-AN-INVOICE"]}}"""
                .formatted(call.get("id").asString(), account, DUE.plusDays(7))), 422, "invoice NOT-AN-INVOICE is not one of", before);
        assertThat(jdbc.sql("select count(*) from ledger_dispute_invoice where invoice_id = ?").param(invoiceId)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void an_outcome_dated_in_the_future_is_422() {
        JsonNode call = call();
        String before = state();

        assertRefused(post("/api/v1/dunning/outcomes", DUNNING_ENGINE, """
                {"actionId": "%s", "account": "%s", "kind": "SENT", "date": "2999-01-01"}"""
                .formatted(call.get("id").asString(), account)), 422, "is in the future", before);
    }

    @Test
    void a_message_without_a_language_is_422_and_records_nothing() {
        JsonNode call = call();
        String before = state();

        assertRefused(post("/api/v1/dunning/outcomes", DUNNING_ENGINE, """
                {"actionId": "%s", "account": "%s", "kind": "SENT", "date": "%s", "message": {"text": "Bonjour"}}"""
                .formatted(call.get("id").asString(), account, DUE.plusDays(7))), 422, "message needs a language", before);
    }

    @Test
    void a_promise_on_an_action_whose_invoices_are_all_paid_since_is_422_and_records_nothing() {
        JsonNode call = call();
        jdbc.sql("update ledger_invoice set open_amount = 0, status = 'PAID', paid_on = ? where id = ?")
                .params(DUE.plusDays(8), invoiceId).update();
        String before = state();

        // Recorded with none of its invoices, the promise would cover the customer's whole balance and pause the dunning
        // of every other invoice until its date.
        assertRefused(post("/api/v1/dunning/outcomes", DUNNING_ENGINE, """
                {"actionId": "%s", "account": "%s", "kind": "PROMISE_TO_PAY", "date": "%s",
                 "promise": {"date": "%s", "amount": 1000}}""".formatted(call.get("id").asString(), account, DUE.plusDays(9),
                DUE.plusDays(20))), 422, "no longer open", before);
    }

    @Test
    void a_request_naming_the_account_by_its_former_name_customer_is_still_answered_for_one_version() {
        Response response = post("/api/v1/dunning/next-actions", DUNNING_ENGINE, """
                {"customer": "%s", "asOf": "%s", "dunningPlan": "SME", "riskClass": "B"}""".formatted(account, DUE.plusDays(7)));

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.body().get("account").asString()).isEqualTo(account);
        assertThat(response.body().has("customer")).isFalse();
    }

    @Test
    void the_dunning_api_needs_a_dunning_or_finance_key() {
        assertThat(post("/api/v1/dunning/next-actions", ORDER_SYSTEM, "{\"account\": \"" + account + "\"}").status()).isEqualTo(403);
        assertThat(get("/api/v1/dunning/agenda?asOf=2026-03-02", null).status()).isEqualTo(401);
        assertThat(List.of(post("/api/v1/dunning/next-actions", ANALYST, """
                {"account": "%s", "asOf": "2026-03-02"}""".formatted(account)).status())).containsExactly(200);
    }
}
