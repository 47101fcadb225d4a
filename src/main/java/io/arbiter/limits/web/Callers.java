package io.arbiter.limits.web;

import java.security.Principal;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.security.core.Authentication;

import io.arbiter.limits.requests.Caller;
import io.arbiter.security.PortfolioScope;
import io.arbiter.security.Role;

/** The caller of a limits endpoint, from the API key Spring Security authenticated. */
final class Callers {

    private Callers() {
    }

    static Caller of(Principal principal) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (principal instanceof Authentication authentication) {
            for (Role role : Role.values()) {
                if (role.heldBy(authentication.getAuthorities())) {
                    roles.add(role);
                }
            }
        }
        return new Caller(principal.getName(), roles, PortfolioScope.of(principal));
    }
}
