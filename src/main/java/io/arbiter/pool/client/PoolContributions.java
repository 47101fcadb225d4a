package io.arbiter.pool.client;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import io.swagger.v3.oas.annotations.media.Schema;

import io.arbiter.ledger.PaymentExperiences;
import io.arbiter.pool.protocol.Bands;
import io.arbiter.pool.protocol.Contribution;
import io.arbiter.pool.PoolProperties;
import io.arbiter.shared.ProblemException;

/**
 * Shares the ledger's payment experiences of a month with the pool, reduced to what may leave the supplier (see
 * {@link Contribution}): per customer pseudonym and band pair, a count of invoices. Sending a month again replaces it at
 * the pool, so the monthly run re-sends the last few months as late payments come in.
 */
@Service
public class PoolContributions {

    private static final Logger log = LoggerFactory.getLogger(PoolContributions.class);

    /** @param customers distinct customers shared; {@code experiences} rows, {@code invoices} invoices in them */
    @Schema(name = "PoolContributionSent") // another API class has this simple name (SchemaNamesTests)
    public record Sent(String month, int customers, int experiences, int invoices, int customersSkipped) {
    }

    private final PaymentExperiences ledger;
    private final Optional<PoolClient> client;
    private final Optional<Pseudonyms> pseudonyms;
    private final PoolProperties.Client settings;
    private final Clock clock;

    PoolContributions(PaymentExperiences ledger, ObjectProvider<PoolClient> client, ObjectProvider<Pseudonyms> pseudonyms,
            PoolProperties properties, Clock clock) {
        this.ledger = ledger;
        this.client = Optional.ofNullable(client.getIfAvailable());
        this.pseudonyms = Optional.ofNullable(pseudonyms.getIfAvailable());
        this.settings = properties.client();
        this.clock = clock;
    }

    /** Sends {@code month}'s experiences; the month must be over. */
    public Sent contribute(YearMonth month) {
        if (client.isEmpty() || pseudonyms.isEmpty()) {
            throw new ProblemException(HttpStatus.CONFLICT, "pool-not-configured", "No community pool configured",
                    "Set arbiter.pool.client.base-url, member-key and pseudonym-key to share with a pool");
        }
        LocalDate today = LocalDate.now(clock);
        if (!month.isBefore(YearMonth.from(today))) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "month " + month + " is not over yet; share months before " + YearMonth.from(today),
                    Map.of("errors", List.of(Map.of("field", "month", "message", "must be a past month"))));
        }
        Built built = build(month, today);
        try {
            client.get().contribute(month.toString(), built.contribution());
        } catch (RuntimeException e) {
            throw new ProblemException(HttpStatus.BAD_GATEWAY, "pool-unavailable", "Community pool unavailable",
                    "The pool did not take the contribution for " + month + " (" + e.getMessage()
                            + "); nothing changed there, send it again later");
        }
        Sent sent = new Sent(month.toString(), built.customers(), built.contribution().experiences().size(),
                built.contribution().experiences().stream().mapToInt(Contribution.Experience::invoices).sum(),
                built.skipped());
        log.info("Shared {} with the community pool: {} customers, {} experience rows", month, sent.customers(),
                sent.experiences());
        return sent;
    }

    /** The monthly run: the last {@code months-resent} completed months, each replacing what the pool held. */
    @Scheduled(cron = "${arbiter.pool.client.contribution-cron:0 0 3 2 * *}")
    void contributeRecentMonths() {
        if (client.isEmpty()) {
            return;
        }
        YearMonth current = YearMonth.now(clock);
        for (int back = settings.monthsResent(); back >= 1; back--) {
            try {
                contribute(current.minusMonths(back));
            } catch (ProblemException e) {
                log.warn("Monthly pool contribution of {} failed: {}", current.minusMonths(back), e.getMessage());
            }
        }
    }

    record Built(Contribution contribution, int customers, int skipped) {
    }

    /** Everything that leaves the supplier is decided here; the serialisation test reads its bytes. */
    Built build(YearMonth month, LocalDate asOf) {
        Map<String, Map<String, Integer>> bySubject = new TreeMap<>();
        java.util.Set<Long> skipped = new java.util.HashSet<>();
        for (PaymentExperiences.Experience experience : ledger.dueIn(month, asOf)) {
            String subject;
            try {
                subject = pseudonyms.orElseThrow().of(experience.country(), experience.registrationNumber());
            } catch (ProblemException e) {
                skipped.add(experience.customerId());
                continue;
            }
            String bands = Bands.amount(experience.amount()) + "|" + Bands.daysBeyondTerms(experience.daysBeyondTerms());
            bySubject.computeIfAbsent(subject, s -> new TreeMap<>()).merge(bands, 1, Integer::sum);
        }
        List<Contribution.Experience> rows = new ArrayList<>();
        bySubject.forEach((subject, bands) -> bands.forEach((pair, invoices) -> {
            String[] parts = pair.split("\\|");
            rows.add(new Contribution.Experience(subject, parts[0], parts[1], invoices));
        }));
        return new Built(new Contribution(rows), bySubject.size(), skipped.size());
    }
}
