package io.arbiter.dunning;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Dunning settings.
 *
 * @param templatesDirectory message templates, {@code <language>/<template>.txt} ({@code fr}, {@code en}); unset, the
 *        templates packaged in the application
 * @param promiseGrace how long after a promised date escalation stays paused before the promise counts as broken
 * @param supplierName how the messages sign when no supplier identity is configured for the invoices' entity
 * @param suppliers the supplier's identity per legal entity of the ledger (its code), which letters are sent by: a
 *                  formal notice names the creditor (name, address, registration number) and whom to contact
 * @param mailFrom the sender of dunning e-mails, e.g. {@code Dupont recouvrement <recouvrement@dupont.example>}; unset,
 *                 the SMTP account ({@code spring.mail.username}) when it is an address. E-mails go out through the
 *                 SMTP server of {@code spring.mail.host}; with none, sending by e-mail is refused and letters print
 * @param latePaymentInterest per dunning plan ({@code SME}, {@code KEY_ACCOUNT}...), whether the interest on parts paid
 *                            after their due date and the €40 indemnity of invoices paid late are claimed
 *                            ({@code CLAIM}) or waived ({@code WAIVE}, for a plan not listed): either way they are shown
 */
@ConfigurationProperties("arbiter.dunning")
public record DunningProperties(@org.jspecify.annotations.Nullable Path templatesDirectory,
        @DefaultValue("3d") Duration promiseGrace, @DefaultValue("Arbiter") String supplierName,
        @DefaultValue Map<String, Supplier> suppliers, @Nullable String mailFrom,
        @DefaultValue Map<String, LatePaymentInterest> latePaymentInterest) {

    /** What finance decides for payments received late: many suppliers waive what the law lets them claim. */
    public enum LatePaymentInterest {
        CLAIM, WAIVE
    }

    /** Whether a plan's late payments are claimed: only when finance set {@code CLAIM} for it. */
    public boolean claimsLatePayments(String plan) {
        return latePaymentInterest.getOrDefault(plan, LatePaymentInterest.WAIVE) == LatePaymentInterest.CLAIM;
    }

    /**
     * A legal entity's identity as its letters show it.
     *
     * @param address postal address, lines separated by new lines
     * @param registrationNumber e.g. {@code RCS Lyon 552 100 554} or the SIREN
     * @param contact who the debtor calls or writes to, e.g. {@code Service recouvrement, 04 72 00 00 00}
     */
    public record Supplier(String name, @Nullable String address, @Nullable String registrationNumber,
            @Nullable String contact) {
    }

    /** The identity letters about an entity's invoices carry; the configured name alone when none is set up. */
    public Supplier supplier(@Nullable String entity) {
        Supplier configured = entity == null ? null : suppliers.get(entity);
        if (configured == null && suppliers.size() == 1) {
            configured = suppliers.values().iterator().next();
        }
        return configured != null ? configured : new Supplier(supplierName, null, null, null);
    }
}
