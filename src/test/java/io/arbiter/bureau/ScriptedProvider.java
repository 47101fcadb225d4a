package io.arbiter.bureau;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.arbiter.shared.Money;

/** A provider whose next answers a test chooses, counting the calls it receives. */
class ScriptedProvider implements SolvencyProvider {

    enum Mode { KNOWS, DOES_NOT_KNOW, DOWN, REJECTS_CREDENTIALS, RATE_LIMITED, OLD_REPORT }

    private final String name;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Mode mode = Mode.KNOWS;
    private volatile int grade = 70;
    private volatile CompanyStatus status = CompanyStatus.ACTIVE;
    private volatile Duration retryAfter = Duration.ofSeconds(1);
    private volatile int failuresBeforeAnswering;

    ScriptedProvider(String name) {
        this.name = name;
    }

    ScriptedProvider answer(Mode newMode) {
        mode = newMode;
        failuresBeforeAnswering = 0;
        return this;
    }

    ScriptedProvider grade(int value) {
        grade = value;
        return this;
    }

    ScriptedProvider status(CompanyStatus value) {
        status = value;
        return this;
    }

    /** Fails (retryably) this many times, then answers as the mode says. */
    ScriptedProvider failFirst(int times) {
        failuresBeforeAnswering = times;
        return this;
    }

    ScriptedProvider retryAfter(Duration wait) {
        retryAfter = wait;
        return this;
    }

    /** Back to knowing every company, active with grade 70, no failure to come and no call counted. */
    void reset() {
        answer(Mode.KNOWS).grade(70).status(CompanyStatus.ACTIVE).retryAfter(Duration.ofSeconds(1));
        resetCalls();
    }

    int calls() {
        return calls.get();
    }

    void resetCalls() {
        calls.set(0);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<SolvencyReport> report(String registrationNumber, String country) {
        calls.incrementAndGet();
        if (failuresBeforeAnswering > 0) {
            failuresBeforeAnswering--;
            throw new BureauUnavailableException(name + " answered 503", true, null, null);
        }
        return switch (mode) {
            case KNOWS -> Optional.of(report(registrationNumber, country, LocalDate.now().minusDays(3)));
            case OLD_REPORT -> Optional.of(report(registrationNumber, country, LocalDate.now().minusDays(400)));
            case DOES_NOT_KNOW -> Optional.empty();
            case DOWN -> throw new BureauUnavailableException(name + " timed out", true, null, null);
            case REJECTS_CREDENTIALS -> throw new BureauUnavailableException(name + " rejected the credentials", false, null, null);
            case RATE_LIMITED -> throw new BureauUnavailableException(name + " answered 429", true, retryAfter, null);
        };
    }

    private SolvencyReport report(String registrationNumber, String country, LocalDate date) {
        Money limit = Money.of(BigDecimal.valueOf(50_000), Currency.getInstance("EUR"));
        return new SolvencyReport(name, name + "-" + registrationNumber + "-" + grade, date, registrationNumber, country,
                "Scripted " + registrationNumber, status, grade, SolvencyReport.bandOf(grade),
                String.valueOf(grade), "0-100", null, limit, 0, null, null);
    }
}
