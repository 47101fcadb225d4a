package io.arbiter.dunning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import io.arbiter.ApiTest;
import io.arbiter.bureau.InsolvencyReported;
import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.ledger.LedgerFixtures.NewCustomer;
import tools.jackson.databind.JsonNode;

/** The dunning flow over HTTP against the ledger in PostgreSQL: next actions, outcomes, agenda, agency case file. */
class DunningApiTests extends ApiTest {

    private static final LocalDate DUE = LocalDate.of(2026, 3, 2);

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    private LedgerFixtures ledger;
    private String entity;

    private record Customer(String account, long id, String registrationNumber) {
    }

    private Customer customer(boolean publicSector) {
        return customer(publicSector, "jdupont");
    }

    private Customer customer(boolean publicSector, String salesperson) {
        ledger = new LedgerFixtures(jdbc);
        entity = entity == null ? ledger.entity("EUR") : entity;
        String registration = LedgerFixtures.siren();
        NewCustomer template = NewCustomer.named(registration);
        NewCustomer customer = new NewCustomer(template.account(), registration, "Atelier " + registration, "FR", null,
                salesperson, null, 30, LocalDate.of(2020, 1, 1), publicSector);
        return new Customer(customer.account(), ledger.customer(customer), registration);
    }

    private long invoice(Customer customer, LocalDate due, String amount) {
        return ledger.openInvoice(entity, customer.id(), due.minusDays(30), due, amount, "EUR");
    }

    private String number(long invoiceId) {
        return jdbc.sql("select number from ledger_invoice where id = ?").param(invoiceId).query(String.class).single();
    }

    private JsonNode next(Customer customer, LocalDate asOf) {
        Response response = post("/api/v1/dunning/next-actions", DUNNING_ENGINE, """
                {"account": "%s", "asOf": "%s", "dunningPlan": "SME", "riskClass": "B"}""".formatted(customer.account(), asOf));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body();
    }

    /**
     * The bureau module announces an insolvency in the transaction that stores its report; dunning records it once that
     * commits, on another thread: wait until its next actions know of it.
     */
    private void reportInsolvency(Customer customer, LocalDate reportDate) {
        transactions.executeWithoutResult(status -> events.publishEvent(
                new InsolvencyReported(customer.registrationNumber(), "FR", "creditsafe", reportDate)));
        await().atMost(Duration.ofSeconds(30)).until(() -> next(customer, DUE.plusDays(40)).get("insolvency"),
                insolvency -> insolvency != null && !insolvency.isNull());
    }

    private static List<String> actionsOf(JsonNode nextActions) {
        List<String> names = new ArrayList<>();
        nextActions.get("actions").forEach(action -> names.add(action.get("action").asString()));
        return names;
    }

    private static JsonNode action(JsonNode nextActions, String name) {
        for (JsonNode action : nextActions.get("actions")) {
            if (action.get("action").asString().equals(name)) {
                return action;
            }
        }
        throw new AssertionError("no " + name + " in " + nextActions);
    }

    private Response outcome(Customer customer, JsonNode action, String kind, LocalDate date, String extra) {
        return post("/api/v1/dunning/outcomes", DUNNING_ENGINE, """
                {"actionId": "%s", "account": "%s", "kind": "%s", "date": "%s", "agent": "Julie (collections)"%s}"""
                .formatted(action.get("id").asString(), customer.account(), kind, date, extra));
    }

    private void done(Customer customer, JsonNode action, String kind, LocalDate date) {
        Response response = outcome(customer, action, kind, date, "");
        assertThat(response.status()).as(response.text()).isEqualTo(201);
    }

