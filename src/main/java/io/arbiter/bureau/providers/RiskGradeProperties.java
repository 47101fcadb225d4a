package io.arbiter.bureau.providers;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code riskgrade} provider ({@link RiskGradeProvider}), enabled by setting its base URL.
 *
 * @param baseUrl the API's root, e.g. {@code https://api.riskgrade.example}; unset, the provider does not exist
 * @param apiKey sent in the {@code X-Api-Key} header; set it with {@code ARBITER_BUREAU_RISKGRADE_API_KEY}, never in a
 *               file under version control
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the answer; a decision waits this long at worst per attempt
 */
@ConfigurationProperties("arbiter.bureau.riskgrade")
record RiskGradeProperties(@Nullable String baseUrl, @Nullable String apiKey,
        @DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout) {
}
