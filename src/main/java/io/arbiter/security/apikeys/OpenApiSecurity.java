package io.arbiter.security.apikeys;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI document declares how machines authenticate, as {@link ApiKeyAuthenticationFilter} reads it: the API key
 * as a bearer token, or in an {@code X-Api-Key} header. With them Swagger UI shows its Authorize button and sends the
 * key on every "Try it out"; either scheme alone is enough.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiSecurity {

    static final String BEARER = "bearerKey";
    static final String HEADER = "apiKeyHeader";

    @Bean
    OpenAPI arbiterOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Arbiter").version("v1").description("""
                        Credit decisions, credit policy, receivables ledger, KPIs and dunning for B2B suppliers. \
                        Authorize with an API key (the quickstart's: dev-order-system, dev-analyst, dev-manager, \
                        dev-admin, dev-dunning, dev-salesperson), as a bearer token or in the X-Api-Key header."""))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("API key")
                                .description("An API key as a bearer token: Authorization: Bearer <key>"))
                        .addSecuritySchemes(HEADER, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-Api-Key")
                                .description("The same API key in an X-Api-Key header")))
                // Two requirements, either of which satisfies: OpenAPI's "or".
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .addSecurityItem(new SecurityRequirement().addList(HEADER));
    }
}
