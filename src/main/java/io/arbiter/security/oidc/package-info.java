/**
 * People signing in to the console through the company's OpenID Connect provider. A token's claims give the person's
 * username and roles, read through the configured role mapping ({@link io.arbiter.security.oidc.OidcRoles}); a person
 * with no role is refused ({@link io.arbiter.security.oidc.OidcPeople}). Internal to the security module, used when
 * an OpenID Connect client registration is configured ({@code spring.security.oauth2.client.registration.*}).
 */
package io.arbiter.security.oidc;