    @Test
    void a_customer_walks_the_sme_escalation_as_the_date_advances_and_the_formal_notice_needs_a_person() {
        Customer customer = customer(false);
        invoice(customer, DUE, "1200.00");

        assertThat(actionsOf(next(customer, DUE.minusDays(6)))).isEmpty();
        JsonNode preDue = next(customer, DUE.minusDays(5));
        assertThat(actionsOf(preDue)).containsExactly("PRE_DUE_CHECK");
        done(customer, action(preDue, "PRE_DUE_CHECK"), "SENT", DUE.minusDays(5));

        JsonNode reminder = action(next(customer, DUE), "REMINDER");
        assertThat(reminder.get("level").asInt()).isEqualTo(1);
        assertThat(reminder.get("channel").asString()).isEqualTo("EMAIL");
        assertThat(reminder.get("requiresConfirmation").asBoolean()).isFalse();
        assertThat(reminder.get("reason").get("table").asString()).isEqualTo("escalation.drl.xlsx");
        done(customer, reminder, "SENT", DUE);
        assertThat(actionsOf(next(customer, DUE.plusDays(3)))).isEmpty();

        JsonNode call = action(next(customer, DUE.plusDays(7)), "CALL");
        assertThat(call.get("channel").asString()).isEqualTo("PHONE");
        assertThat(call.get("assignee").asString()).isEqualTo("COLLECTOR");
        done(customer, call, "CALL_NO_ANSWER", DUE.plusDays(7));

        JsonNode confirmation = next(customer, DUE.plusDays(10));
        assertThat(actionsOf(confirmation)).containsExactly("WRITTEN_CONFIRMATION");
        done(customer, action(confirmation, "WRITTEN_CONFIRMATION"), "SENT", DUE.plusDays(10));

        JsonNode firm = next(customer, DUE.plusDays(20));
        assertThat(actionsOf(firm)).containsExactly("FIRM_REMINDER", "INTERNAL_ALERT");
        assertThat(action(firm, "INTERNAL_ALERT").get("assignee").asString()).isEqualTo("salesperson:jdupont");
        done(customer, action(firm, "FIRM_REMINDER"), "SENT", DUE.plusDays(20));
        done(customer, action(firm, "INTERNAL_ALERT"), "SENT", DUE.plusDays(20));

        JsonNode formalNotice = action(next(customer, DUE.plusDays(30)), "FORMAL_NOTICE");
        assertThat(formalNotice.get("channel").asString()).isEqualTo("REGISTERED_LETTER");
        assertThat(formalNotice.get("requiresConfirmation").asBoolean()).isTrue();
        Response unconfirmed = outcome(customer, formalNotice, "SENT", DUE.plusDays(30), "");
        assertThat(unconfirmed.status()).isEqualTo(422);
        assertThat(unconfirmed.body().get("detail").asString()).contains("confirmedBy");
        assertThat(actionsOf(next(customer, DUE.plusDays(31)))).containsExactly("FORMAL_NOTICE");

        Response confirmed = outcome(customer, formalNotice, "SENT", DUE.plusDays(30),
                ", \"confirmedBy\": \"M. Martin, credit manager\", \"message\": {\"language\": \"fr\", \"text\": \"Mise en demeure revue\"}");
        assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(201);
        assertThat(actionsOf(next(customer, DUE.plusDays(31)))).isEmpty();
        assertThat(jdbc.sql("select personalised_text from dunning_outcome where id = ?")
                .param(confirmed.body().get("id").asLong()).query(String.class).single()).isEqualTo("Mise en demeure revue");
    }

    @Test
    void an_action_done_is_not_proposed_again_and_a_neglected_invoice_catches_up_at_its_level() {
        Customer customer = customer(false);
        invoice(customer, DUE, "800.00");

        JsonNode reminder = action(next(customer, DUE), "REMINDER");
        assertThat(actionsOf(next(customer, DUE))).containsExactly("REMINDER");
        done(customer, reminder, "SENT", DUE);

        assertThat(actionsOf(next(customer, DUE))).isEmpty();
        assertThat(actionsOf(next(customer, DUE.plusDays(22)))).containsExactly("FIRM_REMINDER", "INTERNAL_ALERT");
    }

