package io.arbiter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.arbiter.ApiTest;

/**
 * Signing in through OpenID Connect's authorization code flow, against an identity provider in the test's process
 * that names the person's roles Keycloak's way ({@code realm_access.roles}).
 */
class OidcSignInTests extends ApiTest {

    static final TestIdentityProvider provider;

    static {
        try {
            provider = new TestIdentityProvider();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void registration(DynamicPropertyRegistry registry) {
        String prefix = "spring.security.oauth2.client.";
        registry.add(prefix + "registration.company.client-id", () -> "arbiter");
        registry.add(prefix + "registration.company.client-secret", () -> "test-secret");
        registry.add(prefix + "registration.company.client-name", () -> "Company sign-in");
        registry.add(prefix + "registration.company.authorization-grant-type", () -> "authorization_code");
        registry.add(prefix + "registration.company.redirect-uri", () -> "{baseUrl}/login/oauth2/code/{registrationId}");
        registry.add(prefix + "registration.company.scope", () -> "openid,profile");
        registry.add(prefix + "provider.company.authorization-uri", () -> provider.baseUrl() + "/authorize");
        registry.add(prefix + "provider.company.token-uri", () -> provider.baseUrl() + "/token");
        registry.add(prefix + "provider.company.jwk-set-uri", () -> provider.baseUrl() + "/jwks");
        registry.add(prefix + "provider.company.user-name-attribute", () -> "sub");
        registry.add("arbiter.security.oidc.roles-claim", () -> "realm_access.roles");
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void a_person_signs_in_through_the_identity_provider_with_the_roles_of_their_claim() {
        BrowserSession browser = new BrowserSession(port, HttpClient.Redirect.ALWAYS);
        assertThat(browser.get("/login").body()).contains("Sign in with Company sign-in");

        provider.nextPerson(Map.of("sub", "4f1c-77", "preferred_username", "ada.lovelace", "name", "Ada Lovelace",
                "realm_access", Map.of("roles", List.of("credit-analyst", "offline_access"))));
        var home = browser.get("/oauth2/authorization/company");
        assertThat(home.uri().getPath()).isEqualTo("/");
        assertThat(home.body()).contains("Hello, Ada Lovelace").contains("Credit analyst").contains("Review queue")
                .as("an analyst's home offers the policy too").contains("/policy")
                .as("the password lives at the identity provider").doesNotContain("href=\"/password\"");

    }

    @Test
    void a_person_whose_claim_gives_no_arbiter_role_is_refused_at_sign_in() {
        BrowserSession browser = new BrowserSession(port, HttpClient.Redirect.ALWAYS);
        provider.nextPerson(Map.of("sub", "9a2b", "preferred_username", "visitor", "name", "A Visitor",
                "realm_access", Map.of("roles", List.of("offline_access"))));
        var page = browser.get("/oauth2/authorization/company");
        assertThat(page.uri().toString()).endsWith("/login?oidcError");
        assertThat(page.body()).contains("gave you no Arbiter role");
        assertThat(browser.get("/").uri().getPath()).isEqualTo("/login");
    }
}
