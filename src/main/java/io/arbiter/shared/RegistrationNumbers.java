package io.arbiter.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks and normalises company registration numbers. French numbers are verified (SIREN and SIRET carry a Luhn check
 * digit, the VAT number a key computed from the SIREN) because a typo would otherwise silently decide on "no bureau data".
 */
public final class RegistrationNumbers {

    /** La Poste's SIRETs follow their own rule (digit sum divisible by 5) instead of Luhn. */
    private static final String LA_POSTE = "356000000";

    /**
     * @param country the country, an ISO 3166 code in upper case
     * @param company the company's key for bureaus: the SIREN for France, the normalised number elsewhere; the same
     *                digits name different companies in different countries
     */
    public record CompanyId(String country, String registrationNumber, String company) {

        /** The company's key, as the ledger and dunning hold it. */
        public CompanyKey key() {
            return new CompanyKey(country, company);
        }
    }

    // Compiled once: String.matches and replaceAll compile their pattern on every call, and every decision normalises.
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-]");
    private static final Pattern LETTERS_AND_DIGITS = Pattern.compile("[A-Z0-9]{2,32}");
    private static final Pattern SIREN = Pattern.compile("\\d{9}");
    private static final Pattern SIRET = Pattern.compile("\\d{14}");
    private static final Pattern VAT = Pattern.compile("FR\\d{11}");

    private RegistrationNumbers() {
    }

    /**
     * @param field how the caller named the number, for the error
     * @throws ProblemException 400 naming the field when a French number does not check
     */
    public static CompanyId normalise(String countryCode, String raw, String field) {
        String country = countryCode.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(country).matches()) {
            throw invalid("country", countryCode, "is not a country: give its two-letter ISO 3166 code, e.g. FR");
        }
        String number = SEPARATORS.matcher(raw).replaceAll("").toUpperCase(Locale.ROOT);
        if (isPlaceholder(number)) {
            throw invalid(field, raw, "is not a registration number but a placeholder for an unknown one (no digit other "
                    + "than 0): give the company's number");
        }
        if (!"FR".equals(country)) {
            if (!LETTERS_AND_DIGITS.matcher(number).matches()) {
                throw invalid(field, raw, "must be letters and digits");
            }
            return new CompanyId(country, number, number);
        }
        if (SIREN.matcher(number).matches()) {
            if (!luhn(number)) {
                throw invalid(field, raw, "is not a valid SIREN (its check digit is wrong)");
            }
            return new CompanyId(country, number, number);
        }
        if (SIRET.matcher(number).matches()) {
            String siren = number.substring(0, 9);
            boolean valid = siren.equals(LA_POSTE) ? number.chars().map(c -> c - '0').sum() % 5 == 0 : luhn(number) && luhn(siren);
            if (!valid) {
                throw invalid(field, raw, "is not a valid SIRET (its check digit is wrong)");
            }
            return new CompanyId(country, number, siren);
        }
        if (VAT.matcher(number).matches()) {
            String siren = number.substring(4);
            int key = Integer.parseInt(number.substring(2, 4));
            if (!luhn(siren) || key != vatKey(siren)) {
                throw invalid(field, raw, "is not a valid French VAT number (its key does not match the SIREN)");
            }
            return new CompanyId(country, number, siren);
        }
        throw invalid(field, raw, "must be a SIREN (9 digits), a SIRET (14 digits) or a French VAT number (FR + 11 digits)");
    }

    /**
     * Whether a normalised number stands in for an unknown one, as ERP exports write it ({@code N/A}, {@code NA},
     * {@code INCONNU}, {@code 0}, {@code 000000000}): no company's number lacks a digit from 1 to 9, and reading these
     * as numbers would make one company of every customer whose number is missing. {@code ledger_company_id} (V18)
     * applies the same rule to the ledger's customers.
     */
    private static boolean isPlaceholder(String normalised) {
        return normalised.chars().noneMatch(c -> c >= '1' && c <= '9');
    }

    /** FR + key + SIREN, the key being (12 + 3 × (SIREN mod 97)) mod 97. */
    public static String frenchVatNumber(String siren) {
        return "FR%02d%s".formatted(vatKey(siren), siren);
    }

    private static int vatKey(String siren) {
        return (int) ((12 + 3 * (Long.parseLong(siren) % 97)) % 97);
    }

    /** Whether these digits pass the Luhn check that SIREN and SIRET numbers carry. */
    public static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    private static ProblemException invalid(String field, String raw, String why) {
        String message = "'" + raw + "' " + why;
        return ProblemException.invalidField(field, field + " " + message, message);
    }
}