    @Test
    void a_disputed_invoice_is_left_out_and_listed_apart() {
        Customer customer = customer(false);
        long disputed = invoice(customer, DUE, "500.00");
        long undisputed = invoice(customer, DUE, "700.00");
        ledger.dispute(customer.id(), "goods damaged on delivery", DUE.minusDays(2), null, List.of(disputed));

        JsonNode next = next(customer, DUE);

        JsonNode reminder = action(next, "REMINDER");
        assertThat(reminder.get("invoices")).hasSize(1);
        assertThat(reminder.get("invoices").get(0).get("number").asString()).isEqualTo(number(undisputed));
        assertThat(next.get("disputed")).hasSize(1);
        assertThat(next.get("disputed").get(0).get("number").asString()).isEqualTo(number(disputed));
        assertThat(next.get("disputed").get(0).get("why").asString()).contains("goods damaged on delivery");
    }

    @Test
    void a_dispute_reported_by_an_agent_isolates_its_invoice_from_the_next_actions() {
        Customer customer = customer(false);
        long first = invoice(customer, DUE, "500.00");
        invoice(customer, DUE, "700.00");
        JsonNode reminder = action(next(customer, DUE), "REMINDER");
        int disputesBefore = count("select count(*) from ledger_dispute where customer_id = " + customer.id());

        Response response = outcome(customer, reminder, "DISPUTE", DUE.plusDays(1),
                ", \"dispute\": {\"reason\": \"price differs from the quote\", \"invoices\": [\"%s\"]}".formatted(number(first)));

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(count("select count(*) from ledger_dispute where customer_id = " + customer.id())).isEqualTo(disputesBefore + 1);
        JsonNode after = next(customer, DUE.plusDays(8));
        assertThat(after.get("disputed").get(0).get("number").asString()).isEqualTo(number(first));
        assertThat(action(after, "CALL").get("invoices")).hasSize(1);
    }

    @Test
    void a_promise_pauses_escalation_until_its_date_plus_grace_and_a_broken_one_resumes_one_step_higher() {
        Customer customer = customer(false);
        invoice(customer, DUE, "1500.00");
        done(customer, action(next(customer, DUE), "REMINDER"), "SENT", DUE);
        JsonNode call = action(next(customer, DUE.plusDays(7)), "CALL");

        Response promise = outcome(customer, call, "PROMISE_TO_PAY", DUE.plusDays(7),
                ", \"promise\": {\"date\": \"%s\", \"amount\": 1500.00}".formatted(DUE.plusDays(14)));
        assertThat(promise.status()).as(promise.text()).isEqualTo(201);
        assertThat(jdbc.sql("select status from ledger_promise where id = ?").param(promise.body().get("promiseId").asLong())
                .query(String.class).single()).isEqualTo("PENDING");

        JsonNode paused = next(customer, DUE.plusDays(12));
        assertThat(actionsOf(paused)).isEmpty();
        assertThat(paused.get("paused").get(0).get("until").asString()).isEqualTo(DUE.plusDays(17).toString());
        assertThat(actionsOf(next(customer, DUE.plusDays(17)))).isEmpty();

        // The day after the grace period the days call for step 3 (written confirmation); the broken promise makes it 4.
        JsonNode resumed = next(customer, DUE.plusDays(18));
        assertThat(actionsOf(resumed)).containsExactly("FIRM_REMINDER", "INTERNAL_ALERT");
        assertThat(resumed.get("actions").get(0).get("level").asInt()).isEqualTo(4);
    }

    @Test
    void a_customer_in_insolvency_proceedings_gets_only_the_claim_declaration_with_its_deadline() {
        Customer customer = customer(false);
        long disputed = invoice(customer, DUE, "900.00");
        invoice(customer, DUE.plusDays(10), "400.00");
        ledger.openInvoice(entity, customer.id(), LocalDate.of(2026, 3, 11), LocalDate.of(2026, 4, 10), "250.00", "EUR");
        ledger.dispute(customer.id(), "quantity", DUE, null, List.of(disputed));
        reportInsolvency(customer, LocalDate.of(2026, 3, 10));

        JsonNode next = next(customer, DUE.plusDays(40));

        assertThat(actionsOf(next)).containsExactly("DECLARE_CLAIM");
        JsonNode claim = next.get("actions").get(0);
        assertThat(claim.get("deadline").asString()).isEqualTo("2026-05-10");
        // The invoice issued before the proceedings (known here by the report of 10 March) and due on 12 March is
        // declared as a sum not yet due (L622-25); the one issued on 11 March is a later debt, listed apart; the disputed
        // one is declared all the same.
        assertThat(claim.get("invoices")).hasSize(2);
        assertThat(claim.get("preview").get("fr").asString()).contains("10/05/2026");
        assertThat(next.get("insolvency").get("claimDeadline").asString()).isEqualTo("2026-05-10");
        assertThat(next.get("insolvency").get("approximate").asBoolean()).isTrue();
        assertThat(next.get("insolvency").get("notDeclared")).hasSize(1);

        done(customer, claim, "CLAIM_DECLARED", DUE.plusDays(41));
        assertThat(actionsOf(next(customer, DUE.plusDays(60)))).isEmpty();
    }

