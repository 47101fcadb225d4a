package io.arbiter.security;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import io.arbiter.shared.Sha256;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates a request by its API key. Keys are held as SHA-256 digests, so the configured secrets are not kept in
 * memory as looked-up strings and a lookup does not leak how much of a key matched.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final Map<String, SecurityProperties.ApiKey> byDigest;
    private final AuthenticationEntryPoint entryPoint;

    ApiKeyAuthenticationFilter(List<SecurityProperties.ApiKey> keys, AuthenticationEntryPoint entryPoint) {
        this.byDigest = keys.stream().collect(Collectors.toUnmodifiableMap(k -> Sha256.hex(k.key()), k -> k));
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = keyOf(request);
        if (key != null) {
            SecurityProperties.ApiKey apiKey = byDigest.get(Sha256.hex(key));
            if (apiKey == null) {
                entryPoint.commence(request, response, new BadCredentialsException("Unknown API key"));
                return;
            }
            var authorities = apiKey.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList();
            var authentication = UsernamePasswordAuthenticationToken.authenticated(apiKey.name(), null, authorities);
            authentication.setDetails(apiKey.scope());
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
