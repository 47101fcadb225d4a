package io.arbiter.bureau.providers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

import org.jspecify.annotations.Nullable;

import io.arbiter.shared.Money;
import tools.jackson.databind.JsonNode;

import io.arbiter.bureau.CompanyStatus;
import io.arbiter.bureau.SolvencyReport;

/**
 * Reads a Creditsafe Connect credit report ({@code GET /companies/{connectId}}) into a {@link SolvencyReport}. Every
 * field may be missing or empty: what is unknown stays unknown rather than failing the decision.
 *
 * <ul>
 * <li>Rating: {@code report.creditScore.currentCreditRating}, else {@code report.companySummary.creditRating}.</li>
 * <li>Common grade: the provider score placed on its own scale, {@code 100 × (value − min) / (max − min)}, rounded and
 * kept within 0–100 (a scale given as 100–1 works too). When the provider score is not a number on a numeric scale,
 * Creditsafe's common letter stands in at the middle of Arbiter's band: A 90, B 70, C 50, D 30, E 10. A report with
 * no rating at all gets grade 0 (band E): a credit manager grants nothing on a bureau that cannot rate the company, and
 * the policy's other rows (segment, history, exposure) still decide.</li>
 * <li>Status: insolvency words in {@code companyStatus.description} (liquidation, receivership, administration,
 * redressement, sauvegarde, bankruptcy, insolvency) mean insolvency proceedings, whatever {@code status} says (a French
 * company in redressement is still trading); else {@code NonActive} or words of closure mean ceased; else active
 * (Connect reports closure explicitly, so {@code Active}, {@code Pending}, {@code Other} and no status read as
 * active and leave the risk to the grade).</li>
 * <li>Recommended limit: the rating's {@code creditLimit {value, currency}}; absent when missing or unreadable.</li>
 * <li>Payment remarks: the public docs leave {@code negativeInformation} untyped; each entry of each list found in
 * it (court judgments, payment incidents...) counts as one remark.</li>
 * <li>Turnover: {@code report.companySummary.latestTurnoverFigure {value, currency}}.</li>
 * <li>Report date: {@code dateOfOrder}, the day Creditsafe produced the report; when missing, today, as a report is
 * produced when ordered. Report id: {@code correlationId}, which Creditsafe's support can trace, else
 * {@code companyId} and date.</li>
 * </ul>
 */
final class CreditsafeReports {

    private static final List<String> INSOLVENCY = List.of("liquidation", "receivership", "administration",
            "redressement", "sauvegarde", "bankrupt", "insolven", "procédure collective", "procedure collective");
    private static final List<String> CLOSURE = List.of("dissolved", "ceased", "closed", "struck off", "radiée",
            "radiee", "cessation", "inactive", "non active", "nonactive");

    private CreditsafeReports() {
    }

    /**
     * @param table the provider-score table configured for Creditsafe ({@code arbiter.bureau.normalisation.tables.creditsafe}),
     *              which then replaces the linear scaling of the provider value over its own range
     */
    static SolvencyReport read(JsonNode response, String registrationNumber, String country, String searchName,
            LocalDate today, Optional<IntUnaryOperator> table) {
        JsonNode report = response.path("report");
        JsonNode summary = report.path("companySummary");
        JsonNode rating = report.path("creditScore").path("currentCreditRating");
        if (rating.isMissingNode() || rating.isNull() || rating.isEmpty()) {
            rating = summary.path("creditRating");
        }
        Grade grade = grade(rating, table);
        LocalDate reportDate = date(text(response, "dateOfOrder"), today);
        String reportId = text(response, "correlationId");
        if (reportId == null) {
            String companyId = text(response, "companyId");
            reportId = (companyId == null ? registrationNumber : companyId) + "-" + reportDate;
        }
        String name = text(summary, "businessName");
        return new SolvencyReport("creditsafe", reportId, reportDate, registrationNumber, country,
                name != null ? name : searchName, status(summary.path("companyStatus")), grade.common(),
                SolvencyReport.bandOf(grade.common()), grade.providerScore(), grade.providerScale(),
                description(rating), money(rating.path("creditLimit")),
                remarks(report.path("negativeInformation")), null, money(summary.path("latestTurnoverFigure")));
    }

    private static @Nullable String description(JsonNode rating) {
        String own = text(rating, "providerDescription");
        return own != null ? own : text(rating, "commonDescription");
    }

    private record Grade(int common, String providerScore, String providerScale) {
    }

    private static Grade grade(JsonNode rating, Optional<IntUnaryOperator> table) {
        JsonNode provider = rating.path("providerValue");
        BigDecimal value = number(text(provider, "value"));
        BigDecimal min = number(text(provider, "minValue"));
        BigDecimal max = number(text(provider, "maxValue"));
        if (value != null && table.isPresent()) {
            return new Grade(table.get().applyAsInt(value.intValue()), text(provider, "value"),
                    text(provider, "minValue") + "-" + text(provider, "maxValue"));
        }
        if (value != null && min != null && max != null && min.compareTo(max) != 0) {
            int common = value.subtract(min).multiply(BigDecimal.valueOf(100))
                    .divide(max.subtract(min), 0, RoundingMode.HALF_UP).intValue();
            return new Grade(Math.clamp(common, 0, 100), text(provider, "value"),
                    text(provider, "minValue") + "-" + text(provider, "maxValue"));
        }
        String letter = text(rating, "commonValue");
        int common = switch (letter == null ? "" : letter.toUpperCase(Locale.ROOT)) {
            case "A" -> 90;
            case "B" -> 70;
            case "C" -> 50;
            case "D" -> 30;
            case "E" -> 10;
            default -> -1;
        };
        if (common >= 0) {
            return new Grade(common, letter.toUpperCase(Locale.ROOT), "A-E, A best (Creditsafe common value)");
        }
        return new Grade(0, "not rated", "none");
    }

    private static CompanyStatus status(JsonNode companyStatus) {
        String description = String.valueOf(text(companyStatus, "description")).toLowerCase(Locale.ROOT);
        if (INSOLVENCY.stream().anyMatch(description::contains)) {
            return CompanyStatus.INSOLVENCY_PROCEEDINGS;
        }
        if ("NonActive".equalsIgnoreCase(text(companyStatus, "status")) || CLOSURE.stream().anyMatch(description::contains)) {
            return CompanyStatus.CEASED;
        }
        return CompanyStatus.ACTIVE;
    }

    private static int remarks(JsonNode negativeInformation) {
        if (negativeInformation.isArray()) {
            return negativeInformation.size();
        }
        int count = 0;
        for (JsonNode child : negativeInformation.values()) {
            count += child.isContainer() ? remarks(child) : 0;
        }
        return count;
    }

    private static @Nullable Money money(JsonNode node) {
        BigDecimal value = number(text(node, "value"));
        String currency = text(node, "currency");
        if (value == null || currency == null) {
            return null;
        }
        try {
            return Money.of(value, Currency.getInstance(currency.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknownCurrency) {
            return null;
        }
    }

    private static LocalDate date(@Nullable String text, LocalDate today) {
        if (text == null || text.length() < 10) {
            return today;
        }
        try {
            return LocalDate.parse(text.substring(0, 10));
        } catch (DateTimeParseException e) {
            return today;
        }
    }

    private static @Nullable BigDecimal number(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A field's text, null when missing, null or blank; numbers are read as their text. */
    static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asString();
        return text.isBlank() ? null : text;
    }
}
