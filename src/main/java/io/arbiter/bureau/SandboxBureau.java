package io.arbiter.bureau;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.arbiter.shared.Money;

/**
 * A built-in bureau with deterministic French sample companies, one per situation a credit manager meets (README,
 * "Sandbox bureau"). Any other registration number is unknown to it.
 */
@Component
class SandboxBureau implements SolvencyProvider {

    private static final Currency EUR = Currency.getInstance("EUR");

    private record Sample(String name, CompanyStatus status, int grade, Long limit, int remarks, long turnover, int ageDays) {
    }

    private static final Map<String, Sample> COMPANIES = Map.of(
            "401101001", new Sample("Fromageries Durand SA", CompanyStatus.ACTIVE, 86, 600_000L, 0, 82_000_000L, 20),
            "402202006", new Sample("Atelier Moreau SARL", CompanyStatus.ACTIVE, 71, 120_000L, 0, 8_500_000L, 35),
            "403303001", new Sample("Boulangerie Petit EURL", CompanyStatus.ACTIVE, 24, 4_000L, 3, 600_000L, 12),
            "404404006", new Sample("Transports Lefèvre SAS", CompanyStatus.INSOLVENCY_PROCEEDINGS, 5, null, 7, 3_100_000L, 3),
            "405505009", new Sample("Imprimerie Garnier SA", CompanyStatus.CEASED, 0, null, 2, 0L, 60),
            "217500016", new Sample("Commune de Sainte-Claire", CompanyStatus.ACTIVE, 90, null, 0, 0L, 90),
            "406606004", new Sample("Vieux Port Négoce SA", CompanyStatus.ACTIVE, 64, 80_000L, 1, 5_200_000L, 400));

    private final Clock clock;

    SandboxBureau(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public Optional<SolvencyReport> report(String registrationNumber, String country) {
        Sample sample = "FR".equals(country) ? COMPANIES.get(siren(registrationNumber)) : null;
        if (sample == null) {
            return Optional.empty();
        }
        LocalDate reportDate = LocalDate.now(clock).minusDays(sample.ageDays());
        return Optional.of(new SolvencyReport(name(), "SBX-" + siren(registrationNumber) + "-" + reportDate,
                reportDate, siren(registrationNumber), country, sample.name(), sample.status(), sample.grade(),
                SolvencyReport.bandOf(sample.grade()), String.valueOf(sample.grade()), "0-100",
                sample.limit() == null ? null : Money.of(BigDecimal.valueOf(sample.limit()), EUR), sample.remarks(),
                sample.turnover() == 0 ? null : Money.of(BigDecimal.valueOf(sample.turnover()), EUR)));
    }

    /** A SIRET's first nine digits are its company's SIREN. */
    private static String siren(String registrationNumber) {
        return registrationNumber.length() == 14 ? registrationNumber.substring(0, 9) : registrationNumber;
    }
}
