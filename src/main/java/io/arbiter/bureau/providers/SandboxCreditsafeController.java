package io.arbiter.bureau.providers;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.arbiter.bureau.SolvencyReport;

/**
 * The quickstart's bureau: fake Creditsafe Connect answers about deterministic French sample companies, one per
 * situation a credit manager meets (listed in the README), served by Arbiter itself so that decisions go through the
 * real Creditsafe client. Sign in with {@value #USERNAME} / {@value #PASSWORD}. Any other number is unknown to it.
 * Enabled by {@code arbiter.bureau.sandbox.enabled}.
 */
@RestController
@RequestMapping("/sandbox/creditsafe")
@ConditionalOnProperty(prefix = "arbiter.bureau.sandbox", name = "enabled", havingValue = "true")
class SandboxCreditsafeController {

    static final String USERNAME = "sandbox";
    static final String PASSWORD = "sandbox";
    private static final String TOKEN_PREFIX = "Bearer ";

    private record Sample(String name, String status, int grade, @Nullable Long limit, int remarks, long turnover,
            int ageDays) {
    }

    private static final Map<String, Sample> COMPANIES = Map.of(
            "401101001", new Sample("Fromageries Durand SA", "Active", 86, 600_000L, 0, 82_000_000L, 20),
            "402202006", new Sample("Atelier Moreau SARL", "Active", 71, 120_000L, 0, 8_500_000L, 35),
            "403303001", new Sample("Boulangerie Petit EURL", "Active", 24, 4_000L, 3, 600_000L, 12),
            "404404006", new Sample("Transports Lefèvre SAS", "Redressement judiciaire", 5, null, 7, 3_100_000L, 3),
            "405505009", new Sample("Imprimerie Garnier SA", "Dissolved", 0, null, 2, 0L, 60),
            "217500016", new Sample("Commune de Sainte-Claire", "Active", 90, null, 0, 0L, 90),
            "406606004", new Sample("Vieux Port Négoce SA", "Active", 64, 80_000L, 1, 5_200_000L, 400));

    private final Clock clock;

    SandboxCreditsafeController(Clock clock) {
        this.clock = clock;
    }

    record Credentials(String username, String password) {
    }

    @PostMapping("/authenticate")
    ResponseEntity<Map<String, Object>> authenticate(@RequestBody Credentials credentials) {
        if (!USERNAME.equals(credentials.username()) || !PASSWORD.equals(credentials.password())) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("message", "Invalid username or password"));
        }
        long expiry = clock.instant().plus(Duration.ofHours(1)).getEpochSecond();
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"sub\":\"sandbox\",\"exp\":" + expiry + "}").getBytes(StandardCharsets.UTF_8));
        return ResponseEntity.ok(Map.of("token", "eyJhbGciOiJub25lIn0." + payload + "."));
    }

    @GetMapping("/companies")
    ResponseEntity<Map<String, Object>> search(@RequestHeader(value = "Authorization", required = false) String authorization,
            @RequestParam String countries, @RequestParam(required = false) String regNo,
            @RequestParam(required = false) String vatNo) {
        if (authorization == null || !authorization.startsWith(TOKEN_PREFIX)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("message", "Authorization required"));
        }
        String siren = siren(regNo != null ? regNo : vatNo);
        Sample sample = "FR".equals(countries) && siren != null ? COMPANIES.get(siren) : null;
        if (sample == null) {
            return ResponseEntity.ok(Map.of("totalSize", 0, "companies", List.of()));
        }
        return ResponseEntity.ok(Map.of("totalSize", 1, "companies", List.of(Map.of("id", "FR-SBX-" + siren,
                "country", "FR", "regNo", siren, "name", sample.name(), "status", connectStatus(sample)))));
    }

    @GetMapping("/companies/{connectId}")
    ResponseEntity<Map<String, Object>> report(@RequestHeader(value = "Authorization", required = false) String authorization,
            @PathVariable String connectId) {
        if (authorization == null || !authorization.startsWith(TOKEN_PREFIX)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("message", "Authorization required"));
        }
        String siren = connectId.startsWith("FR-SBX-") ? connectId.substring("FR-SBX-".length()) : "";
        Sample sample = COMPANIES.get(siren);
        if (sample == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", "Company not found"));
        }
        LocalDate reportDate = LocalDate.now(clock).minusDays(sample.ageDays());
        Map<String, Object> rating = new LinkedHashMap<>();
        rating.put("commonValue", SolvencyReport.bandOf(sample.grade()));
        rating.put("providerValue", Map.of("minValue", "0", "maxValue", "100", "value", String.valueOf(sample.grade())));
        if (sample.limit() != null) {
            rating.put("creditLimit", Map.of("currency", "EUR", "value", String.valueOf(sample.limit())));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("businessName", sample.name());
        summary.put("country", "FR");
        summary.put("companyRegistrationNumber", siren);
        summary.put("companyStatus", Map.of("status", connectStatus(sample), "description", sample.status()));
        if (sample.turnover() > 0) {
            summary.put("latestTurnoverFigure", Map.of("currency", "EUR", "value", sample.turnover()));
        }
        summary.put("creditRating", rating);
        List<Map<String, Object>> incidents = java.util.stream.IntStream.rangeClosed(1, sample.remarks())
                .mapToObj(i -> Map.<String, Object>of("type", "Payment incident", "date", reportDate.minusMonths(i).toString()))
                .toList();
        return ResponseEntity.ok(Map.of(
                "correlationId", "SBX-" + siren + "-" + reportDate,
                "companyId", connectId,
                "dateOfOrder", reportDate + "T00:00:00Z",
                "language", "EN",
                "report", Map.of(
                        "companyId", connectId,
                        "companySummary", summary,
                        "creditScore", Map.of("currentCreditRating", rating),
                        "negativeInformation", Map.of("paymentIncidents", incidents))));
    }

    private static String connectStatus(Sample sample) {
        return "Dissolved".equals(sample.status()) ? "NonActive" : "Active";
    }

    /** SIRETs and French VAT numbers (FR + key + SIREN) name the same company as its SIREN. */
    private static @Nullable String siren(@Nullable String number) {
        if (number == null) {
            return null;
        }
        if (number.startsWith("FR") && number.length() == 13) {
            return number.substring(4);
        }
        return number.length() == 14 ? number.substring(0, 9) : number;
    }
}
