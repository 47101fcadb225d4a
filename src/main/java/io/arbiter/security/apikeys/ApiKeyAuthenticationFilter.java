package io.arbiter.security.apikeys;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import io.arbiter.security.PortfolioScope;
import io.arbiter.security.SecurityProperties;
import io.arbiter.shared.Sha256;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates a request by its API key. Keys are held as SHA-256 digests, so the configured secrets are not kept in
 * memory as looked-up strings and a lookup does not leak how much of a key matched.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    /** A key's caller as every request of it is authenticated: its authorities are built once, not per request. */
    private record Caller(String name, List<GrantedAuthority> authorities, PortfolioScope scope) {

        Caller(SecurityProperties.ApiKey key) {
            this(key.name(), key.roles().stream().<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                    .toList(), key.scope());
        }
    }

    private final Map<String, Caller> byDigest;
    private final AuthenticationEntryPoint entryPoint;

    public ApiKeyAuthenticationFilter(List<SecurityProperties.ApiKey> keys, AuthenticationEntryPoint entryPoint) {
        this.byDigest = keys.stream().collect(Collectors.toUnmodifiableMap(k -> Sha256.hex(k.key()), Caller::new));
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = keyOf(request);
        if (key != null) {
            Caller caller = byDigest.get(Sha256.hex(key));
            if (caller == null) {
                entryPoint.commence(request, response, new BadCredentialsException("Unknown API key"));
                return;
            }
            var authentication = UsernamePasswordAuthenticationToken.authenticated(caller.name(), null, caller.authorities());
            authentication.setDetails(caller.scope());
            SecurityContextHolder.getContext().setAuthentication(authentication);
        }
        chain.doFilter(request, response);
    }

    private static String keyOf(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return request.getHeader("X-Api-Key");
    }
}
