package io.arbiter.pool.server;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

import io.arbiter.pool.PoolProperties;
import io.arbiter.shared.ProblemException;
import io.arbiter.shared.Sha256;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /pool/v1/**} has its own door: member keys ({@code arbiter.pool.server.members}), not the supplier-side API
 * keys, so that a member key opens nothing else and no supplier key opens the pool.
 */
@Configuration(proxyBeanMethods = false)
@Profile("pool")
class PoolServerSecurity {

    private static final String MEMBER = "POOL_MEMBER";

    @Bean
    @Order(0)
    SecurityFilterChain poolFilterChain(HttpSecurity http, PoolProperties properties, JsonMapper json) {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> write(json, response);
        return http
                .securityMatcher("/pool/v1/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .addFilterBefore(new MemberKeyFilter(properties.server().members(), unauthenticated),
                        AnonymousAuthenticationFilter.class)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().hasRole(MEMBER))
                .build();
    }

    private static void write(JsonMapper json, HttpServletResponse response) throws IOException {
        var problem = new ProblemException(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
                "Send your pool member key as 'Authorization: Bearer <key>'").toProblemDetail();
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader("WWW-Authenticate", "Bearer");
        response.getWriter().write(json.writeValueAsString(problem));
    }

    /** Keys held as SHA-256 digests, as for the supplier-side API keys. */
    private static final class MemberKeyFilter extends OncePerRequestFilter {

        private final Map<String, String> memberByDigest;
        private final AuthenticationEntryPoint entryPoint;

        MemberKeyFilter(List<PoolProperties.Member> members, AuthenticationEntryPoint entryPoint) {
            this.memberByDigest = members.stream().collect(Collectors.toUnmodifiableMap(m -> Sha256.hex(m.key()),
                    PoolProperties.Member::name));
            this.entryPoint = entryPoint;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String authorization = request.getHeader("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                String member = memberByDigest.get(Sha256.hex(authorization.substring(7).trim()));
                if (member == null) {
                    entryPoint.commence(request, response, null);
                    return;
                }
                SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        member, null, List.of(new SimpleGrantedAuthority("ROLE_" + MEMBER))));
            }
            chain.doFilter(request, response);
        }
    }
}
