package io.arbiter.decision;

import java.util.Locale;

import org.springframework.http.HttpStatus;

import io.arbiter.shared.ProblemException;

/**
 * Checks and normalises company registration numbers. French numbers are verified (SIREN and SIRET carry a Luhn check
 * digit, the VAT number a key computed from the SIREN) because a typo would otherwise silently decide on "no bureau data".
 */
final class RegistrationNumbers {

    /** La Poste's SIRETs follow their own rule (digit sum divisible by 5) instead of Luhn. */
    private static final String LA_POSTE = "356000000";

    /** @param company the company's key for bureaus: the SIREN for France, the normalised number elsewhere */
    record CompanyId(String registrationNumber, String company) {
    }

    private RegistrationNumbers() {
    }

    static CompanyId normalise(String country, String raw) {
        String number = raw.replaceAll("[\\s.\\-]", "").toUpperCase(Locale.ROOT);
        if (!"FR".equals(country)) {
            if (!number.matches("[A-Z0-9]{2,32}")) {
                throw invalid(raw, "must be letters and digits");
            }
            return new CompanyId(number, number);
        }
        if (number.matches("\\d{9}")) {
            if (!luhn(number)) {
                throw invalid(raw, "is not a valid SIREN (its check digit is wrong)");
            }
            return new CompanyId(number, number);
        }
        if (number.matches("\\d{14}")) {
            String siren = number.substring(0, 9);
            boolean valid = siren.equals(LA_POSTE) ? number.chars().map(c -> c - '0').sum() % 5 == 0 : luhn(number) && luhn(siren);
            if (!valid) {
                throw invalid(raw, "is not a valid SIRET (its check digit is wrong)");
            }
            return new CompanyId(number, siren);
        }
        if (number.matches("FR\\d{11}")) {
            String siren = number.substring(4);
            int key = Integer.parseInt(number.substring(2, 4));
            if (!luhn(siren) || key != (12 + 3 * (Long.parseLong(siren) % 97)) % 97) {
                throw invalid(raw, "is not a valid French VAT number (its key does not match the SIREN)");
            }
            return new CompanyId(number, siren);
        }
        throw invalid(raw, "must be a SIREN (9 digits), a SIRET (14 digits) or a French VAT number (FR + 11 digits)");
    }

    private static boolean luhn(String digits) {
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

    private static ProblemException invalid(String raw, String why) {
        String message = "'" + raw + "' " + why;
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "customer.registrationNumber " + message,
                java.util.Map.of("errors", java.util.List.of(java.util.Map.of("field", "customer.registrationNumber", "message", message))));
    }
}