    @Test
    void a_customer_in_insolvency_proceedings_with_invoices_in_two_currencies_gets_a_claim_per_currency() {
        Customer customer = customer(false);
        invoice(customer, DUE, "900.00");
        String dollars = ledger.entity("USD");
        ledger.openInvoice(dollars, customer.id(), DUE.minusDays(30), DUE, "400.00", "USD");
        reportInsolvency(customer, LocalDate.of(2026, 3, 10));

        JsonNode next = next(customer, DUE.plusDays(40));

        assertThat(actionsOf(next)).containsExactly("DECLARE_CLAIM", "DECLARE_CLAIM");
        List<String> opens = new ArrayList<>();
        next.get("actions").forEach(claim -> {
            assertThat(claim.get("invoices")).hasSize(1);
            opens.add(claim.get("totals").get("open").get("amount").decimalValue().setScale(2).toPlainString() + " "
                    + claim.get("totals").get("open").get("currency").asString());
        });
        assertThat(opens).containsExactlyInAnyOrder("900.00 EUR", "400.00 USD");

        done(customer, next.get("actions").get(0), "CLAIM_DECLARED", DUE.plusDays(41));
        assertThat(actionsOf(next(customer, DUE.plusDays(42)))).containsExactly("DECLARE_CLAIM");
    }

    @Test
    void a_payment_received_cancels_the_pending_actions() {
        Customer customer = customer(false);
        long invoice = invoice(customer, DUE, "650.00");
        JsonNode reminder = action(next(customer, DUE), "REMINDER");

        jdbc.sql("update ledger_invoice set open_amount = 0, status = 'PAID', paid_on = ? where id = ?")
                .params(DUE.plusDays(1), invoice).update();
        JsonNode after = next(customer, DUE.plusDays(8));

        assertThat(actionsOf(after)).isEmpty();
        assertThat(after.get("cancelled").get(0).get("id").asString()).isEqualTo(reminder.get("id").asString());
        assertThat(after.get("cancelled").get(0).get("why").asString()).isEqualTo("paid");
    }

    @Test
    void the_preview_shows_late_interest_to_the_cent_and_the_40_euro_indemnity_per_late_invoice() {
        Customer customer = customer(false);
        // The law package's worked example: 10,000 € due 30 Sept 2024, 30 days late at ECB 4.25 % + 10 = 14.25 %: 117.12 €.
        invoice(customer, LocalDate.of(2024, 9, 30), "10000.00");

        JsonNode next = next(customer, LocalDate.of(2024, 10, 30));

        JsonNode formalNotice = action(next, "FORMAL_NOTICE");
        JsonNode line = formalNotice.get("invoices").get(0);
        assertThat(line.get("daysLate").asInt()).isEqualTo(30);
        assertThat(line.get("interest").get("amount").decimalValue()).isEqualByComparingTo("117.12");
        assertThat(line.get("indemnity").get("amount").decimalValue()).isEqualByComparingTo("40.00");
        assertThat(formalNotice.get("totals").get("claim").get("amount").decimalValue()).isEqualByComparingTo("10157.12");
        assertThat(formalNotice.get("preview").get("fr").asString()).contains("117,12 €", "40,00 €", "10 157,12 €",
                "mise en demeure", "Atelier " + customer.registrationNumber());
        assertThat(formalNotice.get("preview").get("en").asString()).contains("€117.12", "€40.00", "€10,157.12",
                "formal notice");
        // No supplier identity is configured here: the letters are signed "Arbiter", and the answer says so once.
        List<JsonNode> unsigned = new ArrayList<>();
        next.get("problems").forEach(problem -> {
            if (problem.get("ruleName").asString().equals("SUPPLIER_IDENTITY_MISSING")) {
                unsigned.add(problem);
            }
        });
        assertThat(unsigned).hasSize(1);
        assertThat(unsigned.getFirst().get("description").asString()).contains("signed 'Arbiter'", "R123-237",
                "arbiter.dunning.suppliers.");
    }

