package io.arbiter.pool.server;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Migrates the pool server's own tables, kept apart from the supplier's (location {@code db/pool}, history table
 * {@code pool_schema_history}) so that a supplier's database never holds pool tables and the pool's migrations are
 * numbered on their own. It runs after the application's own migrations, which expect to find the schema empty.
 */
@Component
@Profile("pool")
@DependsOn("flywayInitializer")
class PoolSchema {

    PoolSchema(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/pool")
                .table("pool_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
