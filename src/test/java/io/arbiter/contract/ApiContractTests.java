package io.arbiter.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.arbiter.ApiTest;
import tools.jackson.databind.JsonNode;

/**
 * Walks the OpenAPI document the application serves and checks the API's written conventions (docs/integration-guide.md)
 * on every operation of /api/v1: money is {amount, currency}, a request made wrong on purpose answers problem+json with
 * a type, a title, a detail and the parameter at fault, and every list pages with a cursor and a Link header (an array
 * of objects in any other answer is a list too, unless {@code PARTS_NOT_LISTS} says why it is part of one thing). An
 * endpoint added without following them fails here, named, with the others.
 */
class ApiContractTests extends ApiTest {

    /** Numbers that are not amounts of money: percentages, rates, days, scores, counts, factors. */
    private static final Pattern NOT_MONEY = Pattern.compile(
            "(?i).*(percent|rate|ratio|days|score|share|factor|grade|dso|cei|weight|points|count|week|months|"
                    + "threshold|tolerance|latitude|longitude).*");

    private JsonNode docs;
    private Map<String, JsonNode> schemas;

    @BeforeEach
    void readTheOpenApiDocument() {
        Response response = get("/v3/api-docs", null);
        assertThat(response.status()).isEqualTo(200);
        docs = response.body();
        schemas = new TreeMap<>();
        docs.at("/components/schemas").properties().forEach(entry -> schemas.put(entry.getKey(), entry.getValue()));
    }

