package io.arbiter.dunning.letters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mock.env.MockEnvironment;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.arbiter.ApiTest;
import io.arbiter.dunning.DunningProperties;
import io.arbiter.law.InterestTerms;
import io.arbiter.law.LatePaymentInterest;
import io.arbiter.ledger.LedgerFixtures;
import io.arbiter.ledger.LedgerFixtures.NewCustomer;
import io.arbiter.shared.ProblemException;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/**
 * A collector sends an action's message as they edited it: by e-mail through a real SMTP server (GreenMail, on the port
 * the tests' configuration gives spring.mail.port) with the letter attached as PDF, or as a letter printed from its
 * PDF; sending records the SENT outcome with the text as sent and who sent it.
 */
class DunningSendingTests extends ApiTest {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    private final LocalDate today = LocalDate.now();
    private final HttpClient http = HttpClient.newHttpClient();
    private LedgerFixtures ledger;
    private String entity;

    private String customer(String name, int daysLate, String amount) {
        ledger = ledger == null ? new LedgerFixtures(jdbc) : ledger;
        entity = entity == null ? ledger.entity("EUR") : entity;
        String registration = LedgerFixtures.siren();
        NewCustomer customer = new NewCustomer(NewCustomer.named(registration).account(), registration,
                name + " " + registration, "FR", null, "jdupont", null, 30, LocalDate.of(2020, 1, 1), false);
        long id = ledger.customer(customer);
        LocalDate due = today.minusDays(daysLate);
        ledger.openInvoice(entity, id, due.minusDays(30), due, amount, "EUR");
        return customer.account();
    }

    private JsonNode action(String account, String name) {
        Response next = post("/api/v1/dunning/next-actions", ANALYST, """
                {"account": "%s", "asOf": "%s"}""".formatted(account, today));
        assertThat(next.status()).as(next.text()).isEqualTo(200);
        return StreamSupport.stream(next.body().get("actions").spliterator(), false)
                .filter(action -> action.get("action").asString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not due: " + next.text()));
    }

    private Response send(String account, JsonNode action, String body) {
        return post("/api/v1/dunning/actions/" + action.get("id").asString() + "/send", ANALYST,
                "{\"account\": \"" + account + "\"" + body + "}");
    }

    private byte[] pdf(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + ANALYST).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        return response.body();
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    /** The statutory rate of the day, as a French letter writes it: the ECB rate plus ten points. */
    private String rateToday() {
        BigDecimal rate = new Dues(LatePaymentInterest.withBundledRates())
                .rateOn(today, InterestTerms.statutoryBusiness()).ratePercent();
        return rate.setScale(2, RoundingMode.HALF_UP).toPlainString().replace('.', ',') + " %";
    }

    private static List<Part> attachments(MimeMessage message) throws Exception {
        List<Part> found = new ArrayList<>();
        Multipart multipart = (Multipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                found.add(part);
            }
        }
        return found;
    }

    private static String plainText(MimeMessage message) throws Exception {
        Multipart multipart = (Multipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.getContent() instanceof Multipart inner) {
                return (String) inner.getBodyPart(0).getContent();
            }
            if (part.isMimeType("text/plain") && part.getDisposition() == null) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no text part");
    }

