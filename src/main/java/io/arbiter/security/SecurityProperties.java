package io.arbiter.security;

import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API keys, settable from the environment ({@code ARBITER_SECURITY_API_KEYS_0_KEY}, {@code ..._0_NAME},
 * {@code ..._0_ROLES}) or the command line ({@code --arbiter.security.api-keys[0].key=...}).
 */
@ConfigurationProperties("arbiter.security")
public record SecurityProperties(@DefaultValue List<ApiKey> apiKeys) {

    /**
     * @param name who holds the key, as it appears in logs and records
     */
    public record ApiKey(String key, String name, Set<Role> roles) {
    }
}