    private record Operation(String method, String path, JsonNode spec) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    private List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        docs.get("paths").properties().forEach(path -> {
            if (path.getKey().startsWith("/api/v1/")) {
                path.getValue().properties().forEach(method -> operations.add(
                        new Operation(method.getKey(), path.getKey(), method.getValue())));
            }
        });
        assertThat(operations).hasSizeGreaterThan(20);
        return operations;
    }

    /**
     * The checks above read response schemas: an answer documented without one (a bare {@code object}, a map, a
     * {@code String} of JSON) is invisible to them, and to the integrator's code generator. Every successful JSON
     * answer names what it holds; a file served as it was uploaded (bytes) is not JSON.
     */
    @Test
    void every_successful_json_answer_has_a_schema_with_properties() {
        List<String> blind = new ArrayList<>();
        for (Operation operation : operations()) {
            for (JsonNode schema : responseSchemas(operation)) {
                JsonNode resolved = resolve(schema);
                if (resolved == null || Set.of("byte", "binary").contains(resolved.path("format").asString(""))) {
                    continue;
                }
                JsonNode items = resolve(resolved.path("items"));
                boolean described = resolved.path("properties").size() > 0 || resolved.path("oneOf").size() > 0
                        || resolved.path("allOf").size() > 0 || (items != null && items.path("properties").size() > 0);
                if (!described) {
                    blind.add(operation + " " + schema);
                }
            }
        }
        assertThat(blind).as("answers whose schema says nothing of their fields").isEmpty();
    }

    @Test
    void money_is_an_amount_with_its_currency_in_every_schema() {
        List<String> bare = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Operation operation : operations()) {
            for (JsonNode schema : responseSchemas(operation)) {
                bareAmounts(schema, operation + " ", bare, seen, false);
            }
            JsonNode body = operation.spec().at("/requestBody/content/application~1json/schema");
            if (!body.isMissingNode()) {
                bareAmounts(body, operation + " request ", bare, seen, true);
            }
        }
        assertThat(bare).as("numbers that are amounts of money must be {amount, currency}").isEmpty();
    }

    /**
     * One name per concept (docs/integration-guide.md): a company is its {@code registrationNumber} (or
     * {@code companyId}), a customer account its {@code account}. A parameter or a text field named plain
     * {@code customer} or {@code company} leaves the reader guessing which one it holds, as does a path's
     * {@code customers/{…}} followed by anything but a company's identifier, or {@code accounts/{…}} by anything but
     * an account.
     */
    @Test
    void a_company_and_a_customer_account_are_each_named_one_way_everywhere() {
        Set<String> ambiguous = Set.of("customer", "company");
        List<String> violations = new ArrayList<>();
        java.util.regex.Matcher segment = Pattern.compile("/(customers|accounts)/\\{(\\w+)}").matcher("");
        for (Operation operation : operations()) {
            for (JsonNode parameter : operation.spec().path("parameters")) {
                if (ambiguous.contains(parameter.get("name").asString())) {
                    violations.add(operation + ": parameter " + parameter.get("name").asString());
                }
            }
            segment.reset(operation.path());
            while (segment.find()) {
                Set<String> names = segment.group(1).equals("customers") ? Set.of("registrationNumber", "companyId")
                        : Set.of("account");
                if (!names.contains(segment.group(2))) {
                    violations.add(operation + ": " + segment.group(1) + "/{" + segment.group(2) + "}, expected one of " + names);
                }
            }
        }
        schemas.forEach((name, schema) -> schema.path("properties").properties().forEach(property -> {
            JsonNode type = resolve(property.getValue());
            if (ambiguous.contains(property.getKey()) && type != null && type.path("type").asString("").equals("string")) {
                violations.add(name + "." + property.getKey() + ": a text named " + property.getKey());
            }
        }));
        assertThat(violations).as("names that say neither company (registrationNumber, companyId) nor account").isEmpty();
    }

    /**
     * The as-of day is {@code asOf} and a month is {@code YYYY-MM} (docs/integration-guide.md): a day parameter is
     * {@code asOf}, or a period's {@code from} and {@code to}, or the {@code effectiveFrom} of a publication; and
     * nothing named a month is a date ({@code 2026-01-01} for January).
     */
    @Test
    void the_as_of_day_is_as_of_and_a_month_is_a_year_and_month() {
        Set<String> dayParameters = Set.of("asOf", "from", "to", "effectiveFrom");
        Pattern month = Pattern.compile("(?i)(.*_)?month|.*[a-z]Month");
        List<String> violations = new ArrayList<>();
        for (Operation operation : operations()) {
            for (JsonNode parameter : operation.spec().path("parameters")) {
                String name = parameter.get("name").asString();
                String format = parameter.at("/schema/format").asString("");
                if (format.startsWith("date") && !dayParameters.contains(name)) {
                    violations.add(operation + ": day parameter " + name + ", expected one of " + dayParameters);
                }
                if (month.matcher(name).matches() && format.startsWith("date")) {
                    violations.add(operation + ": month parameter " + name + " is a " + format);
                }
            }
        }
        schemas.forEach((name, schema) -> schema.path("properties").properties().forEach(property -> {
            if (month.matcher(property.getKey()).matches()
                    && property.getValue().path("format").asString("").startsWith("date")) {
                violations.add(name + "." + property.getKey() + ": a month written as a " + property.getValue().path("format").asString());
            }
        }));
        assertThat(violations).as("days not named asOf/from/to/effectiveFrom, months not YYYY-MM").isEmpty();
    }

    @Test
    void a_request_made_wrong_on_purpose_answers_problem_json_on_every_operation() {
        List<String> violations = new ArrayList<>();
        int forced = 0;
        for (Operation operation : operations()) {
            Response unauthenticated = call(operation, null, Map.of(), Map.of(), false);
            checkProblem(operation + " without a key", unauthenticated, null, violations);
            if (unauthenticated.status() != 401) {
                violations.add(operation + " without a key: " + unauthenticated.status() + ", expected 401");
            }
            String field = null;
            Map<String, String> query = new TreeMap<>();
            Map<String, String> path = new TreeMap<>();
            for (JsonNode parameter : operation.spec().path("parameters")) {
                String name = parameter.get("name").asString();
                String in = parameter.get("in").asString();
                String format = parameter.at("/schema/format").asString("");
                if (in.equals("path") && format.equals("uuid") && field == null) {
                    path.put(name, "not-a-uuid");
                    field = name;
                } else if (in.equals("query") && (format.equals("date") || format.equals("date-time")) && field == null) {
                    query.put(name, "31/12/2026");
                    field = name;
                } else if (in.equals("path") && name.equals("registrationNumber") && field == null) {
                    path.put(name, "552100555"); // a SIREN whose check digit is wrong
                    field = name;
                } else if (in.equals("query") && name.equals("cursor") && field == null) {
                    query.put(name, "not-a-cursor");
                    field = name;
                }
            }
            boolean jsonBody = operation.spec().at("/requestBody/content/application~1json").isObject();
            Response response;
            if (field != null) {
                response = call(operation, ADMIN, path, query, false);
                checkProblem(operation + " with a bad " + field, response, field, violations);
            } else if (jsonBody) {
                response = call(operation, ADMIN, path, Map.of(), true);
                checkProblem(operation + " with a body that is not JSON", response, null, violations);
            } else if (!operation.spec().path("parameters").isEmpty()) {
                // A path naming nothing that exists, or a query parameter the operation does not know what to do with.
                response = call(operation, ADMIN, Map.of(), Map.of("limit", "-1", "format", "no-such-format"), false);
                checkProblem(operation + " naming nothing that exists", response, null, violations);
            } else {
                continue;
            }
            forced++;
        }
        assertThat(violations).isEmpty();
        assertThat(forced).as("operations whose input could be made wrong").isGreaterThan(20);
    }

    @Test
    void every_list_pages_with_a_cursor_and_a_link_header() {
        List<String> violations = new ArrayList<>();
        Set<String> exempted = new HashSet<>();
        int lists = 0;
        for (Operation operation : operations()) {
            if (!operation.method().equals("get")) {
                continue;
            }
            for (JsonNode schema : responseSchemas(operation)) {
                JsonNode resolved = resolve(schema);
                if ("array".equals(resolved.path("type").asString(""))) {
                    violations.add(operation + " answers a bare array: answer a page {items, next} with a Link header");
                }
                if (resolved.at("/properties/items/type").asString("").equals("array")
                        && resolved.at("/properties/next").isObject()) {
                    lists++;
                    checkPaging(operation, violations);
                } else {
                    listsOutsideAPage(operation, resolved, violations, exempted);
                }
            }
        }
        assertThat(violations).isEmpty();
        assertThat(exempted).as("exceptions of PARTS_NOT_LISTS still in the API (remove those that are gone)")
                .containsExactlyInAnyOrderElementsOf(PARTS_NOT_LISTS.keySet());
        assertThat(lists).as("paged lists").isGreaterThanOrEqualTo(4);
    }

    /**
     * Arrays of objects in a response that is not a page, which are parts of one thing rather than lists that grow
     * with the data (docs/integration-guide.md, paging), each with why.
     */
    private static final Map<String, String> PARTS_NOT_LISTS = Map.ofEntries(
            Map.entry("/api/v1/policies/versions/{from}/diff/{to} files", "the files of two versions that differ, a handful"),
            Map.entry("/api/v1/ledger/imports/kinds kinds", "the five kinds of file an import reads"),
            Map.entry("/api/v1/ledger/entities entities", "the supplier's own legal entities, a handful"),
            Map.entry("/api/v1/kpis/customers buckets", "the aged-balance buckets of one report, as configured"),
            Map.entry("/api/v1/kpis/customers totals", "one total per currency"),
            Map.entry("/api/v1/kpis/customers rows", "a ranking, the largest customers behind one figure up to limit, with"
                    + " the count of all; the CSV holds every one"),
            Map.entry("/api/v1/kpis buckets", "the aged-balance buckets of one report, as configured"),
            Map.entry("/api/v1/kpis rows", "one row per value of the dimension asked for; by customer it is paged"),
            Map.entry("/api/v1/forecast/cash-in weeks", "the 13 weeks of the forecast"),
            Map.entry("/api/v1/forecast/cash-in later", "one total per currency beyond the 13 weeks"),
            Map.entry("/api/v1/forecast/cash-in disputed", "one total per currency held by disputes"),
            Map.entry("/api/v1/dunning/accounts/{account}/agency-case invoices", "one debtor's open invoices, the file handed over"),
            Map.entry("/api/v1/dunning/accounts/{account}/agency-case totals", "one total per currency"),
            Map.entry("/api/v1/dunning/accounts/{account}/agency-case history", "one debtor's dunning history, the file handed over"),
            Map.entry("/api/v1/credit-decisions/{decisionId} reasons", "the rules that decided this one decision"),
            Map.entry("/api/v1/policies/active files", "the active version's policy files, a handful"),
            Map.entry("/api/v1/policies/active scenarios", "the active version's test scenarios, as its workbooks hold them"),
            Map.entry("/api/v1/policies/active analysis", "what the analysis found in the active version's tables"),
            Map.entry("/api/v1/policies/versions/{id} files", "one version's policy files"),
            Map.entry("/api/v1/policies/versions/{id} analysis", "what the analysis found in one version's tables"),
            Map.entry("/api/v1/policies/versions/{versionId}/simulations/{id} changes",
                    "the first changes only (arbiter.simulation.page-size); all of them are the links.changes file"),
            Map.entry("/api/v1/limits/requests/{id} verdicts", "one request's verdicts: at most the matrix's approvers"),
            Map.entry("/api/v1/limits/companies/{registrationNumber} standingLimits",
                    "one company's standing limits, one per legal entity of the supplier"),
            Map.entry("/api/v1/limits/companies/{registrationNumber} history", "one company's limit changes"),
            Map.entry("/api/v1/limits/companies/{registrationNumber} insurerHistory", "one company's insurer decisions"),
            Map.entry("/api/v1/limits/companies/{registrationNumber} reviewTasks", "one company's open review tasks"),
            Map.entry("/api/v1/ledger/imports/{id} errors", "the first 200 errors of one import (errorCount counts all)"),
            Map.entry("/api/v1/ledger/imports/{id} flagged", "the first rows of one import a person should look at"),
            Map.entry("/api/v1/ledger/imports/{id} preview", "the first rows of one import as read"),
            Map.entry("/api/v1/ledger/customers/{registrationNumber}/history months", "the months of the period asked"),
            Map.entry("/api/v1/ledger/customers/{registrationNumber}/exposure customer", "one row per currency"),
            Map.entry("/api/v1/ledger/customers/{registrationNumber}/exposure group", "one row per currency"),
            Map.entry("/api/v1/customers/{companyId} accounts", "one company's ledger accounts, a handful"),
            Map.entry("/api/v1/customers/{companyId} paymentTrend", "the last 12 months, one row each"),
            Map.entry("/api/v1/customers/{companyId} openInvoices",
                    "the first 200 open invoices, due first (openInvoiceCount counts all)"),
            Map.entry("/api/v1/customers/{companyId} promises", "the latest 50 promises to pay"),
            Map.entry("/api/v1/customers/{companyId} decisions",
                    "the latest 10 decisions; all of them page at /api/v1/credit-decisions?registrationNumber="),
            Map.entry("/api/v1/customers/{companyId} dunningHistory", "the latest 50 dunning events"));

    /** A response property holding an array of objects is a list, and lists page, unless it is a documented part. */
    private void listsOutsideAPage(Operation operation, JsonNode response, List<String> violations, Set<String> exempted) {
        if (response == null) {
            return;
        }
        response.path("properties").properties().forEach(property -> {
            JsonNode value = property.getValue();
            JsonNode element = value.path("items");
            boolean objects = element.has("$ref") || "object".equals(element.path("type").asString(""));
            String key = operation.path() + " " + property.getKey();
            if (!"array".equals(value.path("type").asString("")) || !objects) {
                return;
            }
            if (PARTS_NOT_LISTS.containsKey(key)) {
                exempted.add(key);
            } else {
                violations.add(operation + " answers a list in '" + property.getKey() + "' outside a page: page it"
                        + " ({items, next} with limit, cursor and Link), or document it in PARTS_NOT_LISTS: " + key);
            }
        });
    }

    private void checkPaging(Operation operation, List<String> violations) {
        Set<String> parameters = new HashSet<>();
        operation.spec().path("parameters").forEach(p -> parameters.add(p.get("name").asString()));
        if (!parameters.contains("limit") || !parameters.contains("cursor")) {
            violations.add(operation + " lists without limit and cursor parameters");
            return;
        }
        if (operation.path().contains("{")) {
            return; // paths with ids are paged the same way; their first page needs data of its own
        }
        Response first = call(operation, ADMIN, Map.of(), Map.of("limit", "1"), false);
        if (first.status() != 200) {
            violations.add(operation + "?limit=1: " + first.status() + " " + first.text());
            return;
        }
        boolean hasNext = first.body().hasNonNull("next");
        if (hasNext != (first.link() != null)) {
            violations.add(operation + ": next is " + first.body().get("next") + " but Link is " + first.link());
        }
        if (first.body().get("items").size() > 1) {
            violations.add(operation + "?limit=1 gave " + first.body().get("items").size() + " items");
        }
        if (hasNext) {
            Response second = call(operation, ADMIN, Map.of(), Map.of("limit", "1", "cursor",
                    first.body().get("next").asString()), false);
            if (second.status() != 200) {
                violations.add(operation + " second page: " + second.status());
            } else if (second.body().get("items").equals(first.body().get("items"))) {
                violations.add(operation + " second page repeats the first");
            }
        }
        Response bad = call(operation, ADMIN, Map.of(), Map.of("cursor", "bm90LWEtY3Vyc29y"), false);
        checkProblem(operation + " with a bad cursor", bad, "cursor", violations);
    }

    private static void checkProblem(String what, Response response, String field, List<String> violations) {
        if (response.status() < 400 || response.status() >= 500) {
            violations.add(what + ": " + response.status() + ", expected a 4xx: " + response.text());
            return;
        }
        if (!response.contentType().startsWith("application/problem+json")) {
            violations.add(what + ": Content-Type " + response.contentType());
            return;
        }
        if (response.status() == 401 && !response.contentType().toUpperCase().contains("UTF-8")) {
            violations.add(what + ": not UTF-8: " + response.contentType());
        }
        JsonNode body = response.body();
        if (body == null || !body.path("type").asString("").startsWith("urn:arbiter:problem:")
                || body.path("title").asString("").isBlank() || body.path("detail").asString("").isBlank()) {
            violations.add(what + ": problem without type, title or detail: " + response.text());
            return;
        }
        if (field != null && response.status() == 400 && !field.equals(body.at("/errors/0/field").asString(""))) {
            violations.add(what + ": errors[] does not name " + field + ": " + response.text());
        }
    }

    private Response call(Operation operation, String apiKey, Map<String, String> pathValues, Map<String, String> query,
            boolean malformedBody) {
        String path = operation.path();
        for (JsonNode parameter : operation.spec().path("parameters")) {
            if (parameter.get("in").asString().equals("path")) {
                String name = parameter.get("name").asString();
                String value = pathValues.getOrDefault(name, parameter.at("/schema/format").asString("").equals("uuid")
                        ? "00000000-0000-0000-0000-00000000dead"
                        // a well-formed number no ledger holds, so that the check reaches what it forces
                        : name.equals("registrationNumber") ? "552100554" : "NO-SUCH-THING-0");
                path = path.replace("{" + name + "}", value);
            }
        }
        StringBuilder uri = new StringBuilder(path);
        String separator = "?";
        for (Map.Entry<String, String> entry : query.entrySet()) {
            uri.append(separator).append(entry.getKey()).append('=')
                    .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
            separator = "&";
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(uri.toString()));
        boolean multipart = operation.spec().at("/requestBody/content/multipart~1form-data").isObject();
        String body = malformedBody ? "{\"unterminated" : "";
        String contentType = multipart ? "multipart/form-data; boundary=contract" : "application/json";
        if (multipart) {
            body = "--contract--\r\n";
        }
        request.header("Content-Type", contentType).method(operation.method().toUpperCase(),
                operation.method().equals("get") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return send(request, apiKey);
    }

    private List<JsonNode> responseSchemas(Operation operation) {
        List<JsonNode> found = new ArrayList<>();
        operation.spec().path("responses").properties().forEach(response -> {
            if (response.getKey().startsWith("2")) {
                response.getValue().path("content").properties().forEach(content -> {
                    if (content.getKey().contains("json") || content.getKey().equals("*/*")) {
                        found.add(content.getValue().path("schema"));
                    }
                });
            }
        });
        return found;
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.isEmpty() ? schema : schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
    }

    /**
     * Request objects whose amounts are in a currency the request states once elsewhere: a decision request's exposure
     * and insurer cover are in its order's currency, a promise to pay in its invoices' currency.
     */
    private static final Set<String> IN_THE_REQUEST_S_CURRENCY = Set.of("DecisionRequestExposure", "DecisionRequestCustomer", "PromiseToPay");

    /**
     * Walks a schema for numbers outside a Money schema whose names do not say they are not money. In a request, an
     * object with a currency of its own (an order, an inline invoice) may carry its amounts as numbers beside it.
     */
    private void bareAmounts(JsonNode schema, String where, List<String> bare, Set<String> seen, boolean request) {
        String ref = schema.path("$ref").asString("");
        if (!ref.isEmpty()) {
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            if (!seen.add(name)) {
                return;
            }
            where = name + ".";
            if (request && IN_THE_REQUEST_S_CURRENCY.contains(name)) {
                return;
            }
        }
        JsonNode resolved = resolve(schema);
        if (resolved == null) {
            return;
        }
        JsonNode properties = resolved.path("properties");
        if (properties.has("amount") && properties.has("currency") && (properties.size() == 2 || request)) {
            return; // Money, or in a request an object stating its currency beside its amounts
        }
        if (request && properties.has("currency")) {
            return;
        }
        String context = where;
        properties.properties().forEach(property -> {
            JsonNode value = property.getValue();
            JsonNode element = value.path("type").asString("").equals("array") ? value.path("items") : value;
            if (element.path("type").asString("").equals("number") && !NOT_MONEY.matcher(property.getKey()).matches()) {
                bare.add(context + property.getKey());
            }
            bareAmounts(element, context + property.getKey() + ".", bare, seen, request);
            if (element.path("additionalProperties").isObject()) {
                bareAmounts(element.path("additionalProperties"), context + property.getKey() + ".", bare, seen, request);
            }
        });
        if (resolved.path("items").isObject()) {
            bareAmounts(resolved.path("items"), where, bare, seen, request);
        }
    }
}
