/**
 * How machines authenticate: by API key, and how the OpenAPI document says so. A key from
 * {@code arbiter.security.api-keys}, sent as a bearer token or in an {@code X-Api-Key} header, becomes the key's roles
 * and portfolio scope ({@link io.arbiter.security.apikeys.ApiKeyAuthenticationFilter}); the OpenAPI document declares
 * both schemes so that Swagger UI can send a key ({@link io.arbiter.security.apikeys.OpenApiSecurity}). Internal to
 * the security module: the filter chains in {@link io.arbiter.security.SecurityConfiguration} put the filter in place.
 */
package io.arbiter.security.apikeys;
