package io.arbiter.bureau.providers;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The {@code riskgrade} API as Arbiter uses it. The bean is created lazily, only when {@link RiskGradeProvider} (which
 * exists only when the base URL is set) needs it; {@code dismiss404} makes an unknown SIREN an empty answer.
 */
@FeignClient(name = "riskgrade", url = "${arbiter.bureau.riskgrade.base-url:}", dismiss404 = true,
        configuration = RiskGradeClientConfiguration.class)
interface RiskGradeClient {

    @GetMapping(value = "/v2/entreprises/{siren}/evaluation", produces = "application/json")
    Optional<Evaluation> evaluation(@PathVariable("siren") String siren);

    /**
     * An evaluation, in the API's French field names. Arbiter rejects unknown fields in its own API, but a provider
     * adding a field must not break decisions, hence {@code ignoreUnknown}. Fields Arbiter does not use are left out.
     *
     * @param situation {@code ACTIVE}, {@code PROCEDURE_COLLECTIVE} or {@code RADIEE}
     * @param note 1 (best) to 10 (worst)
     * @param echelle the note's scale, e.g. {@code 1-10}
     * @param libelle the bureau's words for the note, e.g. "Risque modéré"
     * @param chiffreAffaires turnover, in euros
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Evaluation(String siren, String raisonSociale, String situation, @Nullable Integer note, String echelle,
            @Nullable String libelle, @Nullable Amount encoursConseille, @Nullable Incidents incidentsPaiement,
            @Nullable BigDecimal chiffreAffaires, LocalDate dateEvaluation, String reference) {

        /** An answer without these cannot be a report; failing here makes it a malformed answer. */
        public Evaluation {
            Objects.requireNonNull(raisonSociale, "raisonSociale");
            Objects.requireNonNull(situation, "situation");
            Objects.requireNonNull(echelle, "echelle");
            Objects.requireNonNull(dateEvaluation, "dateEvaluation");
            Objects.requireNonNull(reference, "reference");
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Amount(BigDecimal montant, String devise) {

        public Amount {
            Objects.requireNonNull(montant, "montant");
            Objects.requireNonNull(devise, "devise");
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Incidents(int nombre, @Nullable BigDecimal montant) {
    }
}
