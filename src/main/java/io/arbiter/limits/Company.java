package io.arbiter.limits;

/**
 * A company as the limits API names it: its registration number as given (SIREN, SIRET or VAT number) and its country;
 * limits are kept per company key ({@code RegistrationNumbers}' company, the SIREN for a French company).
 */
public record Company(String registrationNumber, String country) {
}
