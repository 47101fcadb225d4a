package io.arbiter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.catalina.Context;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import io.arbiter.ApiTest;

/** People sign in with a session cookie and CSRF protection; machines keep their API keys, without sessions. */
class PeopleSignInTests extends ApiTest {

    private static final String PASSWORD = "a long enough password";

    @Autowired
    People people;

    @Autowired
    WebServerApplicationContext server;

    private String manager() {
        String username = "manager-" + UUID.randomUUID().toString().substring(0, 8);
        people.add(new Person(username, "Camille Martin", Set.of(Role.CREDIT_MANAGER), null, false), PASSWORD);
        return username;
    }

    @Test
    void a_form_posted_without_its_csrf_token_is_refused() {
        String username = manager();
        BrowserSession browser = new BrowserSession(port, HttpClient.Redirect.NEVER);
        var forged = browser.post("/login", Map.of("username", username, "password", PASSWORD), null);
        // Without a session there is no token to match: back to the sign-in page, signed out.
        assertThat(forged.headers().firstValue("Location")).hasValue(uri("/login?expired").toString());
        assertThat(browser.get("/").headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        var signedIn = browser.signIn(username, PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("login"));
        // Signed in, a form without the token still changes nothing: the password stays.
        var forgedChange = browser.post("/password", Map.of("currentPassword", PASSWORD, "newPassword", "another long password",
                "confirmPassword", "another long password"), null);
        assertThat(forgedChange.statusCode()).isIn(302, 403);
        assertThat(forgedChange.headers().firstValue("Location").orElse("")).doesNotContain("passwordChanged");
        assertThat(new BrowserSession(port, HttpClient.Redirect.NEVER).signIn(username, PASSWORD).headers()
                .firstValue("Location")).hasValue(uri("/").toString());
    }

    @Test
    void a_wrong_password_signs_nobody_in() {
        String username = manager();
        BrowserSession browser = new BrowserSession(port, HttpClient.Redirect.NEVER);
        var refused = browser.signIn(username, "not the password");
        assertThat(refused.headers().firstValue("Location")).hasValue(uri("/login?error").toString());
        assertThat(browser.get("/").headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void an_expired_session_asks_to_sign_in_again() throws Exception {
        String username = manager();
        BrowserSession browser = new BrowserSession(port, HttpClient.Redirect.NEVER);
        browser.signIn(username, PASSWORD);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        // What the servlet container does once the session has been idle longer than server.servlet.session.timeout.
        Context context = (Context) ((TomcatWebServer) server.getWebServer()).getTomcat().getHost().findChildren()[0];
        context.getManager().findSession(browser.sessionId()).expire();

        var after = browser.get("/");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location")).hasValue(uri("/login?expired").toString());
        assertThat(browser.get("/login?expired").body()).contains("Your session expired: sign in again.");
        assertThat(browser.get("/").headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void the_api_takes_api_keys_and_no_session() {
        String username = manager();
        BrowserSession browser = new BrowserSession(port, HttpClient.Redirect.NEVER);
        browser.signIn(username, PASSWORD);
        var withSessionOnly = browser.get("/api/v1/policies/active");
        assertThat(withSessionOnly.statusCode()).isEqualTo(401);
        assertThat(withSessionOnly.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));

        assertThat(get("/api/v1/policies/active", MANAGER).status()).isEqualTo(200);
        Response decided = post("/api/v1/credit-decisions", ORDER_SYSTEM, smeOrder(newRequestId()));
        assertThat(decided.status()).as("no CSRF token for machines").isEqualTo(201);
        assertThat(get("/api/v1/policies/active", "unknown-key").status()).isEqualTo(401);
    }

    @Test
    void a_password_is_changed_only_with_the_current_one_and_when_long_enough() {
        String username = manager();
        BrowserSession browser = new BrowserSession(port, HttpClient.Redirect.NEVER);
        browser.signIn(username, PASSWORD);
        var wrongCurrent = browser.post("/password", Map.of("currentPassword", "guess", "newPassword", "another long password",
                "confirmPassword", "another long password"), "/password");
        assertThat(wrongCurrent.statusCode()).isEqualTo(422);
        assertThat(wrongCurrent.body()).contains("currentPassword is not your current password");
        var tooShort = browser.post("/password", Map.of("currentPassword", PASSWORD, "newPassword", "short",
                "confirmPassword", "short"), "/password");
        assertThat(tooShort.body()).contains("newPassword must have at least 12 characters");

        var changed = browser.post("/password", Map.of("currentPassword", PASSWORD, "newPassword", "another long password",
                "confirmPassword", "another long password"), "/password");
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(new BrowserSession(port, HttpClient.Redirect.NEVER).signIn(username, PASSWORD).headers()
                .firstValue("Location")).hasValue(uri("/login?error").toString());
        assertThat(new BrowserSession(port, HttpClient.Redirect.NEVER).signIn(username, "another long password").headers()
                .firstValue("Location")).hasValue(uri("/").toString());
        assertThat(jdbc.sql("select password_hash from person where username = ?").param(username).query(String.class).single())
                .startsWith("{bcrypt}").doesNotContain("another long password");
    }
}
