package io.arbiter.shared;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A company, whichever of its numbers a system holds: the SIREN for a French company (from a SIREN, a SIRET or a VAT
 * number, with or without spaces, dots or dashes), the normalised number elsewhere, always with its country because the
 * same digits name different companies in different countries. It is the rule of the ledger's
 * {@code ledger_company_id} (V18) and of {@link RegistrationNumbers}, so that the exposure, the bureaus' reports and
 * dunning's insolvency records find one company the same way. Written {@code FR:552100554}.
 */
public record CompanyKey(String country, String company) {

    // Compiled once: the agenda and simulations make a key for every customer of the ledger.
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-]");
    private static final Pattern SIRET = Pattern.compile("\\d{14}");
    private static final Pattern VAT_NUMBER = Pattern.compile("FR\\d{11}");

    public CompanyKey {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(company, "company");
    }

    /**
     * The key of a number as an ERP holds it, without checking its check digits (a ledger keeps what it was given);
     * empty when there is no number or it is a placeholder for an unknown one ({@code N/A}, {@code 0}).
     */
    public static Optional<CompanyKey> of(@Nullable String country, @Nullable String registrationNumber) {
        if (registrationNumber == null) {
            return Optional.empty();
        }
        String n = SEPARATORS.matcher(registrationNumber).replaceAll("").toUpperCase(Locale.ROOT);
        if (n.chars().noneMatch(c -> c >= '1' && c <= '9')) {
            return Optional.empty();
        }
        String countryCode = country == null ? "FR" : country.strip().toUpperCase(Locale.ROOT);
        if (countryCode.equals("FR") && SIRET.matcher(n).matches()) {
            n = n.substring(0, 9);
        } else if (countryCode.equals("FR") && VAT_NUMBER.matcher(n).matches()) {
            n = n.substring(4);
        }
        return Optional.of(new CompanyKey(countryCode, n));
    }

    /** Reads {@code FR:552100554} back. */
    public static CompanyKey parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a company key (country:number)");
        }
        return new CompanyKey(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return country + ":" + company;
    }
}
