package io.arbiter.bureau.providers;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import feign.FeignException;
import feign.RetryableException;
import io.arbiter.shared.Money;

import io.arbiter.bureau.BureauUnavailableException;
import io.arbiter.bureau.CompanyStatus;
import io.arbiter.bureau.SolvencyProvider;
import io.arbiter.bureau.SolvencyReport;

/**
 * {@code riskgrade}: a second, differently shaped provider; its API is illustrative, modelled on French bureaus'
 * grade-based reports. It knows French companies by SIREN and grades them 1 (best) to 10 (worst); the common grade comes
 * from {@code arbiter.bureau.normalisation.tables.riskgrade}. It exists only when
 * {@code arbiter.bureau.riskgrade.base-url} is set.
 */
@Component
@ConditionalOnProperty("arbiter.bureau.riskgrade.base-url")
class RiskGradeProvider implements SolvencyProvider {

    private static final String NAME = "riskgrade";
    /** The API gives turnover as a bare number; a French bureau's figures are in euros. */
    private static final Currency EUR = Currency.getInstance("EUR");

    private final RiskGradeClient client;
    private final Normalisation normalisation;

    RiskGradeProvider(RiskGradeClient client, Normalisation normalisation, RiskGradeProperties properties) {
        if (properties.baseUrl() == null || properties.baseUrl().isBlank()
                || properties.apiKey() == null || properties.apiKey().isBlank()) {
            throw new IllegalStateException("The riskgrade provider needs arbiter.bureau.riskgrade.base-url and "
                    + "arbiter.bureau.riskgrade.api-key (environment ARBITER_BUREAU_RISKGRADE_API_KEY)");
        }
        normalisation.requireTable(NAME);
        this.client = client;
        this.normalisation = normalisation;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<SolvencyReport> report(String registrationNumber, String country) {
        if (!"FR".equals(country)) {
            return Optional.empty();
        }
        String siren = registrationNumber.length() == 14 ? registrationNumber.substring(0, 9) : registrationNumber;
        try {
            return client.evaluation(siren).map(evaluation -> toReport(siren, evaluation));
        } catch (RetryableException e) {
            // Feign's name for I/O errors and timeouts; its own retryer is off, so Resilience4j decides.
            throw new BureauUnavailableException(NAME + " could not be reached: " + e.getMessage(), true, null, e);
        } catch (FeignException e) {
            // An answer Arbiter cannot read will be as unreadable on the next attempt.
            throw new BureauUnavailableException(NAME + " sent an unreadable answer for " + siren + ": "
                    + e.getMessage(), false, null, e);
        }
    }

    private SolvencyReport toReport(String siren, RiskGradeClient.Evaluation evaluation) {
        if (evaluation.note() == null) {
            throw new BureauUnavailableException(NAME + " sent an evaluation of " + siren + " without a note", false,
                    null, null);
        }
        int grade = normalisation.grade(NAME, evaluation.note());
        RiskGradeClient.Amount limit = evaluation.encoursConseille();
        BigDecimal turnover = evaluation.chiffreAffaires();
        RiskGradeClient.Incidents incidents = evaluation.incidentsPaiement();
        return new SolvencyReport(NAME, evaluation.reference(), evaluation.dateEvaluation(), siren, "FR",
                evaluation.raisonSociale(), status(siren, evaluation.situation()), grade, SolvencyReport.bandOf(grade),
                String.valueOf(evaluation.note()), evaluation.echelle() + ", 1 best", evaluation.libelle(),
                limit == null ? null : Money.of(limit.montant(), Currency.getInstance(limit.devise())),
                incidents == null ? 0 : incidents.nombre(),
                incidents == null || incidents.montant() == null ? null : Money.of(incidents.montant(), EUR),
                turnover == null ? null : Money.of(turnover, EUR));
    }

    private static CompanyStatus status(String siren, String situation) {
        return switch (situation) {
            case "ACTIVE" -> CompanyStatus.ACTIVE;
            case "PROCEDURE_COLLECTIVE" -> CompanyStatus.INSOLVENCY_PROCEEDINGS;
            case "RADIEE" -> CompanyStatus.CEASED;
            default -> throw new BureauUnavailableException(NAME + " sent an unknown situation '" + situation
                    + "' for " + siren, false, null, null);
        };
    }
}