    @Test
    void an_external_engine_sends_open_items_inline_and_segmentation_picks_the_plan() {
        String account = LedgerFixtures.unique("EXT");
        String request = """
                {"account": "%s", "asOf": "2026-03-17",
                 "customerDetails": {"name": "Mairie de Lyon", "registrationNumber": "216901231", "publicSector": true,
                                     "customerSince": "2019-05-01"},
                 "openItems": [
                   {"number": "F-1001", "issueDate": "2026-01-31", "dueDate": "2026-03-02", "openAmount": 2400.00, "currency": "EUR"},
                   {"number": "F-1002", "issueDate": "2026-02-15", "dueDate": "2026-03-17", "openAmount": 600.00, "currency": "EUR"},
                   {"number": "F-1003", "issueDate": "2026-02-15", "dueDate": "2026-03-17", "openAmount": 300.00, "currency": "EUR",
                    "disputeReason": "not ordered"}]}""".formatted(account);

        Response response = post("/api/v1/dunning/next-actions", DUNNING_ENGINE, request);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode next = response.body();
        assertThat(next.get("dunningPlan").asString()).isEqualTo("PUBLIC_SECTOR");
        assertThat(actionsOf(next)).containsExactly("REMINDER", "CALL");
        assertThat(action(next, "CALL").get("invoices").get(0).get("number").asString()).isEqualTo("F-1001");
        assertThat(action(next, "REMINDER").get("channel").asString()).isEqualTo("LETTER");
        assertThat(next.get("disputed").get(0).get("number").asString()).isEqualTo("F-1003");

        Response promise = post("/api/v1/dunning/outcomes", DUNNING_ENGINE, """
                {"actionId": "%s", "account": "%s", "kind": "PROMISE_TO_PAY", "date": "2026-03-17",
                 "promise": {"date": "2026-03-31", "amount": 2400.00}}""".formatted(action(next, "CALL").get("id").asString(), account));
        assertThat(promise.status()).as(promise.text()).isEqualTo(201);
        JsonNode after = post("/api/v1/dunning/next-actions", DUNNING_ENGINE, request.replace("2026-03-17\",\n", "2026-03-18\",\n")).body();
        assertThat(after.get("paused").get(0).get("number").asString()).isEqualTo("F-1001");
    }

    @Test
    void an_invoice_older_than_the_rate_files_is_dunned_with_interest_from_their_first_half_year() {
        // Left unpaid since 2011: the bundled ECB rates start in December 2011, and such a debt is time-barred anyway.
        String account = LedgerFixtures.unique("OLD");
        Response response = post("/api/v1/dunning/next-actions", DUNNING_ENGINE, """
                {"account": "%s", "asOf": "2012-01-31", "openItems": [
                  {"number": "F-2011", "issueDate": "2011-05-31", "dueDate": "2011-06-30", "openAmount": 10000.00, "currency": "EUR"}]}"""
                .formatted(account));

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode line = response.body().get("actions").get(0).get("invoices").get(0);
        assertThat(line.get("daysLate").asInt()).isEqualTo(215);
        // 1 to 31 January 2012 at 1.00 % + 10 points: 10 000 × 11 % × 31 / 365 = 93.42.
        assertThat(line.get("interest").get("amount").decimalValue()).isEqualByComparingTo("93.42");
    }

