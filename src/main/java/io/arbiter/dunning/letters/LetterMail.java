package io.arbiter.dunning.letters;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import io.arbiter.dunning.DunningProperties;
import io.arbiter.dunning.NextActionsService;
import io.arbiter.shared.ProblemException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Dunning e-mails through the SMTP server Spring Boot's mail support is given ({@code spring.mail.host}): the text as
 * the person sent it, the letter attached as PDF. Without a server Boot makes no {@link JavaMailSender}, and an e-mail
 * is refused with what to do instead, before anything is recorded.
 */
@Component
public class LetterMail {

    private final ObjectProvider<JavaMailSender> senders;
    private final DunningProperties properties;
    private final Environment environment;

    LetterMail(ObjectProvider<JavaMailSender> senders, DunningProperties properties, Environment environment) {
        this.senders = senders;
        this.properties = properties;
        this.environment = environment;
    }

    /** Whether e-mails can go out; the console offers them only then. */
    public boolean available() {
        return senders.getIfAvailable() != null && from() != null;
    }

    /** Checks that an e-mail can be sent to this address, before anything is recorded. */
    public void check(@Nullable String to) {
        if (senders.getIfAvailable() == null || from() == null) {
            throw new ProblemException(HttpStatus.CONFLICT, "mail-not-configured", "E-mail is not configured",
                    senders.getIfAvailable() == null
                            ? "No SMTP server is configured (spring.mail.host), so nothing can be sent by e-mail: send it"
                                    + " as a letter (channel LETTER) and print its PDF, or ask the operator to configure one"
                            : "No sender address is configured: set arbiter.dunning.mail-from (or spring.mail.username"
                                    + " to an address); until then send it as a letter (channel LETTER)");
        }
        address(to);
    }

    public void send(String to, String subject, String text, String attachmentName, byte[] pdf) {
        JavaMailSender sender = senders.getObject();
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(InternetAddress.parse(from(), true)[0]);
            helper.setTo(address(to));
            helper.setSubject(subject);
            helper.setText(text, false);
            helper.addAttachment(attachmentName, new ByteArrayResource(pdf), "application/pdf");
            sender.send(message);
        } catch (MessagingException | MailException e) {
            throw new ProblemException(HttpStatus.BAD_GATEWAY, "mail-unavailable", "E-mail not sent",
                    "The SMTP server did not take the e-mail (" + e.getMessage() + "); nothing was recorded: try again"
                            + " or send it as a letter");
        }
    }

    private @Nullable String from() {
        if (properties.mailFrom() != null && !properties.mailFrom().isBlank()) {
            return properties.mailFrom();
        }
        String account = environment.getProperty("spring.mail.username");
        return account != null && account.contains("@") ? account : null;
    }

    private static InternetAddress address(@Nullable String to) {
        try {
            if (to == null || to.isBlank()) {
                throw new AddressException("no address");
            }
            InternetAddress address = new InternetAddress(to.strip(), true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw NextActionsService.invalid("to", "an e-mail needs the customer's address in to, e.g. compta@client.example"
                    + (to == null || to.isBlank() ? "" : "; '" + to + "' is not one"));
        }
    }
}
