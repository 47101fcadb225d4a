package io.arbiter.security;

import java.io.IOException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

import io.arbiter.security.apikeys.ApiKeyAuthenticationFilter;
import io.arbiter.security.oidc.OidcPeople;
import io.arbiter.security.oidc.OidcRoles;
import io.arbiter.shared.ProblemException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Paths for machines: API keys, no session, no CSRF (their clients send no cookies). */
    private static final String[] MACHINE_PATHS = {"/api/**", "/actuator/**", "/v3/api-docs", "/v3/api-docs/**",
            "/swagger-ui.html", "/swagger-ui/**"};
    private static final String[] DECIDERS = roles(Role.ORDER_SYSTEM, Role.CREDIT_ANALYST, Role.CREDIT_MANAGER, Role.ADMIN);
    private static final String[] MANAGERS = roles(Role.CREDIT_MANAGER, Role.ADMIN);
    private static final String[] FINANCE = roles(Role.CREDIT_ANALYST, Role.CREDIT_MANAGER, Role.ADMIN);
    /** Finance staff, and developers who write the DRL rules (who may not approve or publish). */
    private static final String[] POLICY_AUTHORS = roles(Role.CREDIT_ANALYST, Role.CREDIT_MANAGER, Role.ADMIN,
            Role.POLICY_DEVELOPER);
    private static final String[] LIMIT_READERS = roles(Role.CREDIT_ANALYST, Role.CREDIT_MANAGER, Role.ADMIN,
            Role.SALESPERSON, Role.ORDER_SYSTEM);
    private static final String[] FINANCE_AND_SALES = roles(Role.CREDIT_ANALYST, Role.CREDIT_MANAGER, Role.ADMIN,
            Role.SALESPERSON);

    /**
     * The sandbox bureau serves fake sample data only (and exists only when {@code arbiter.bureau.sandbox.enabled}); it
     * has its own chain because its clients send Creditsafe-style bearer tokens, which are not Arbiter API keys.
     */
    @Bean
    @Order(1)
    SecurityFilterChain sandboxFilterChain(HttpSecurity http) {
        return http
                .securityMatcher("/sandbox/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties, JsonMapper json) {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> write(json, response, HttpStatus.UNAUTHORIZED,
                "unauthenticated", "Authentication required",
                "Send an API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'"
                        + (e.getMessage() != null && e.getMessage().startsWith("Unknown") ? "; the key sent is not known" : ""));
        AccessDeniedHandler forbidden = (request, response, e) -> write(json, response, HttpStatus.FORBIDDEN,
                "forbidden", "Not allowed", "This API key's roles do not allow " + request.getMethod() + " "
                        + request.getRequestURI());
        return http
                .securityMatcher(MACHINE_PATHS)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .addFilterBefore(new ApiKeyAuthenticationFilter(properties.apiKeys(), unauthenticated), AnonymousAuthenticationFilter.class)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
                                "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/credit-decisions/*/review").hasAnyRole(FINANCE)
                        .requestMatchers(HttpMethod.POST, "/api/v1/credit-decisions").hasAnyRole(DECIDERS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/credit-decisions/review-queue").hasAnyRole(FINANCE)
                        .requestMatchers(HttpMethod.GET, "/api/v1/credit-decisions/**").hasAnyRole(DECIDERS)
                        .requestMatchers(HttpMethod.POST, "/api/v1/policies/versions/*/approve",
                                "/api/v1/policies/versions/*/publish").hasAnyRole(MANAGERS)
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/policies/versions/*/schedule").hasAnyRole(MANAGERS)
                        .requestMatchers("/api/v1/policies/**").hasAnyRole(POLICY_AUTHORS)
                        // Limit requests: approvers decide; salespeople (their portfolio) and the order system ask and read.
                        .requestMatchers(HttpMethod.POST, "/api/v1/limits/requests/*/verdicts")
                                .hasAnyRole(Role.CREDIT_ANALYST.name(), Role.CREDIT_MANAGER.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/limits/requests")
                                .hasAnyRole(Role.SALESPERSON.name(), Role.CREDIT_ANALYST.name(), Role.CREDIT_MANAGER.name(),
                                        Role.ORDER_SYSTEM.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/limits/insurance/covers",
                                "/api/v1/limits/insurance/alerts/*/*/reported")
                                .hasAnyRole(Role.CREDIT_ANALYST.name(), Role.CREDIT_MANAGER.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/limits/insurance/alerts").hasAnyRole(FINANCE_AND_SALES)
                        .requestMatchers(HttpMethod.GET, "/api/v1/limits/requests", "/api/v1/limits/requests/*",
                                "/api/v1/limits/companies/*", "/api/v1/limits/changes").hasAnyRole(LIMIT_READERS)
                        .requestMatchers("/api/v1/companies/**", "/api/v1/limits/**").hasAnyRole(FINANCE)
                        .requestMatchers(HttpMethod.POST, "/api/v1/bureau/notifications")
                                .hasAnyRole(Role.CREDIT_MANAGER.name(), Role.ADMIN.name())
                        // A salesperson's key reads these for its own portfolio only (PortfolioScope, in the controllers).
                        .requestMatchers(HttpMethod.GET, "/api/v1/ledger/customers/*/exposure")
                                .hasAnyRole(Role.ORDER_SYSTEM.name(), Role.CREDIT_ANALYST.name(), Role.CREDIT_MANAGER.name(),
                                        Role.ADMIN.name(), Role.SALESPERSON.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/ledger/customers/*/behaviour", "/api/v1/ledger/customers/*/history",
                                "/api/v1/kpis", "/api/v1/kpis/customers", "/api/v1/forecast/cash-in").hasAnyRole(FINANCE_AND_SALES)
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers", "/api/v1/customers/*")
                                .hasAnyRole(FINANCE_AND_SALES)
                        .requestMatchers("/api/v1/ledger/imports", "/api/v1/ledger/imports/**", "/api/v1/ledger/mappings",
                                "/api/v1/ledger/mappings/**", "/api/v1/ledger/entities").hasAnyRole(FINANCE)
                        .requestMatchers(HttpMethod.POST, "/api/v1/pool/contributions").hasAnyRole(MANAGERS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/dunning/accounts/*/agency-case")
                                .hasAnyRole(Role.CREDIT_MANAGER.name(), Role.ADMIN.name())
                        .requestMatchers("/api/v1/dunning/outcomes", "/api/v1/dunning/agenda", "/api/v1/dunning/actions/*/send",
                                "/api/v1/dunning/actions/*/letter.pdf")
                                .hasAnyRole(Role.DUNNING_ENGINE.name(), Role.CREDIT_ANALYST.name(), Role.CREDIT_MANAGER.name(),
                                        Role.ADMIN.name(), Role.SALESPERSON.name())
                        .requestMatchers("/api/v1/dunning/next-actions")
                                .hasAnyRole(Role.DUNNING_ENGINE.name(), Role.CREDIT_ANALYST.name(), Role.CREDIT_MANAGER.name(),
                                        Role.ADMIN.name())
                        .requestMatchers("/api/v1/webhook-deliveries", "/api/v1/webhook-deliveries/**")
                                .hasRole(Role.ADMIN.name())
                        .anyRequest().denyAll())
                .build();
    }

    /**
     * People in a browser: a session cookie with CSRF protection, signed in with a local account (form) or through
     * OpenID Connect when a client registration is configured ({@code spring.security.oauth2.client.registration.*}).
     * The console's pages are allowed by role here, as the API's paths are above; a person who must change their
     * password sees nothing else until they have.
     */
    @Bean
    @Order(3)
    SecurityFilterChain browserFilterChain(HttpSecurity http, SecurityProperties properties,
            ObjectProvider<ClientRegistrationRepository> registrations) {
        http
                .authorizeHttpRequests(authorize -> authorize
                        .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/login", "/webjars/**", "/console/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/policy/versions/*/approve", "/policy/versions/*/publish",
                                "/policy/versions/*/cancel-schedule").hasAnyRole(MANAGERS)
                        .requestMatchers("/policy", "/policy/**").hasAnyRole(POLICY_AUTHORS)
                        .requestMatchers("/review", "/review/**").hasAnyRole(FINANCE)
                        // The import wizard runs the import API's jobs: the same roles as /api/v1/ledger/imports.
                        .requestMatchers("/imports", "/imports/**").hasAnyRole(FINANCE)
                        .requestMatchers("/agenda", "/agenda/**").hasAnyRole(FINANCE_AND_SALES)
                        .requestMatchers("/customers", "/customers/**").hasAnyRole(FINANCE_AND_SALES)
                        .requestMatchers("/kpis", "/kpis/**").hasAnyRole(FINANCE_AND_SALES)
                        // Limits: as the limits API allows (the services also refuse what the roles allow but the rules do not).
                        .requestMatchers(HttpMethod.POST, "/limits/requests/*/verdict")
                                .hasAnyRole(Role.CREDIT_ANALYST.name(), Role.CREDIT_MANAGER.name())
                        .requestMatchers("/limits/requests/new", "/limits/requests")
                                .hasAnyRole(Role.SALESPERSON.name(), Role.CREDIT_ANALYST.name(), Role.CREDIT_MANAGER.name())
                        .requestMatchers("/limits/reviews", "/limits/reviews/**").hasAnyRole(FINANCE)
                        .requestMatchers("/limits", "/limits/**").hasAnyRole(FINANCE_AND_SALES)
                        .requestMatchers("/", "/password").authenticated()
                        .anyRequest().denyAll())
                .formLogin(form -> form.loginPage("/login").permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?signedOut").deleteCookies("JSESSIONID"))
                .sessionManagement(session -> session.invalidSessionUrl("/login?expired"))
                .exceptionHandling(handling -> handling.accessDeniedPage("/denied"))
                .addFilterBefore(new PasswordChangeFirst(), AuthorizationFilter.class);
        if (registrations.getIfAvailable() != null) {
            var oidc = properties.oidc();
            http.oauth2Login(login -> login.loginPage("/login")
                    .failureUrl("/login?oidcError")
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(
                            new OidcPeople(new OidcRoles(oidc.rolesClaim(), oidc.roleMapping()), oidc.usernameClaim()))));
        }
        return http.build();
    }

    /**
     * No observation of each security filter, authentication and authorization: they are timers and counters nobody
     * reads (the HTTP metrics already time every request and count it by status, 401 and 403 included), and made by
     * every request they cost about a tenth of a decision's CPU and of the health endpoint's.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Local account passwords, hashed with bcrypt and stored with their algorithm's id so that it can change later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    private static void write(JsonMapper json, HttpServletResponse response, HttpStatus status, String kind, String title,
            String detail) throws IOException {
        ProblemDetail problem = new ProblemException(status, kind, title, detail).toProblemDetail();
        response.setStatus(status.value());
        // Set before getWriter(): otherwise the servlet container writes ISO-8859-1 and garbles accented details.
        response.setCharacterEncoding(java.nio.charset.StandardCharsets.UTF_8.name());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.getWriter().write(json.writeValueAsString(problem));
    }

    private static String[] roles(Role... roles) {
        return java.util.Arrays.stream(roles).map(Role::name).toArray(String[]::new);
    }
}
