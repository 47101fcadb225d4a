package io.arbiter.shared.database;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

/** The packaged jar, which carries no embedded PostgreSQL, says how to configure a database when none is. */
class DatabaseBootstrapTests {

    @Test
    void without_a_database_or_the_embedded_postgresql_it_stops_and_says_to_set_the_database_url() {
        DatabaseBootstrap bootstrap = new DatabaseBootstrap(log -> LogFactory.getLog(DatabaseBootstrap.class));
        SpringApplication packagedJar = new SpringApplication(new DefaultResourceLoader(new WithoutEmbeddedPostgres()));

        assertThatIllegalStateException()
                .isThrownBy(() -> bootstrap.postProcessEnvironment(new StandardEnvironment(), packagedJar))
                .withMessageStartingWith("No database configured: set ARBITER_DB_URL (spring.datasource.url)")
                .withMessageContaining("./mvnw spring-boot:run");
    }

    /** The class path of the packaged jar, from which the build leaves out the embedded PostgreSQL. */
    private static final class WithoutEmbeddedPostgres extends ClassLoader {

        WithoutEmbeddedPostgres() {
            super(DatabaseBootstrapTests.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.zonky.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    }
}
