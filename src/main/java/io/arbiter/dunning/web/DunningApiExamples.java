package io.arbiter.dunning.web;

import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Ready-to-send examples of the dunning engine's requests in the OpenAPI document, on the quickstart's demo ledger. */
@Configuration(proxyBeanMethods = false)
class DunningApiExamples {

    static final String NEXT_ACTIONS = """
            {"account": "411MOREAU", "asOf": "2026-11-30"}""";
    static final String OUTCOME = """
            {"actionId": "<an action's id from next-actions>", "account": "411MOREAU", "kind": "PROMISE_TO_PAY",
             "date": "2026-11-30", "agent": "Julie (collections)", "promise": {"date": "2026-12-15", "amount": 18500.00}}""";

    @Bean
    OpenApiCustomizer dunningExamples() {
        return openApi -> {
            example(openApi, "/api/v1/dunning/next-actions", "a demo ledger customer",
                    "Atelier Moreau's actions due as of the demo ledger's day", NEXT_ACTIONS);
            example(openApi, "/api/v1/dunning/outcomes", "a promise to pay",
                    "The customer promised to pay by a date (take actionId from next-actions)", OUTCOME);
        };
    }

    private static void example(OpenAPI openApi, String path, String name, String summary, String value) {
        PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
        if (item == null || item.getPost() == null || item.getPost().getRequestBody() == null
                || item.getPost().getRequestBody().getContent() == null) {
            return;
        }
        MediaType json = item.getPost().getRequestBody().getContent().get("application/json");
        if (json != null) {
            json.setExamples(Map.of(name, new Example().summary(summary).value(asJson(value))));
        }
    }

    /** The example as a JSON object, not a string holding JSON, so that Swagger UI puts it in the request body as is. */
    private static Object asJson(String json) {
        return JsonMapper.builder().build().readValue(json, Map.class);
    }
}