    @Test
    void the_agenda_lists_the_day_s_actions_of_every_customer_grouped_by_assignee() {
        LocalDate day = LocalDate.of(2026, 4, 20);
        Customer dueToday = customer(true);
        invoice(dueToday, day, "300.00");
        Customer fifteenDaysLate = customer(true);
        invoice(fifteenDaysLate, day.minusDays(15), "450.00");
        Customer notYetDue = customer(true);
        invoice(notYetDue, day.plusDays(20), "100.00");

        Response response = get("/api/v1/dunning/agenda?asOf=" + day + "&limit=500", DUNNING_ENGINE);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(entries(response.body(), "AUTO", dueToday.account())).containsExactly("REMINDER");
        assertThat(entries(response.body(), "COLLECTOR", fifteenDaysLate.account())).containsExactly("CALL");
        for (JsonNode entry : response.body().get("items")) {
            assertThat(entry.get("account").asString()).isNotEqualTo(notYetDue.account());
        }
        Response collectors = get("/api/v1/dunning/agenda?asOf=" + day + "&assignee=COLLECTOR&limit=500", DUNNING_ENGINE);
        assertThat(collectors.body().get("items")).allSatisfy(
                entry -> assertThat(entry.get("assignee").asString()).isEqualTo("COLLECTOR"));
        assertThat(entries(collectors.body(), "COLLECTOR", fifteenDaysLate.account())).containsExactly("CALL");
    }

    @Test
    void the_agenda_comes_a_page_at_a_time_by_assignee_then_customer_following_the_cursor() {
        LocalDate day = LocalDate.of(2026, 4, 23);
        for (int i = 0; i < 3; i++) {
            invoice(customer(true), day, "300.00");
        }
        JsonNode all = get("/api/v1/dunning/agenda?asOf=" + day + "&limit=500", DUNNING_ENGINE).body().get("items");
        assertThat(all.size()).isGreaterThanOrEqualTo(3);

        List<JsonNode> paged = new ArrayList<>();
        String cursor = null;
        do {
            Response page = get("/api/v1/dunning/agenda?asOf=" + day + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), DUNNING_ENGINE);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            assertThat(page.body().get("items").size()).isLessThanOrEqualTo(2);
            page.body().get("items").forEach(paged::add);
            cursor = page.body().get("next").isNull() ? null : page.body().get("next").asString();
            assertThat(page.link() != null).as("a Link header exactly when a page follows").isEqualTo(cursor != null);
        } while (cursor != null && paged.size() <= all.size());

