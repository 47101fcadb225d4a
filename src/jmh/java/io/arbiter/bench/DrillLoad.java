package io.arbiter.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.arbiter.ledger.LedgerFixtures;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Concurrent order systems asking for decisions over real HTTP during one phase of the fault drill, and the tally of
 * what they were answered against what the database holds afterwards.
 */
final class DrillLoad {

    static final String HEADER = String.format(Locale.ROOT, "%-10s %-20s %-26s %7s %7s %6s %6s %7s  %s", "database", "fault",
            "answers by status", "p50 ms", "p99 ms", "201", "stored", "missing", "outcome/bureau lookup of the 201s");

    /** One phase's figures. */
    record Phase(String database, String fault, Map<Integer, Integer> statuses, double p50, double p99, int answered,
            int stored, Map<String, Integer> outcomes) {

        int missing() {
            return answered - stored;
        }

        String line() {
            return String.format(Locale.ROOT, "%-10s %-20s %-26s %7.0f %7.0f %6d %6d %7d  %s", database, fault, statuses, p50, p99,
                    answered, stored, missing(), outcomes);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;
    private final String apiKey;
    private final int clients;
    private final JdbcClient jdbc;
    private final List<String> known = new ArrayList<>();

    DrillLoad(String base, String apiKey, int clients, JdbcClient jdbc) {
        this.base = base;
        this.apiKey = apiKey;
        this.clients = clients;
        this.jdbc = jdbc;
    }

    /** Decides {@code companies} new companies once, so that later phases have established, cached ones. */
    void warmUp(int companies) throws InterruptedException {
        List<String> sirens = Sirens.fresh(companies);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            int first = t;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = first; i < sirens.size(); i += clients) {
                    decide(sirens.get(i));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        known.addAll(sirens);
    }

    /**
     * Loads the application for {@code seconds}; {@code fault}, when given, runs a third of the way in, and the load
     * goes on while it lasts and after it.
     */
    Phase phase(String database, String fault, int seconds, Consumer<DrillLoad> action) throws InterruptedException {
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> millis = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> answered = new ConcurrentLinkedQueue<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (loading.get()) {
                    boolean fresh = ThreadLocalRandom.current().nextBoolean();
                    String siren = fresh ? Sirens.fresh(1).getFirst() : known.get(ThreadLocalRandom.current().nextInt(known.size()));
                    long start = System.nanoTime();
                    Answer answer = decide(siren);
                    millis.add((System.nanoTime() - start) / 1_000_000);
                    statuses.computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();
                    if (answer.status() == 201) {
                        answered.add(answer.requestId());
                        outcomes.computeIfAbsent(answer.outcome(), s -> new AtomicInteger()).incrementAndGet();
                    }
                }
            }));
        }
        if (action != null) {
            FaultDrill.sleep(seconds * 1000L / 3);
            action.accept(this);
            FaultDrill.sleep(seconds * 2000L / 3);
        } else {
            FaultDrill.sleep(seconds * 1000L);
        }
        loading.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return new Phase(database, fault, counts(statuses), percentile(sorted, 0.50), percentile(sorted, 0.99),
                answered.size(), stored(List.copyOf(answered)), counts(outcomes));
    }

    private record Answer(int status, String requestId, String outcome) {
    }

    private Answer decide(String siren) {
        String requestId = UUID.randomUUID().toString();
        String body = """
                {"requestId": "%s", "customer": {"registrationNumber": "%s", "name": "Client %s", "country": "FR",
                 "customerSince": "2015-06-01"}, "order": {"amount": 500, "currency": "EUR"}}""".formatted(requestId, siren, siren);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/credit-decisions"))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String outcome = "";
            if (response.statusCode() == 201) {
                JsonNode decision = json.readTree(response.body());
                outcome = decision.path("outcome").asString() + "/" + decision.at("/bureau/lookup").asString();
            }
            return new Answer(response.statusCode(), requestId, outcome);
        } catch (IOException e) {
            return new Answer(0, requestId, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, requestId, "");
        }
    }

    /** How many of the answered request ids are stored, read once the database answers again. */
    private int stored(List<String> requestIds) {
        for (int attempt = 0; ; attempt++) {
            try {
                int found = 0;
                for (int from = 0; from < requestIds.size(); from += 1000) {
                    List<String> chunk = requestIds.subList(from, Math.min(requestIds.size(), from + 1000));
                    found += jdbc.sql("select count(*) from credit_decision where request_id in (:ids)")
                            .param("ids", chunk).query(Integer.class).single();
                }
                return found;
            } catch (RuntimeException e) {
                if (attempt == 60) {
                    throw e;
                }
                FaultDrill.sleep(1000);
            }
        }
    }

    private static <K> Map<K, Integer> counts(Map<K, AtomicInteger> counters) {
        Map<K, Integer> counts = new TreeMap<>();
        counters.forEach((key, count) -> counts.put(key, count.get()));
        return counts;
    }

    private static double percentile(List<Long> sorted, double fraction) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(fraction * sorted.size()) - 1));
    }

    /** Luhn-valid SIRENs of private companies, drawn at random as the tests draw them. */
    static final class Sirens {

        static List<String> fresh(int count) {
            List<String> sirens = new ArrayList<>();
            while (sirens.size() < count) {
                sirens.add(LedgerFixtures.siren());
            }
            return sirens;
        }
    }
}
