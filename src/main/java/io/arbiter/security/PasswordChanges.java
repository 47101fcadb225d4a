package io.arbiter.security;

import java.util.List;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Service;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** A signed-in person replaces their password; their session goes on without the obligation to change it. */
@Service
public class PasswordChanges {

    private final People people;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    PasswordChanges(People people) {
        this.people = people;
    }

    /** Changes the password (see {@link People#changePassword}) and lifts the session's password-change obligation. */
    public void change(Authentication authentication, String current, String replacement, HttpServletRequest request,
            HttpServletResponse response) {
        people.changePassword(authentication.getName(), current, replacement);
        List<GrantedAuthority> kept = authentication.getAuthorities().stream()
                .filter(a -> !LocalAccounts.PASSWORD_CHANGE_REQUIRED.equals(a.getAuthority()))
                .map(GrantedAuthority.class::cast).toList();
        var updated = UsernamePasswordAuthenticationToken.authenticated(authentication.getPrincipal(), null, kept);
        updated.setDetails(authentication.getDetails());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(updated);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    /** Whether this person can change a password here: local accounts can; OpenID Connect people do it at their provider. */
    public boolean hasLocalAccount(Authentication authentication) {
        return people.find(authentication.getName()).isPresent()
                && !(authentication.getPrincipal() instanceof org.springframework.security.oauth2.core.oidc.user.OidcUser);
    }
}
