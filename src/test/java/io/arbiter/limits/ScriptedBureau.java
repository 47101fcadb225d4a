package io.arbiter.limits;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.arbiter.bureau.CompanyStatus;
import io.arbiter.bureau.SolvencyProvider;
import io.arbiter.bureau.SolvencyReport;
import io.arbiter.shared.Money;

/** A bureau whose answer per company a test chooses: a good grade and an active company unless told otherwise. */
class ScriptedBureau implements SolvencyProvider {

    private final Map<String, CompanyStatus> statuses = new ConcurrentHashMap<>();

    void status(String registrationNumber, CompanyStatus status) {
        statuses.put(registrationNumber, status);
    }

    @Override
    public String name() {
        return "limitsbureau";
    }

    @Override
    public Optional<SolvencyReport> report(String registrationNumber, String country) {
        CompanyStatus status = statuses.getOrDefault(registrationNumber, CompanyStatus.ACTIVE);
        int grade = status == CompanyStatus.ACTIVE ? 85 : 5;
        Money eur = Money.of(BigDecimal.valueOf(400_000), Currency.getInstance("EUR"));
        return Optional.of(new SolvencyReport(name(), name() + "-" + registrationNumber + "-" + status, LocalDate.now(),
                registrationNumber, country, "Scripted " + registrationNumber, status, grade, SolvencyReport.bandOf(grade),
                String.valueOf(grade), "0-100", null, eur, 0, null, Money.of(BigDecimal.valueOf(8_000_000), eur.currency())));
    }
}
