/**
 * Who may call what: API keys ({@code Authorization: Bearer <key>} or {@code X-Api-Key}) configured in
 * {@code arbiter.security.api-keys}, each mapped to roles. Health and API documentation are public; every business
 * endpoint needs a role.
 * <p>
 * This package is the module's API (the roles, the people and their identity, password changes, the portfolio scope
 * and its guard, the settings) and the filter chains with the local accounts people sign in with. Its parts:
 * {@code apikeys} (machines' keys and their OpenAPI schemes) and {@code oidc} (sign-in through an OpenID Connect
 * provider).
 */
package io.arbiter.security;
