package io.arbiter.customer;

import io.arbiter.shared.RegistrationNumbers;

/**
 * How a customer is named in {@code /api/v1/customers/{companyId}}: its company key ({@code FR:552100554}, as the
 * search answers it) or one of its numbers alone, read as French (a SIREN, a SIRET or a VAT number).
 */
final class CustomerIds {

    private CustomerIds() {
    }

    /** The company, its number checked; a 400 naming {@code companyId} when it is not one. */
    static RegistrationNumbers.CompanyId parse(String companyId) {
        int colon = companyId.indexOf(':');
        return colon < 0 ? RegistrationNumbers.normalise("FR", companyId, "companyId")
                : RegistrationNumbers.normalise(companyId.substring(0, colon), companyId.substring(colon + 1), "companyId");
    }
}
