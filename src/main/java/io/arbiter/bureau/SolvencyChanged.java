package io.arbiter.bureau;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;

import io.arbiter.shared.Money;

/**
 * A bureau told Arbiter that a company's solvency changed, and the refreshed report says how. Published after the
 * change is recorded; a notification received twice is published once.
 */
public record SolvencyChanged(String registrationNumber, String country, String provider, String notificationId,
        Instant receivedAt, @Nullable Standing previous, Standing current, SolvencyReport report) {

    /** What matters to a credit decision, before or after the change. */
    @Schema(name = "SolvencyStanding") // another API class has this simple name (SchemaNamesTests)
    public record Standing(String band, int grade, CompanyStatus status, @Nullable Money recommendedLimit) {

        public static Standing of(SolvencyReport report) {
            return new Standing(report.band(), report.commonGrade(), report.status(), report.recommendedLimit());
        }
    }
}
