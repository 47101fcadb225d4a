package io.arbiter.security.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.arbiter.security.Role;


class OidcRolesTests {

    @Test
    void reads_role_names_from_a_list_claim_whatever_their_case_or_prefix() {
        var roles = new OidcRoles("roles", Map.of());
        assertThat(roles.of(Map.of("roles", List.of("credit-manager", "ROLE_CREDIT_ANALYST", "offline_access"))))
                .containsExactlyInAnyOrder(Role.CREDIT_MANAGER, Role.CREDIT_ANALYST);
    }

    @Test
    void reads_a_nested_claim_such_as_keycloak_realm_roles() {
        var roles = new OidcRoles("realm_access.roles", Map.of());
        assertThat(roles.of(Map.of("realm_access", Map.of("roles", List.of("CREDIT_ANALYST", "uma_authorization")))))
                .containsExactly(Role.CREDIT_ANALYST);
        assertThat(roles.of(Map.of("roles", List.of("CREDIT_ANALYST")))).as("another claim is not read").isEmpty();
    }

    @Test
    void maps_the_providers_own_group_names_and_reads_a_space_separated_string() {
        var roles = new OidcRoles("groups", Map.of("finance-managers", Role.CREDIT_MANAGER, "sales", Role.SALESPERSON));
        assertThat(roles.of(Map.of("groups", "finance-managers everyone"))).containsExactly(Role.CREDIT_MANAGER);
        assertThat(roles.of(Map.of("groups", List.of("everyone")))).isEmpty();
        assertThat(roles.of(Map.of())).isEmpty();
    }
}
