package io.arbiter.bureau;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

/** Finds the report a decision needs: the first provider that knows the company answers. */
@Service
public class SolvencyService {

    private final List<SolvencyProvider> providers;
    private final BureauProperties properties;
    private final Clock clock;

    SolvencyService(List<SolvencyProvider> providers, BureauProperties properties, Clock clock) {
        this.providers = providers;
        this.properties = properties;
        this.clock = clock;
    }

    public SolvencyLookup lookup(String registrationNumber, String country) {
        for (SolvencyProvider provider : providers) {
            Optional<SolvencyReport> report = provider.report(registrationNumber, country);
            if (report.isPresent()) {
                LocalDate oldestFresh = LocalDate.now(clock).minusDays(properties.maxReportAge().toDays());
                return new SolvencyLookup(report, report.get().reportDate().isBefore(oldestFresh));
            }
        }
        return SolvencyLookup.none();
    }
}
