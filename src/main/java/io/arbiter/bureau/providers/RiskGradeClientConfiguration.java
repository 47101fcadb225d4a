package io.arbiter.bureau.providers;

import java.time.Clock;
import java.util.Set;

import org.springframework.context.annotation.Bean;

import feign.Request;
import feign.RequestInterceptor;
import feign.Retryer;
import feign.codec.ErrorDecoder;

/**
 * The {@code riskgrade} client's own Feign settings. Deliberately not a {@code @Configuration}: component scanning
 * would otherwise apply these beans to every Feign client.
 */
class RiskGradeClientConfiguration {

    @Bean
    Request.Options riskGradeTimeouts(RiskGradeProperties properties) {
        return new Request.Options(properties.connectTimeout(), properties.readTimeout(), false);
    }

    /** Resilience4j retries around every provider (GuardedProvider); Feign retrying too would multiply the attempts. */
    @Bean
    Retryer riskGradeRetryer() {
        return Retryer.NEVER_RETRY;
    }

    @Bean
    ErrorDecoder riskGradeErrors(Clock clock) {
        // 404 never reaches the decoder: the client dismisses it as an empty answer.
        return new BureauErrorDecoder("riskgrade", Set.of(), Set.of(), clock);
    }

    @Bean
    RequestInterceptor riskGradeApiKey(RiskGradeProperties properties) {
        return request -> request.header("X-Api-Key", properties.apiKey());
    }
}
