/**
 * Who may call what: API keys ({@code Authorization: Bearer <key>} or {@code X-Api-Key}) configured in
 * {@code arbiter.security.api-keys}, each mapped to roles. Health and API documentation are public; every business
 * endpoint needs a role.
 */
package io.arbiter.security;
