package io.arbiter.security.oidc;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.arbiter.security.Role;

/**
 * Reads a person's Arbiter roles from a claim of their OpenID Connect token. The claim is named by a path
 * ({@code roles}, or {@code realm_access.roles} for Keycloak's realm roles); its value is a list of strings or one
 * string of names separated by spaces or commas. A name is a role when, upper-cased with dashes and spaces read as
 * underscores and without a {@code ROLE_} prefix, it is one of {@link Role}'s, or when the configured mapping maps it
 * to one (identity providers often name groups their own way). Other names are ignored.
 */
public final class OidcRoles {

    private final String claimPath;
    private final Map<String, Role> mapping;

    public OidcRoles(String claimPath, Map<String, Role> mapping) {
        this.claimPath = claimPath;
        this.mapping = Map.copyOf(mapping);
    }

    String claimPath() {
        return claimPath;
    }

    Set<Role> of(Map<String, Object> claims) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Object value = at(claims, claimPath);
        if (value instanceof Collection<?> names) {
            names.forEach(name -> add(roles, String.valueOf(name)));
        } else if (value instanceof String names) {
            for (String name : names.split("[\\s,]+")) {
                add(roles, name);
            }
        }
        return roles;
    }

    private void add(Set<Role> roles, String name) {
        if (name.isBlank()) {
            return;
        }
        Role mapped = mapping.get(name);
        if (mapped != null) {
            roles.add(mapped);
            return;
        }
        String normal = name.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (normal.startsWith("ROLE_")) {
            normal = normal.substring(5);
        }
        for (Role role : Role.values()) {
            if (role.name().equals(normal)) {
                roles.add(role);
            }
        }
    }

    private static @Nullable Object at(Map<String, Object> claims, String path) {
        if (claims.containsKey(path)) {
            return claims.get(path);
        }
        Object current = claims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }
}
