package io.arbiter.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.arbiter.bureau.BureauUnavailableException;
import io.arbiter.bureau.CompanyStatus;
import io.arbiter.bureau.SolvencyProvider;
import io.arbiter.bureau.SolvencyReport;
import io.arbiter.shared.Money;

/**
 * A bench-only bureau that knows every company while it answers and, once switched down, fails every call as a timed-out
 * provider would ({@link BureauUnavailableException}, retryable) after a configurable delay. Counts the calls it receives,
 * so the benchmark can show that an open circuit keeps decisions away from it.
 */
final class SwitchableProvider implements SolvencyProvider {

    private final String name;
    private final Duration delay;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean answering;

    SwitchableProvider(String name, boolean answering, Duration delay) {
        this.name = name;
        this.answering = answering;
        this.delay = delay;
    }

    void answering(boolean value) {
        answering = value;
    }

    int calls() {
        return calls.get();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<SolvencyReport> report(String registrationNumber, String country) {
        calls.incrementAndGet();
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!answering) {
            throw new BureauUnavailableException(name + " timed out", true, null, null);
        }
        int grade = 71;
        LocalDate date = LocalDate.now().minusDays(3);
        return Optional.of(new SolvencyReport(name, name + "-" + registrationNumber + "-" + date, date, registrationNumber,
                country, "Bench " + registrationNumber, CompanyStatus.ACTIVE, grade, SolvencyReport.bandOf(grade),
                String.valueOf(grade), "0-100", null, Money.of(BigDecimal.valueOf(120_000), Currency.getInstance("EUR")), 0,
                null, Money.of(BigDecimal.valueOf(8_500_000), Currency.getInstance("EUR"))));
    }
}
