package io.arbiter.bureau;

import java.time.LocalDate;

/**
 * A company entered insolvency proceedings (procédure collective): dunning stops and the claim must be declared within
 * two months of the publication.
 */
public record InsolvencyReported(String registrationNumber, String country, String provider, LocalDate reportDate) {
}
