package io.arbiter.security;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API keys for machines, settable from the environment ({@code ARBITER_SECURITY_API_KEYS_0_KEY}, {@code ..._0_NAME},
 * {@code ..._0_ROLES}, {@code ..._0_SALESPERSON}) or the command line ({@code --arbiter.security.api-keys[0].key=...});
 * how people's roles are read from their OpenID Connect token; and whether the quickstart's demo people exist.
 *
 * @param demoPeople one local account per role, each with a documented password to change at first sign-in
 *                   (docs/console.md); true in the quickstart profile only
 */
@ConfigurationProperties("arbiter.security")
public record SecurityProperties(@DefaultValue List<ApiKey> apiKeys, @DefaultValue Oidc oidc,
        @DefaultValue("false") boolean demoPeople) {

    /**
     * @param rolesClaim the claim of the ID token (or user info) that lists a person's roles; a dotted path reads a
     *                   nested claim, e.g. {@code realm_access.roles} for Keycloak's realm roles
     * @param roleMapping names of the identity provider's roles or groups mapped to Arbiter roles, for names that are
     *                    not already Arbiter role names (e.g. {@code finance-managers: CREDIT_MANAGER})
     * @param usernameClaim the claim that names the person in Arbiter's records ("approved by"); the subject when absent
     */
    public record Oidc(@DefaultValue("roles") String rolesClaim, @DefaultValue Map<String, Role> roleMapping,
            @DefaultValue("preferred_username") String usernameClaim) {
    }

    /**
     * @param name who holds the key, as it appears in logs and records
     * @param salesperson for a key with role SALESPERSON, whose portfolio it sees: the salesperson as the ledger's
     *                    customers carry it (the {@code salesperson} column of customer and invoice imports)
     */
    public record ApiKey(String key, String name, Set<Role> roles, @Nullable String salesperson) {

        public ApiKey {
            if (roles.contains(Role.SALESPERSON) && (salesperson == null || salesperson.isBlank())) {
                throw new IllegalArgumentException("The API key '" + name + "' has the role SALESPERSON but no salesperson:"
                        + " set arbiter.security.api-keys[n].salesperson to the salesperson its customers carry in the ledger");
            }
            // Deciding on orders and choosing collection actions read any customer's ledger: a key limited to one
            // portfolio cannot also hold those roles.
            if (roles.contains(Role.SALESPERSON) && !finance(roles)
                    && (roles.contains(Role.ORDER_SYSTEM) || roles.contains(Role.DUNNING_ENGINE))) {
                throw new IllegalArgumentException("The API key '" + name + "' has the role SALESPERSON with " + roles
                        + ": a salesperson's key sees one portfolio, while ORDER_SYSTEM and DUNNING_ENGINE read every"
                        + " customer; give the order system or the dunning engine a key of its own");
            }
        }

        /** What this key sees: its salesperson's portfolio only, unless it also holds a finance role. */
        public PortfolioScope scope() {
            return roles.contains(Role.SALESPERSON) && !finance(roles) ? new PortfolioScope(salesperson.strip())
                    : PortfolioScope.WHOLE_LEDGER;
        }

        private static boolean finance(Set<Role> roles) {
            return roles.contains(Role.CREDIT_ANALYST) || roles.contains(Role.CREDIT_MANAGER) || roles.contains(Role.ADMIN);
        }
    }
}
