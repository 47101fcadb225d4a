package io.arbiter.shared.database;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Arbiter finds its PostgreSQL when {@code spring.datasource.url} ({@code ARBITER_DB_URL}) is not set.
 *
 * @param localCandidates JDBC URLs tried in order (user and password in the URL); the first that answers is used
 * @param embedded the real PostgreSQL started by the application when no candidate answers
 * @param schemaPerRun give this JVM a schema of its own in the chosen database, migrated from scratch and dropped at
 *                     exit: the tests' setting, so that no run sees what an earlier one stored
 */
@ConfigurationProperties("arbiter.database")
public record DatabaseProperties(@DefaultValue List<String> localCandidates, @DefaultValue Embedded embedded,
        @DefaultValue("false") boolean schemaPerRun) {

    /**
     * @param enabled whether Arbiter may start its own PostgreSQL
     * @param dataDirectory kept across restarts when set; a throw-away directory otherwise
     */
    public record Embedded(@DefaultValue("true") boolean enabled, @Nullable Path dataDirectory) {
    }
}
