package io.arbiter.dunning;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.arbiter.dunning.DunningApi.Action;
import io.arbiter.dunning.DunningApi.Message;
import io.arbiter.dunning.DunningApi.NextActionsRequest;
import io.arbiter.dunning.DunningApi.OutcomeRecorded;
import io.arbiter.dunning.DunningApi.OutcomeRequest;
import io.arbiter.dunning.DunningApi.SendRequest;
import io.arbiter.dunning.DunningApi.Sent;
import io.arbiter.dunning.cases.DunningActions;
import io.arbiter.dunning.letters.DunningTemplates;
import io.arbiter.dunning.letters.LetterMail;
import io.arbiter.dunning.letters.LetterPdf;
import io.arbiter.ledger.OpenItems;
import io.arbiter.shared.ProblemException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends an action's message as a person edited it: by e-mail with the letter attached as PDF, or as a letter they
 * print from its PDF and post. Sending records the {@code SENT} outcome itself, with the text as sent and who sent it,
 * in the transaction that sends the e-mail: an e-mail the server refused leaves nothing recorded. A registered letter
 * (a formal notice) goes only as a letter, whose receipt the post office proves, and only once a person confirmed it.
 */
@Service
public class DunningSending {

    /** Letters in French for customers of these countries; in English for every other. */
    private static final Set<String> FRENCH_SPEAKING = Set.of("FR", "BE", "LU", "MC", "CH");
    private static final Pattern SUBJECT = Pattern.compile("(?im)^\\s*(?:subject|objet)\\s*:\\s*(.+)$");
    public static final String EMAIL = "EMAIL";
    public static final String LETTER = "LETTER";

    private final NextActionsService nextActions;
    private final DunningOutcomes outcomes;
    private final DunningActions actions;
    private final OpenItems openItems;
    private final LetterPdf pdf;
    private final LetterMail mail;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate transactions;

