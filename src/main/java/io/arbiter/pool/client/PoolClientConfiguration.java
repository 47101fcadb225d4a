package io.arbiter.pool.client;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.openfeign.support.SpringMvcContract;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import feign.Feign;
import feign.Request;
import feign.Retryer;
import feign.codec.DecodeException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.arbiter.pool.PoolProperties;
import io.arbiter.pool.PoolSignals;

/**
 * The pool client, when {@code arbiter.pool.client.base-url} is set. Feign does not retry: a decision waits for the
 * pool once, at most the read timeout, and the circuit breaker in {@link PoolSignals} stops asking a pool that is down.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "arbiter.pool.client", name = "base-url")
class PoolClientConfiguration {

    @Bean
    PoolClient poolClient(PoolProperties properties, JsonMapper json) {
        PoolProperties.Client settings = properties.client();
        if (settings.memberKey() == null || settings.memberKey().isBlank()) {
            throw new IllegalStateException("arbiter.pool.client.member-key (ARBITER_POOL_CLIENT_MEMBER_KEY) is needed"
                    + " with arbiter.pool.client.base-url: it is this supplier's key at the pool");
        }
        var reader = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        return Feign.builder()
                .contract(new SpringMvcContract())
                .encoder((body, type, template) -> template.body(json.writeValueAsBytes(body), StandardCharsets.UTF_8))
                .decoder((response, type) -> {
                    if (response.status() != 200 || response.body() == null) {
                        throw new DecodeException(response.status(), "the pool answered without a body", response.request());
                    }
                    try (InputStream body = response.body().asInputStream()) {
                        return reader.readValue(body, reader.constructType(type));
                    }
                })
                .requestInterceptor(template -> template.header("Authorization", "Bearer " + settings.memberKey()))
                .retryer(Retryer.NEVER_RETRY)
                .options(new Request.Options(settings.connectTimeout(), settings.readTimeout(), false))
                .target(PoolClient.class, settings.baseUrl());
    }

    @Bean
    Pseudonyms pseudonyms(PoolProperties properties) {
        return new Pseudonyms(properties.client().pseudonymKey());
    }
}
