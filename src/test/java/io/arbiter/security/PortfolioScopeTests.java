package io.arbiter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PortfolioScopeTests {

    @Test
    void a_salesperson_key_must_name_its_salesperson_and_sees_only_its_portfolio() {
        assertThatThrownBy(() -> new SecurityProperties.ApiKey("k", "Léa", Set.of(Role.SALESPERSON), " "))
                .hasMessageContaining("arbiter.security.api-keys[n].salesperson");
        assertThat(new SecurityProperties.ApiKey("k", "Léa", Set.of(Role.SALESPERSON), "lea").scope())
                .isEqualTo(new PortfolioScope("lea"));
    }

    @Test
    void the_application_does_not_start_with_a_salesperson_key_that_names_no_salesperson() {
        new ApplicationContextRunner().withUserConfiguration(Properties.class)
                .withPropertyValues("arbiter.security.api-keys[0].key=k", "arbiter.security.api-keys[0].name=Léa",
                        "arbiter.security.api-keys[0].roles=SALESPERSON")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("The API key 'Léa' has the role SALESPERSON but no salesperson");
                });
    }

    @EnableConfigurationProperties(SecurityProperties.class)
    static class Properties {
    }

    @Test
    void a_salesperson_key_cannot_also_decide_orders_or_choose_collection_actions() {
        for (Role unscoped : Set.of(Role.ORDER_SYSTEM, Role.DUNNING_ENGINE)) {
            assertThatThrownBy(() -> new SecurityProperties.ApiKey("k", "Léa", Set.of(Role.SALESPERSON, unscoped), "lea"))
                    .as(unscoped.name()).hasMessageContaining("give the order system or the dunning engine a key of its own");
        }
        assertThat(new SecurityProperties.ApiKey("k", "Léa", Set.of(Role.SALESPERSON, Role.ORDER_SYSTEM, Role.CREDIT_MANAGER),
                "lea").scope().isLimited()).isFalse();
    }

    @Test
    void a_key_with_a_finance_role_besides_sees_the_whole_ledger() {
        assertThat(new SecurityProperties.ApiKey("k", "Léa", Set.of(Role.SALESPERSON, Role.CREDIT_ANALYST), "lea").scope()
                .isLimited()).isFalse();
        assertThat(new SecurityProperties.ApiKey("k", "ERP", Set.of(Role.ORDER_SYSTEM), null).scope().isLimited()).isFalse();
    }
}
