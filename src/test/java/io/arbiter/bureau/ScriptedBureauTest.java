package io.arbiter.bureau;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import io.arbiter.ApiTest;

/**
 * The whole application with French companies looked up at one {@link ScriptedProvider} named {@code scripted}, for
 * the tests of what follows a bureau's answer (monitoring notifications, insolvency, dunning's class). They share one
 * application context (booting one is most of a test class's time), so each test starts from a provider that knows
 * every company with grade 70 and has counted no call.
 */
@TestPropertySource(properties = "arbiter.bureau.waterfall.FR=scripted")
@Import(ScriptedBureauTest.Bureau.class)
abstract class ScriptedBureauTest extends ApiTest {

    @TestConfiguration
    static class Bureau {
        @Bean
        ScriptedProvider scripted() {
            return new ScriptedProvider("scripted");
        }

        @Bean
        PublishedEvents publishedEvents() {
            return new PublishedEvents();
        }
    }

    @Autowired
    protected ScriptedProvider bureau;

    @Autowired
    protected PublishedEvents events;

    @BeforeEach
    void freshBureau() {
        bureau.reset();
    }
}