        assertThat(paged).containsExactlyElementsOf(all);
        List<String> order = paged.stream().map(entry -> entry.get("assignee").asString() + "\u0000"
                + entry.get("account").asString()).toList();
        assertThat(order).isSorted();
        assertThat(get("/api/v1/dunning/agenda?asOf=" + day + "&cursor=bm90LWEtY3Vyc29y", DUNNING_ENGINE).status())
                .isEqualTo(400);
    }

    /**
     * Issue 20, first bullet of "Why", on the agenda's path: once a bureau reported insolvency proceedings, the day's
     * agenda proposes only the claim declaration for the customer (Code de commerce L622-21 stops every individual
     * action; L622-24 requires the declaration, within two months of the BODACC publication, R622-24), never the payment
     * order its invoice's age calls for: 1,800 € due 2 March 2026, 95 days late on 5 June, is a payment-order step of the
     * micro plan (D+40, from €300).
     */
    @Test
    void the_agenda_proposes_only_the_claim_declaration_for_a_customer_in_insolvency_proceedings() {
        LocalDate day = DUE.plusDays(95);
        Customer customer = customer(false);
        invoice(customer, DUE, "1800.00");
        reportInsolvency(customer, LocalDate.of(2026, 3, 10));

        List<String> found = new ArrayList<>();
        String cursor = null;
        do {
            Response page = get("/api/v1/dunning/agenda?asOf=" + day + "&limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor), DUNNING_ENGINE);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            for (JsonNode entry : page.body().get("items")) {
                if (entry.get("account").asString().equals(customer.account())) {
                    found.add(entry.get("action").asString() + " " + entry.get("deadline").asString());
                }
            }
            JsonNode next = page.body().get("next");
            cursor = next == null || next.isNull() ? null : next.asString();
        } while (cursor != null);

        assertThat(found).containsExactly("DECLARE_CLAIM 2026-05-10");
    }

    private static List<String> entries(JsonNode agenda, String assignee, String account) {
        List<String> found = new ArrayList<>();
        for (JsonNode entry : agenda.get("items")) {
            if (entry.get("account").asString().equals(account)) {
                assertThat(entry.get("assignee").asString()).isEqualTo(assignee);
                found.add(entry.get("action").asString());
            }
        }
        return found;
    }

    /**
     * The policy's answers are remembered between agendas: one asked again after the customer's debt grew is new. A
     * micro-business (the plan segmentation gives these customers) 50 days late gets a payment order from €300 overdue.
     */
    @Test
    void the_agenda_asked_again_the_same_day_follows_a_debt_that_grew_past_the_payment_order_threshold() {
        LocalDate day = LocalDate.of(2026, 5, 4);
        Customer customer = customer(false);
        invoice(customer, day.minusDays(50), "200.00");

        List<String> before = agendaActions(day, customer);
        assertThat(before).containsExactly("FORMAL_NOTICE");
        assertThat(agendaActions(day, customer)).isEqualTo(before);

        invoice(customer, day.minusDays(50), "200.00");

        assertThat(agendaActions(day, customer)).containsExactly("PAYMENT_ORDER");
    }

    private List<String> agendaActions(LocalDate day, Customer customer) {
        Response agenda = get("/api/v1/dunning/agenda?asOf=" + day + "&limit=500", DUNNING_ENGINE);
        assertThat(agenda.status()).as(agenda.text()).isEqualTo(200);
        List<String> found = new ArrayList<>();
        for (JsonNode entry : agenda.body().get("items")) {
            if (entry.get("account").asString().equals(customer.account())) {
                found.add(entry.get("action").asString());
            }
        }
        return found;
    }

    @Test
    void an_action_listed_by_the_agenda_takes_an_outcome_without_asking_next_actions_first() {
        LocalDate day = LocalDate.of(2026, 4, 21);
        Customer customer = customer(true);
        invoice(customer, day, "300.00");
        JsonNode entry = null;
        for (JsonNode candidate : get("/api/v1/dunning/agenda?asOf=" + day + "&limit=500", DUNNING_ENGINE).body().get("items")) {
            if (candidate.get("account").asString().equals(customer.account())) {
                entry = candidate;
            }
        }
        assertThat(entry).isNotNull();

        Response response = post("/api/v1/dunning/outcomes", DUNNING_ENGINE, """
                {"actionId": "%s", "account": "%s", "kind": "SENT", "date": "%s"}"""
                .formatted(entry.get("actionId").asString(), customer.account(), day));

        assertThat(response.status()).as(response.text()).isEqualTo(201);
    }

    /** The test key SALESPERSON is salesperson SP-PORTFOLIO-TEST (src/test/resources/config/application.yaml). */
    @Test
    void a_salesperson_s_agenda_holds_its_own_customers_and_it_records_outcomes_for_them_only() {
        LocalDate day = LocalDate.of(2026, 4, 22);
        Customer mine = customer(false, "SP-PORTFOLIO-TEST");
        invoice(mine, day, "300.00");
        Customer theirs = customer(false, "jdupont");
        invoice(theirs, day, "300.00");

        Response agenda = get("/api/v1/dunning/agenda?asOf=" + day + "&limit=500", SALESPERSON);

        assertThat(agenda.status()).as(agenda.text()).isEqualTo(200);
        assertThat(entries(agenda.body(), "AUTO", mine.account())).containsExactly("REMINDER");
        assertThat(entries(agenda.body(), "AUTO", theirs.account())).isEmpty();
        JsonNode everyone = get("/api/v1/dunning/agenda?asOf=" + day + "&limit=500", DUNNING_ENGINE).body();
        assertThat(entries(everyone, "AUTO", theirs.account())).containsExactly("REMINDER");

        Response recorded = post("/api/v1/dunning/outcomes", SALESPERSON, """
                {"actionId": "%s", "account": "%s", "kind": "SENT", "date": "%s"}"""
                .formatted(actionId(agenda.body(), mine.account()), mine.account(), day));
        assertThat(recorded.status()).as(recorded.text()).isEqualTo(201);
        Response refused = post("/api/v1/dunning/outcomes", SALESPERSON, """
                {"actionId": "%s", "account": "%s", "kind": "SENT", "date": "%s"}"""
                .formatted(actionId(everyone, theirs.account()), theirs.account(), day));
        assertThat(refused.status()).as(refused.text()).isEqualTo(404);
        assertThat(refused.body().get("detail").asString()).contains("SP-PORTFOLIO-TEST's portfolio");
        assertThat(post("/api/v1/dunning/next-actions", SALESPERSON, """
                {"account": "%s", "asOf": "%s"}""".formatted(mine.account(), day)).status()).isEqualTo(403);
    }

    private static String actionId(JsonNode agenda, String account) {
        for (JsonNode entry : agenda.get("items")) {
            if (entry.get("account").asString().equals(account)) {
                return entry.get("actionId").asString();
            }
        }
        throw new AssertionError("no action for " + account + " in " + agenda);
    }

    @Test
    void the_agency_case_file_has_the_debtor_invoices_interest_and_history_in_json_csv_and_xlsx() throws Exception {
        Customer customer = customer(false);
        invoice(customer, LocalDate.of(2024, 9, 30), "10000.00");
        LocalDate asOf = LocalDate.of(2024, 10, 30);
        JsonNode formalNotice = action(next(customer, asOf), "FORMAL_NOTICE");
        Response sent = outcome(customer, formalNotice, "SENT", asOf, ", \"confirmedBy\": \"M. Martin\", \"note\": \"AR 1A 234\"");
        assertThat(sent.status()).as(sent.text()).isEqualTo(201);

        Response json = get("/api/v1/dunning/accounts/" + customer.account() + "/agency-case?asOf=" + asOf, MANAGER);
        Response csv = get("/api/v1/dunning/accounts/" + customer.account() + "/agency-case?format=csv&asOf=" + asOf, MANAGER);

        assertThat(json.status()).as(json.text()).isEqualTo(200);
        assertThat(json.body().get("debtor").get("registrationNumber").asString()).isEqualTo(customer.registrationNumber());
        assertThat(json.body().get("invoices").get(0).get("interest").get("amount").decimalValue()).isEqualByComparingTo("117.12");
        assertThat(json.body().get("totals").get(0).get("claim").get("amount").decimalValue()).isEqualByComparingTo("10157.12");
        JsonNode history = json.body().get("history").get(0);
        assertThat(history.get("action").asString()).isEqualTo("FORMAL_NOTICE");
        assertThat(history.get("outcome").asString()).isEqualTo("SENT");
        assertThat(history.get("note").asString()).isEqualTo("AR 1A 234");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text().lines().toList()).first().as("a byte-order mark for Excel, then the header")
                .isEqualTo("\uFEFFrecord,date,reference,description,amount,interest,indemnity,currency");
        assertThat(csv.text()).contains("DEBTOR,2024-10-30," + customer.account(), "INVOICE,2024-09-30,",
                ",10000.00,117.12,40.00,EUR", "HISTORY,2024-10-30,", "FORMAL_NOTICE by REGISTERED_LETTER: SENT (Julie (collections)) - AR 1A 234",
                "TOTAL,2024-10-30,,claim,10157.12,117.12,40.00,EUR");
        HttpResponse<byte[]> xlsx = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                uri("/api/v1/dunning/accounts/" + customer.account() + "/agency-case?format=xlsx&asOf=" + asOf))
                .header("Authorization", "Bearer " + MANAGER).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("record");
        }
        Response pdf = get("/api/v1/dunning/accounts/" + customer.account() + "/agency-case?format=pdf", MANAGER);
        assertThat(pdf.status()).as(pdf.text()).isEqualTo(400);
        assertThat(pdf.contentType()).startsWith("application/problem+json");
        assertThat(get("/api/v1/dunning/accounts/" + customer.account() + "/agency-case", DUNNING_ENGINE).status()).isEqualTo(403);
    }

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }
}
