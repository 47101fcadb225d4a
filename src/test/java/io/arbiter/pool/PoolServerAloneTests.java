package io.arbiter.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.arbiter.ArbiterApplication;

/**
 * The pool server runs on its own host: started with the pool profile, the application's own configuration files
 * only, no policy folders and nothing but a database and a member, it starts and answers its members.
 */
@ExtendWith(OutputCaptureExtension.class)
class PoolServerAloneTests {

    private static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    @Test
    void the_pool_server_needs_no_credit_policy_of_its_own(CapturedOutput output) throws Exception {
        String schema = "pool_alone_" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        try (Connection connection = DriverManager.getConnection(DATABASE);
                Statement statement = connection.createStatement()) {
            statement.execute("create schema " + schema);
        }
        try (ConfigurableApplicationContext pool = new SpringApplicationBuilder(ArbiterApplication.class)
                .profiles("pool").run("--spring.config.location=classpath:/",
                        "--spring.datasource.url=" + DATABASE + "&currentSchema=" + schema, "--server.port=0",
                        "--arbiter.pool.server.members[0].name=alone",
                        "--arbiter.pool.server.members[0].key=pool-alone-member-key")) {
            int port = Integer.parseInt(pool.getEnvironment().getRequiredProperty("local.server.port"));
            HttpResponse<String> signal = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/pool/v1/signals/" + "ab".repeat(32)))
                    .header("Authorization", "Bearer pool-alone-member-key").GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(signal.statusCode()).as(signal.body()).isEqualTo(200);
            assertThat(signal.body()).contains("CONTRIBUTE_FIRST");
            assertThat(output.getOut()).contains("the sample policy packaged in the application");
        } finally {
            try (Connection connection = DriverManager.getConnection(DATABASE);
                    Statement statement = connection.createStatement()) {
                statement.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }
}
