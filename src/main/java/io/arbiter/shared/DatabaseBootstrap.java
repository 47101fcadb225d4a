package io.arbiter.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Gives the application a real PostgreSQL before any bean needs one: the configured {@code spring.datasource.url}
 * when there is one; else the first local candidate that answers (the tests' 127.0.0.1:5432); else a PostgreSQL
 * started from binaries shipped on Maven Central, which also runs as root (where {@code initdb} alone refuses).
 */
class DatabaseBootstrap implements EnvironmentPostProcessor {

    private static final String EMBEDDED_USER = "postgres";
    private static EmbeddedPostgres embedded;

    private final Log log;

    DatabaseBootstrap(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(DatabaseBootstrap.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            return;
        }
        DatabaseProperties properties = Binder.get(environment).bind("arbiter.database", DatabaseProperties.class)
                .orElseGet(() -> new DatabaseProperties(java.util.List.of(), new DatabaseProperties.Embedded(true, null)));
        for (String candidate : properties.localCandidates()) {
            if (answers(candidate)) {
                log.info("Using the local PostgreSQL at " + candidate.replaceAll("password=[^&]*", "password=***"));
                use(environment, candidate);
                return;
            }
        }
        if (!properties.embedded().enabled()) {
            throw new IllegalStateException("No database configured: set ARBITER_DB_URL (spring.datasource.url)"
                    + " or enable arbiter.database.embedded.enabled");
        }
        use(environment, startEmbedded(properties.embedded()));
    }

    private synchronized String startEmbedded(DatabaseProperties.Embedded settings) {
        if (embedded == null) {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
                if (settings.dataDirectory() != null) {
                    Files.createDirectories(settings.dataDirectory());
                    builder.setDataDirectory(settings.dataDirectory()).setCleanDataDirectory(false);
                }
                embedded = builder.start();
                log.info("Started an embedded PostgreSQL on port " + embedded.getPort()
                        + (settings.dataDirectory() == null ? " (data discarded on exit)"
                                : " with its data in " + settings.dataDirectory().toAbsolutePath()));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL; set ARBITER_DB_URL to use your own", e);
            }
        }
        return embedded.getJdbcUrl(EMBEDDED_USER, "postgres");
    }

    private static boolean answers(String url) {
        DriverManager.setLoginTimeout(2);
        try (var connection = DriverManager.getConnection(url)) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void use(ConfigurableEnvironment environment, String url) {
        environment.getPropertySources().addFirst(new MapPropertySource("arbiterDatabase",
                Map.of("spring.datasource.url", url)));
    }
}