    DunningSending(NextActionsService nextActions, DunningOutcomes outcomes, DunningActions actions, OpenItems openItems,
            LetterPdf pdf, LetterMail mail, JsonMapper json, Clock clock, TransactionTemplate transactions) {
        this.nextActions = nextActions;
        this.outcomes = outcomes;
        this.actions = actions;
        this.openItems = openItems;
        this.pdf = pdf;
        this.mail = mail;
        this.json = json;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** A letter's PDF and the name to save it under. */
    public record Letter(String fileName, byte[] pdf) {
    }

    /** Whether an SMTP server and a sender are configured, so that e-mails can go out. */
    public boolean emailAvailable() {
        return mail.available();
    }

    /** The language the customer's letters are written in: French for French-speaking countries, else English. */
    public String language(String account) {
        String country = openItems.customer(account).map(OpenItems.Customer::country).orElse("FR");
        return FRENCH_SPEAKING.contains(country.strip().toUpperCase()) ? "fr" : "en";
    }

    /** The channels an action's message can be sent through: none for a call, an SMS or an internal step. */
    public static Set<String> channels(String actionChannel) {
        return switch (actionChannel) {
            case EMAIL, LETTER -> Set.of(EMAIL, LETTER);
            case "REGISTERED_LETTER" -> Set.of(LETTER);
            default -> Set.of();
        };
    }

    public Sent send(UUID actionId, SendRequest request, String sentBy) {
        if (request.customer() == null || request.customer().isBlank()) {
            throw NextActionsService.invalid("account", "account (the customer's account) is required");
        }
        LocalDate date = request.date() == null ? LocalDate.now(clock) : request.date();
        Action action = due(actionId, request.customer(), date);
        Set<String> allowed = channels(action.channel());
        String channel = request.channel() == null || request.channel().isBlank()
                ? (action.channel().equals(EMAIL) ? EMAIL : LETTER) : request.channel().strip().toUpperCase();
        if (!allowed.contains(channel)) {
            throw NextActionsService.invalid("channel", allowed.isEmpty()
                    ? "a " + action.channel() + " action has no message to send: record its outcome instead"
                    : "a " + action.channel() + " action is sent as " + String.join(" or ", allowed.stream().sorted().toList())
                            + (action.channel().equals("REGISTERED_LETTER") ? " (the post office proves its receipt)" : ""));
        }
        if (action.requiresConfirmation() && (request.confirmedBy() == null || request.confirmedBy().isBlank())) {
            throw NextActionsService.invalid("confirmedBy", action.action()
                    + " must be confirmed by a person before it is sent: give confirmedBy");
        }
        String language = request.language() == null ? language(request.customer()) : request.language();
        if (!DunningTemplates.LANGUAGES.contains(language)) {
            throw NextActionsService.invalid("language", "language is fr or en");
        }
        String text = request.text() == null ? action.preview().get(language) : request.text();
        if (text == null || text.isBlank()) {
            throw NextActionsService.invalid("text", "the text to send is empty");
        }
        if (channel.equals(EMAIL)) {
            mail.check(request.to());
        }
        String subject = subject(text, action, request.customer());
        byte[] letter = pdf.render(language, subject, text, action.legalMentions().getOrDefault(language, ""));
        String to = channel.equals(EMAIL) ? request.to().strip() : null;
        String note = to == null ? blankToNull(request.note())
                : "E-mail to " + to + (blankToNull(request.note()) == null ? "" : " · " + request.note().strip());
        return transactions.execute(status -> {
            OutcomeRecorded recorded = outcomes.record(new OutcomeRequest(actionId, request.customer(), OutcomeKind.SENT,
                    date, sentBy, blankToNull(request.confirmedBy()), note, null, null, new Message(language, text)), sentBy);
            if (to != null) {
                mail.send(to, subject, text, fileName(action.template(), request.customer(), date), letter);
            }
            return new Sent(recorded.id(), actionId, request.customer(), channel, to, language, date, sentBy,
                    blankToNull(request.confirmedBy()), "/api/v1/dunning/actions/" + actionId + "/letter.pdf?account="
                            + java.net.URLEncoder.encode(request.customer(), java.nio.charset.StandardCharsets.UTF_8));
        });
    }

    /**
     * The letter's PDF: the text last sent when it was sent, otherwise the one proposed on the day, in the customer's
     * language; with the legal mentions either way.
     */
    public Letter letter(UUID actionId, String customer, @Nullable LocalDate date) {
        DunningActions.StoredAction stored = actions.find(actionId).filter(found -> found.customerAccount().equals(customer))
                .orElseThrow(() -> unknown(actionId, customer));
        Optional<DunningActions.SentText> sent = actions.lastSent(actionId);
        if (sent.isPresent()) {
            String language = sent.get().language();
            String mentions = actions.proposal(actionId).map(proposal -> json.readTree(proposal).path("legalMentions")
                    .path(language).asString("")).orElse("");
            String text = sent.get().text();
            return new Letter(fileName(stored.template(), customer, sent.get().sentOn()),
                    pdf.render(language, subject(text, null, customer), text, mentions));
        }
        LocalDate day = date == null ? LocalDate.now(clock) : date;
        Action action = due(actionId, customer, day);
        String language = language(customer);
        String text = action.preview().get(language);
        return new Letter(fileName(action.template(), customer, day),
                pdf.render(language, subject(text, action, customer), text, action.legalMentions().getOrDefault(language, "")));
    }

    private Action due(UUID actionId, String customer, LocalDate date) {
        return nextActions.nextActions(new NextActionsRequest(customer, date, null, null, null, null, null, null))
                .actions().stream().filter(candidate -> candidate.id().equals(actionId)).findFirst()
                .orElseThrow(() -> actions.find(actionId).filter(found -> found.customerAccount().equals(customer)).isPresent()
                        ? new ProblemException(HttpStatus.CONFLICT, "action-not-due", "Action not due",
                                "Action " + actionId + " is not due on " + date + ": it was already done, or its invoices"
                                        + " were paid, disputed or are under a promise to pay")
                        : unknown(actionId, customer));
    }

    private static ProblemException unknown(UUID actionId, String customer) {
        return new ProblemException(HttpStatus.NOT_FOUND, "unknown-action", "Unknown action", "No action " + actionId
                + " was proposed for customer '" + customer + "'; ask next-actions (or the agenda) for the actions due");
    }

    /** The text's own subject line ("Subject:", "Objet :"), else the action and the customer. */
    private static String subject(String text, @Nullable Action action, String customer) {
        Matcher matcher = SUBJECT.matcher(text);
        if (matcher.find()) {
            return matcher.group(1).strip();
        }
        return (action == null ? "Letter" : action.action().charAt(0) + action.action().substring(1).toLowerCase()
                .replace('_', ' ')) + " · " + customer;
    }

    private static String fileName(String template, String customer, LocalDate date) {
        return (template + "-" + customer + "-" + date).replaceAll("[^A-Za-z0-9._-]", "_") + ".pdf";
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
