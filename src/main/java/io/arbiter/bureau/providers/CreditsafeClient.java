package io.arbiter.bureau.providers;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.JsonNode;

/**
 * The three Creditsafe Connect operations Arbiter uses (creditsafe/connect-docs, {@code cs_connectv1-15.json}).
 * Answers are read as trees: Connect reports are large, vary by country and leave most fields optional.
 */
interface CreditsafeClient {

    @PostMapping(value = "/authenticate", consumes = MediaType.APPLICATION_JSON_VALUE)
    JsonNode authenticate(@RequestBody Credentials credentials);

    /** Company search; exactly one of {@code regNo} and {@code vatNo} is sent. */
    @GetMapping("/companies")
    JsonNode searchCompanies(@RequestHeader("Authorization") String authorization,
            @RequestParam("countries") String countries, @RequestParam(value = "regNo", required = false) @Nullable String regNo,
            @RequestParam(value = "vatNo", required = false) @Nullable String vatNo);

    @GetMapping("/companies/{connectId}")
    JsonNode creditReport(@RequestHeader("Authorization") String authorization, @PathVariable("connectId") String connectId);

    record Credentials(String username, String password) {

        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=***]";
        }
    }
}
