package io.arbiter.decision.web;

import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * A ready-to-send example of a credit decision request in the OpenAPI document, so that Swagger UI's "Try it out"
 * starts from a request that decides (the README tour's first order) rather than from an empty schema.
 */
@Configuration(proxyBeanMethods = false)
class DecisionApiExamples {

    static final String ORDER = """
            {"requestId": "swagger-try-1",
             "customer": {"registrationNumber": "402202006", "name": "Atelier Moreau SARL", "country": "FR",
                          "customerSince": "2021-03-01", "paymentTermsDays": 45},
             "order": {"amount": 18000, "currency": "EUR"},
             "exposure": {"openReceivables": 32000, "overdue": 0, "ordersBacklog": 5000},
             "paymentHistory": {"averageDaysLate": 4, "openDisputes": 0}}""";

    @Bean
    OpenApiCustomizer creditDecisionExamples() {
        return openApi -> {
            PathItem path = openApi.getPaths() == null ? null : openApi.getPaths().get("/api/v1/credit-decisions");
            Operation post = path == null ? null : path.getPost();
            if (post == null || post.getRequestBody() == null || post.getRequestBody().getContent() == null) {
                return;
            }
            MediaType json = post.getRequestBody().getContent().get("application/json");
            if (json != null) {
                json.setExamples(Map.of("established SME, 18,000 €", new Example()
                        .summary("Atelier Moreau SARL (sandbox) orders 18,000 €: approved").value(asJson(ORDER))));
            }
        };
    }

    /** The example as a JSON object, not a string holding JSON, so that Swagger UI puts it in the request body as is. */
    private static Object asJson(String json) {
        return JsonMapper.builder().build().readValue(json, Map.class);
    }
}