    @Test
    void a_collector_edits_a_reminder_and_sends_it_by_e_mail_with_the_letter_attached_as_pdf() throws Exception {
        String account = customer("Menuiserie Leroy", 0, "1200.00");
        JsonNode reminder = action(account, "REMINDER");
        assertThat(reminder.get("channel").asString()).isEqualTo("EMAIL");
        String proposed = reminder.get("preview").get("fr").asString();
        assertThat(reminder.get("legalMentions").get("fr").asString()).contains("40 €", rateToday());
        String edited = proposed.replace("Madame, Monsieur,", "Bonjour Madame Leroy,\n\nComme convenu au téléphone ce matin :");
        assertThat(edited).isNotEqualTo(proposed);

        Response sent = send(account, reminder, ", \"channel\": \"EMAIL\", \"to\": \"compta@leroy.example\", \"text\": "
                + json.writeValueAsString(edited));

        assertThat(sent.status()).as(sent.text()).isEqualTo(201);
        assertThat(sent.body().get("sentBy").asString()).isEqualTo("test credit analyst");
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage message = smtp.getReceivedMessages()[0];
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("compta@leroy.example");
        assertThat(message.getFrom()[0].toString()).contains("recouvrement@arbiter.test");
        assertThat(message.getSubject()).as("the letter's own subject line").isEqualTo("rappel — factures arrivées à échéance");
        assertThat(plainText(message).replace("\r\n", "\n")).isEqualTo(edited);
        List<Part> attachments = attachments(message);
        assertThat(attachments).hasSize(1);
        assertThat(attachments.getFirst().getContentType()).startsWith("application/pdf");
        assertThat(attachments.getFirst().getFileName()).isEqualTo("reminder-" + account + "-" + today + ".pdf");
        byte[] attached = attachments.getFirst().getInputStream().readAllBytes();
        String letter = text(attached);
        assertThat(letter).as("the letter as edited, the amount owed, the rate and the indemnity")
                .contains("Bonjour Madame Leroy", "Comme convenu au téléphone ce matin", "Montant restant dû : 1 200,00 €",
                        "taux annuel de " + rateToday(), "40 € par facture payée en retard", "Menuiserie Leroy");

        Map<String, Object> outcome = jdbc.sql("""
                        select kind, agent, recorded_by, language, personalised_text, note from dunning_outcome
                        where customer_account = ?""").param(account).query().singleRow();
        assertThat(outcome).containsEntry("kind", "SENT").containsEntry("agent", "test credit analyst")
                .containsEntry("recorded_by", "test credit analyst").containsEntry("personalised_text", edited)
                .containsEntry("note", "E-mail to compta@leroy.example");
        assertThat(text(pdf(sent.body().get("letter").asString()))).as("the PDF kept is the letter as sent")
                .contains("Bonjour Madame Leroy");

        Response again = send(account, reminder, ", \"to\": \"compta@leroy.example\"");
        assertThat(again.status()).as("sent once: no longer due").isEqualTo(409);
        assertThat(again.body().get("type").asString()).isEqualTo("urn:arbiter:problem:action-not-due");
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void a_formal_notice_goes_as_a_registered_letter_printed_from_its_pdf_once_a_person_confirmed_it() throws Exception {
        String account = customer("Garage Morel", 35, "12000.00");
        JsonNode notice = action(account, "FORMAL_NOTICE");
        assertThat(notice.get("channel").asString()).isEqualTo("REGISTERED_LETTER");
        byte[] proposed = pdf("/api/v1/dunning/actions/" + notice.get("id").asString() + "/letter.pdf?account=" + account);
        assertThat(text(proposed)).contains("LETTRE RECOMMANDÉE", "mise en demeure", "Garage Morel",
                "taux annuel de " + rateToday(), "40 € par facture payée en retard",
                notice.get("totals").get("claim").get("amount").decimalValue().setScale(2).toPlainString().replace('.', ',')
                        .replaceAll("(\\d)(\\d{3}),", "$1 $2,") + " €");

        Response byEmail = send(account, notice, ", \"channel\": \"EMAIL\", \"to\": \"direction@morel.example\", "
                + "\"confirmedBy\": \"test credit analyst\"");
        assertThat(byEmail.status()).isEqualTo(422);
        assertThat(byEmail.body().get("detail").asString()).contains("sent as LETTER");
        Response unconfirmed = send(account, notice, ", \"channel\": \"LETTER\"");
        assertThat(unconfirmed.status()).isEqualTo(422);
        assertThat(unconfirmed.body().at("/errors/0/field").asString()).isEqualTo("confirmedBy");

        Response sent = send(account, notice, ", \"channel\": \"LETTER\", \"confirmedBy\": \"test credit analyst\", "
                + "\"text\": \"LETTRE RECOMMANDÉE — mise en demeure revue par le directeur\"");
        assertThat(sent.status()).as(sent.text()).isEqualTo(201);
        assertThat(sent.body().get("to").isNull()).isTrue();
        assertThat(smtp.getReceivedMessages()).as("a letter is printed, not e-mailed").isEmpty();
        assertThat(jdbc.sql("select confirmed_by from dunning_outcome where customer_account = ? and kind = 'SENT'")
                .param(account).query(String.class).single()).isEqualTo("test credit analyst");
        assertThat(text(pdf(sent.body().get("letter").asString()))).contains("mise en demeure revue par le directeur",
                "40 € par facture payée en retard");
    }

    /**
     * A letter's lines as printed, top to bottom, and its first page as an image under target/screenshots/ to look at.
     */
    private static List<String> printedLines(byte[] pdf, String screenshot) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            Path shot = Path.of("target", "screenshots", "DunningSendingTests", screenshot + ".png");
            Files.createDirectories(shot.getParent());
            ImageIO.write(new PDFRenderer(document).renderImageWithDPI(0, 110), "png", shot.toFile());
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(document).lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        }
    }

    @Test
    void a_letter_never_splits_a_date_or_an_amount_across_two_lines() throws Exception {
        String account = customer("Transports Girard", 0, "15446.24");
        JsonNode reminder = action(account, "REMINDER");
        // Sentences of varying lengths, so that across the paragraph dates and amounts fall at every place of a line,
        // its end included: a renderer free to break there prints "10/" then "03/2025", or "15" then "446,24 €".
        StringBuilder paragraph = new StringBuilder("Madame, Monsieur,\n\n");
        List<String> wholes = new ArrayList<>();
        for (int i = 1; i <= 36; i++) {
            String date = "%02d/%02d/2025".formatted(1 + i % 28, 1 + i % 12);
            String amount = "%d %03d,%02d €".formatted(i * 7 % 90 + 1, i * 37 % 1000, i * 13 % 100);
            String rate = "%d,%02d %%".formatted(10 + i % 5, i * 3 % 100);
            wholes.addAll(List.of(date, amount, rate));
            paragraph.append("la facture ").append("n".repeat(i % 7)).append(i).append(" échue au ").append(date)
                    .append(" reste due pour ").append(amount).append(" au taux de ").append(rate).append(i % 3 == 0 ? " ; " : ", ");
        }
        String text = paragraph.append("veuillez régler ces sommes.").toString();

        Response sent = send(account, reminder, ", \"channel\": \"LETTER\", \"text\": \"" + text.replace("\n", "\\n") + "\"");
        assertThat(sent.status()).as(sent.text()).isEqualTo(201);
        List<String> lines = printedLines(pdf(sent.body().get("letter").asString()), "letter-dates-and-amounts-whole");

        assertThat(lines.size()).as("the paragraph wraps over many lines").isGreaterThan(20);
        for (int i = 1; i < lines.size(); i++) {
            String end = lines.get(i - 1);
            String next = lines.get(i);
            assertThat(end.matches(".*[\\d/]") && next.matches("[\\d/€%].*"))
                    .as("a number split between lines:%n  %s%n  %s", end, next).isFalse();
        }
        assertThat(String.join(" ", lines).replaceAll("\\s+", " ")).as("the text reads back in its order")
                .contains(wholes).contains("la facture n1 échue au 02/02/2025 reste due pour 8 037,13 € au taux de 11,03 %");
    }

    @Test
    void an_smtp_server_that_does_not_answer_leaves_the_action_due_and_nothing_recorded() {
        String account = customer("Imprimerie Blanc", 0, "700.00");
        JsonNode reminder = action(account, "REMINDER");
        smtp.stop();

        Response refused = send(account, reminder, ", \"to\": \"compta@blanc.example\"");

        assertThat(refused.status()).as(refused.text()).isEqualTo(502);
        assertThat(refused.body().get("type").asString()).isEqualTo("urn:arbiter:problem:mail-unavailable");
        assertThat(jdbc.sql("select count(*) from dunning_outcome where customer_account = ?").param(account)
                .query(Long.class).single()).isZero();
        assertThat(action(account, "REMINDER").get("id").asString()).isEqualTo(reminder.get("id").asString());
    }

    @Test
    void without_an_smtp_server_e_mail_is_refused_with_what_to_do_instead() {
        DunningProperties properties = new DunningProperties(null, Duration.ofDays(3), "Arbiter", Map.of(),
                "recouvrement@arbiter.test", Map.of());
        LetterMail noServer = new LetterMail(new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class),
                properties, new MockEnvironment());

        assertThat(noServer.available()).isFalse();
        assertThatThrownBy(() -> noServer.check("compta@client.example")).isInstanceOfSatisfying(ProblemException.class,
                problem -> {
                    assertThat(problem.status().value()).isEqualTo(409);
                    assertThat(problem.getMessage()).contains("No SMTP server is configured (spring.mail.host)",
                            "send it as a letter (channel LETTER) and print its PDF");
                });
    }
}
