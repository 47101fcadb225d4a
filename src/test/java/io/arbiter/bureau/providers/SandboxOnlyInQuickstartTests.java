package io.arbiter.bureau.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Issue 19, item 7: the sandbox bureau (fake Creditsafe answers served by Arbiter itself) exists only in the quickstart.
 * A production deployment starts with the packaged application.yaml and its own settings: there, the sandbox's endpoint
 * and warm-up are not created and no bureau points at it. Read from the packaged files, as a deployment gets them.
 */
class SandboxOnlyInQuickstartTests {

    @Test
    void the_packaged_defaults_have_no_sandbox_bureau_and_only_the_quickstart_profile_turns_it_on() throws IOException {
        Binder production = binder("application.yaml");
        assertThat(production.bind("arbiter.bureau.sandbox.enabled", Boolean.class).orElse(false)).isFalse();
        assertThat(production.bind("arbiter.bureau.creditsafe.base-url", String.class).orElse(""))
                .doesNotContain("/sandbox/");

        Binder quickstart = binder("application.yaml", "application-quickstart.yaml");
        assertThat(quickstart.bind("arbiter.bureau.sandbox.enabled", Boolean.class).orElse(false)).isTrue();

        for (Class<?> sandboxPart : List.of(SandboxCreditsafeController.class, SandboxWarmUp.class)) {
            ConditionalOnProperty condition = sandboxPart.getAnnotation(ConditionalOnProperty.class);
            assertThat(condition).as(sandboxPart.getSimpleName() + " exists only where the sandbox is enabled").isNotNull();
            assertThat(condition.prefix() + "." + String.join("", condition.name())).isEqualTo("arbiter.bureau.sandbox.enabled");
            assertThat(condition.havingValue()).isEqualTo("true");
            assertThat(condition.matchIfMissing()).isFalse();
        }
    }

    /** The files in the order Spring Boot applies them: a profile's file overrides the defaults. */
    private static Binder binder(String... files) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        for (String file : files) {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(file, new ClassPathResource(file))) {
                environment.getPropertySources().addFirst(source);
            }
        }
        return Binder.get(environment);
    }
}
