package io.arbiter.bureau.providers;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Creditsafe Connect provider. It exists only when {@code base-url} is set.
 *
 * @param baseUrl e.g. {@code https://connect.creditsafe.com/v1}; placeholders written escaped, {@code \${local.server.port}},
 *                are resolved at each call: the built-in sandbox is served by Arbiter itself, whose port is known
 *                only once the server has started
 * @param username set it from the environment ({@code ARBITER_BUREAU_CREDITSAFE_USERNAME}), never in a file you commit
 * @param password set it from the environment ({@code ARBITER_BUREAU_CREDITSAFE_PASSWORD})
 * @param tokenTtl how long a token is used when it does not say when it expires (Creditsafe's last about an hour)
 */
@ConfigurationProperties("arbiter.bureau.creditsafe")
record CreditsafeProperties(
        @Nullable String baseUrl,
        @Nullable String username,
        @Nullable String password,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("55m") Duration tokenTtl) {

    @Override
    public String toString() {
        return "CreditsafeProperties[baseUrl=" + baseUrl + ", username=" + username + ", password=***]";
    }
}
