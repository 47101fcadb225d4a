package io.arbiter.bureau;

import java.time.LocalDate;

import io.arbiter.shared.CompanyKey;

/**
 * A bureau reported a company in insolvency proceedings (procédure collective): dunning stops and the claim must be
 * declared within two months of the publication. Announced for every report saying so, so a listener sees it again.
 *
 * @param registrationNumber the company's key number (the SIREN for a French company)
 * @param reportDate the report's date: the best date known for the proceedings when the report gives no publication
 */
public record InsolvencyReported(String registrationNumber, String country, String provider, LocalDate reportDate) {

    /** The company, as the ledger and dunning key it. */
    public CompanyKey company() {
        return CompanyKey.of(country, registrationNumber).orElseThrow();
    }
}
