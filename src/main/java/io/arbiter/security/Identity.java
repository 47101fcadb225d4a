package io.arbiter.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who is acting, as the console shows them and as records name them.
 *
 * @param username the name stored with what they do ("approved by", "reviewed by")
 * @param displayName how the console greets them
 */
public record Identity(String username, String displayName, Set<Role> roles) {

    public static Identity of(Authentication authentication) {
        return of(authentication, null);
    }

    /** {@code displayName}: how a local account names its person; OpenID Connect people carry their own name. */
    static Identity of(Authentication authentication, @Nullable String displayName) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(Role.values()).filter(role -> role.heldBy(authentication.getAuthorities())).forEach(roles::add);
        String display = displayName == null ? authentication.getName() : displayName;
        if (authentication.getPrincipal() instanceof OidcUser oidc && oidc.getFullName() != null) {
            display = oidc.getFullName();
        }
        return new Identity(authentication.getName(), display, Set.copyOf(roles));
    }

    public boolean holds(Role... any) {
        return Arrays.stream(any).anyMatch(roles::contains);
    }
}
