package io.arbiter.bureau.providers;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.openfeign.support.SpringMvcContract;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import feign.Feign;
import feign.Request;
import feign.RequestTemplate;
import feign.Retryer;
import feign.Target;
import feign.codec.Decoder;
import feign.codec.Encoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;


/**
 * The Creditsafe provider, when {@code arbiter.bureau.creditsafe.base-url} is set. Its OpenFeign client (Spring MVC
 * annotations, Spring Cloud's contract) is built here rather than declared with {@code @FeignClient} for one reason:
 * the base URL is resolved at each call, so that it can name {@code ${local.server.port}}, which the quickstart's
 * sandbox needs and which is known only once the server has started (random in tests).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "arbiter.bureau.creditsafe", name = "base-url")
class CreditsafeConfiguration {

    @Bean
    CreditsafeProvider creditsafeProvider(CreditsafeProperties properties, Environment environment, JsonMapper json,
            Clock clock, Normalisation normalisation) {
        return new CreditsafeProvider(client(properties, () -> environment.resolveRequiredPlaceholders(properties.baseUrl()),
                json, clock), properties, json, clock, normalisation.table("creditsafe"));
    }

    /**
     * Feign's own retryer is off: Resilience4j ({@code GuardedProvider}) is the only one to retry, and it knows which
     * failures are worth it.
     */
    static CreditsafeClient client(CreditsafeProperties properties, BaseUrl baseUrl, JsonMapper json, Clock clock) {
        return Feign.builder()
                .contract(new SpringMvcContract())
                .encoder(encoder(json))
                .decoder(decoder(json))
                .errorDecoder(new BureauErrorDecoder("creditsafe", Set.of(401, 403, 404), Set.of("authenticate"), clock))
                .retryer(Retryer.NEVER_RETRY)
                .options(new Request.Options(properties.connectTimeout(), properties.readTimeout(), false))
                .target(new LazyTarget(baseUrl));
    }

    /** Where Creditsafe is, asked at each call. */
    @FunctionalInterface
    interface BaseUrl {
        String get();
    }

    private record LazyTarget(BaseUrl baseUrl) implements Target<CreditsafeClient> {

        @Override
        public Class<CreditsafeClient> type() {
            return CreditsafeClient.class;
        }

        @Override
        public String name() {
            return "creditsafe";
        }

        @Override
        public String url() {
            return baseUrl.get();
        }

        @Override
        public Request apply(RequestTemplate input) {
            input.target(url());
            return input.request();
        }
    }

    private static Encoder encoder(JsonMapper json) {
        return (body, type, template) -> template.body(json.writeValueAsBytes(body), StandardCharsets.UTF_8);
    }

    /** Read as a tree with Arbiter's mapper; malformed JSON surfaces as Feign's DecodeException. */
    private static Decoder decoder(JsonMapper json) {
        return (response, type) -> {
            if (response.body() == null) {
                return MissingNode.getInstance();
            }
            try (InputStream body = response.body().asInputStream()) {
                JsonNode tree = json.readTree(body);
                return tree == null ? MissingNode.getInstance() : tree;
            }
        };
    }
}
