package io.arbiter.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import io.arbiter.ArbiterApplication;

/**
 * Every shell command of the README and of {@code docs/*.md} works as written: the quickstart (its profile, its
 * development keys, the sandbox bureau, the demo ledger) is started in a PostgreSQL schema of its own, then each page's
 * shell blocks run in order in one {@code bash -euo pipefail}, from a scratch directory holding the repository's
 * {@code docs/examples}, with {@code curl} failing on an HTTP error as {@code --fail-with-body} makes it. A failure
 * names the page and the line of the command, with what it printed. The rules for writing such blocks are in
 * {@code docs/contributing.md}.
 * <p>
 * The community pool's walkthrough needs a pool server: one is started first, as docs/bureaus-and-pool.md starts it
 * (the pool profile, the application's own configuration files, a schema of its own, no policy folders, its members
 * listed), and the quickstart is a member of it, set as that page's "Sharing" table says. The page's commands reach it
 * at {@code localhost:8081}, its port in the page, with {@code MEMBER_KEY} (another member's key) and
 * {@code PSEUDONYM_KEY} (the members' shared key) in the environment, as the page asks of a member.
 */
@ExtendWith(OutputCaptureExtension.class)
class DocsCommandsTests {

    private static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final Path ROOT = Path.of("").toAbsolutePath();

    /** The quickstart's key at the pool, another member's (the page's {@code MEMBER_KEY}) and the members' shared key. */
    private static final String QUICKSTART_POOL_KEY = "docs-quickstart-pool-member-key";
    private static final String MEMBER_KEY = "docs-supplier-b-pool-member-key";
    private static final String PSEUDONYM_KEY = "docs-pool-shared-pseudonym-key";

    private static String schema;
    private static ConfigurableApplicationContext pool;
    private static int poolPort;
    private static ConfigurableApplicationContext quickstart;
    private static int port;

    private static CapturedOutput log;

    @BeforeAll
    static void startTheQuickstart(CapturedOutput output) throws SQLException {
        log = output;
        schema = "docs_it_" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        try (Connection connection = DriverManager.getConnection(DATABASE);
                Statement statement = connection.createStatement()) {
            statement.execute("create schema " + schema);
            statement.execute("create schema " + schema + "_pool");
        }
        // The pool server on its own host: the jar alone, with the pool profile and its members; nothing else.
        pool = new SpringApplicationBuilder(ArbiterApplication.class).profiles("pool").run(
                "--spring.config.location=classpath:/",
                "--spring.datasource.url=" + DATABASE + "&currentSchema=" + schema + "_pool", "--server.port=0",
                "--arbiter.pool.server.members[0].name=Quickstart",
                "--arbiter.pool.server.members[0].key=" + QUICKSTART_POOL_KEY,
                "--arbiter.pool.server.members[1].name=Supplier B",
                "--arbiter.pool.server.members[1].key=" + MEMBER_KEY);
        poolPort = Integer.parseInt(pool.getEnvironment().getRequiredProperty("local.server.port"));
        // The quickstart as shipped: the application's own configuration files only (not the tests'), no policy folders,
        // started from a directory holding none of the repository's folders would change nothing; only the database is
        // this test's. Command-line arguments, not builder properties: those are defaults, which the files override.
        quickstart = new SpringApplicationBuilder(ArbiterApplication.class).profiles("quickstart").run(
                "--spring.config.location=classpath:/",
                "--spring.datasource.url=" + DATABASE + "&currentSchema=" + schema, "--server.port=0",
                "--arbiter.pool.client.base-url=http://localhost:" + poolPort,
                "--arbiter.pool.client.member-key=" + QUICKSTART_POOL_KEY,
                "--arbiter.pool.client.pseudonym-key=" + PSEUDONYM_KEY);
        // The test warms nothing itself: the README's first decision meets the server as a user's does, just started.
        port = Integer.parseInt(quickstart.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @AfterAll
    static void stopIt() throws SQLException {
        if (quickstart != null) {
            quickstart.close();
        }
        if (pool != null) {
            pool.close();
        }
        try (Connection connection = DriverManager.getConnection(DATABASE);
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
            statement.execute("drop schema if exists " + schema + "_pool cascade");
        }
    }

    @Test
    void every_shell_command_of_the_readme_and_the_docs_runs_against_the_quickstart() throws Exception {
        DocsPages docs = DocsPages.read(ROOT);
        List<String> failures = new ArrayList<>();
        int commands = 0;
        for (DocsPages.Page page : docs.pages()) {
            for (DocsPages.Block skipped : page.skipped()) {
                if (skipped.reason().isBlank()) {
                    failures.add(page.file() + ":" + (skipped.firstLine() - 2)
                            + ": a block not run by the docs test must say why (docs/contributing.md)");
                }
            }
            for (DocsPages.Block block : page.blocks()) {
                for (int line : block.uncheckedPolls()) {
                    failures.add(page.file() + ":" + line + ": a poll loop ends on failure as on success; check the state"
                            + " it ended in with jq -e '.state == \"SUCCEEDED\"' (docs/contributing.md)");
                }
            }
            if (!page.blocks().isEmpty()) {
                commands += page.blocks().size();
                run(page).ifPresent(failures::add);
            }
        }
        assertThat(commands).as("shell blocks run").isPositive();
        assertThat(failures).as("documentation commands that fail").isEmpty();
    }

    @Test
    void the_quickstart_serves_the_sample_policy_and_templates_packaged_in_the_jar_and_says_so() {
        assertThat(log.getOut()).contains("the sample policy packaged in the application (no policy folders configured)")
                .contains("Dunning templates: the ones packaged in the application");
        assertThat(quickstart.getEnvironment().getProperty("arbiter.policy.tables-directory")).isNull();
    }

    @Test
    void the_pool_server_runs_from_the_application_alone_with_no_credit_policy_of_its_own() throws Exception {
        assertThat(pool.getEnvironment().getActiveProfiles()).containsExactly("pool");
        assertThat(pool.getEnvironment().getProperty("arbiter.policy.tables-directory")).isNull();
        HttpResponse<String> signal = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + poolPort + "/pool/v1/signals/" + "ab".repeat(32)))
                .header("Authorization", "Bearer " + MEMBER_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signal.statusCode()).as(signal.body()).isEqualTo(200);
        assertThat(signal.body()).containsAnyOf("CONTRIBUTE_FIRST", "INSUFFICIENT_DATA");
    }

    @Test
    void the_quickstart_asks_its_sandbox_bureau_once_before_it_says_it_is_ready() {
        // SpringApplication.run returns, and readiness turns UP, only once the ready event's listeners have returned
        assertThat(log.getOut()).contains("Sandbox bureau answered its warm-up lookup in");
    }

    @Test
    void the_demo_ledger_is_loaded_once_whatever_the_restarts() throws Exception {
        JdbcClient jdbc = quickstart.getBean(JdbcClient.class);
        String counts = """
                select (select count(*) from ledger_invoice where entity_code = 'FR01') || ' invoices, '
                    || (select count(*) from ledger_customer where account like '411%') || ' customers, '
                    || (select count(*) from ledger_allocation) || ' allocations, '
                    || (select count(*) from ledger_promise) || ' promises, '
                    || (select count(*) from ledger_dispute) || ' disputes'""";
        String loaded = jdbc.sql(counts).query(String.class).single();
        assertThat(loaded).startsWith("22 invoices, 7 customers, 9 allocations");

        // What a restart of the quickstart does: every ApplicationRunner again, the demo ledger's among them
        for (ApplicationRunner runner : quickstart.getBeansOfType(ApplicationRunner.class).values()) {
            if (runner.getClass().getSimpleName().startsWith("DemoLedger")) {
                runner.run(new DefaultApplicationArguments());
            }
        }
        assertThat(jdbc.sql(counts).query(String.class).single()).isEqualTo(loaded);
    }

    /** Runs a page's blocks in one shell; answers the failure, if any, with its page, line and output. */
    private java.util.Optional<String> run(DocsPages.Page page) throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory("arbiter-docs-");
        try {
            FileSystemUtils.copyRecursively(ROOT.resolve("docs/examples"), scratch.resolve("docs/examples"));
            Path failedAt = scratch.resolve(".failed-at");
            StringBuilder script = new StringBuilder();
            List<Integer> pageLineOf = new ArrayList<>();
            List<DocsPages.Block> blockOf = new ArrayList<>();
            List<Integer> indexOf = new ArrayList<>();
            for (String line : prelude(failedAt)) {
                script.append(line).append('\n');
                pageLineOf.add(0);
                blockOf.add(null);
                indexOf.add(0);
            }
            for (DocsPages.Block block : page.blocks()) {
                for (int i = 0; i < block.lines().size(); i++) {
                    script.append(block.lines().get(i)).append('\n');
                    pageLineOf.add(block.firstLine() + i);
                    blockOf.add(block);
                    indexOf.add(i);
                }
            }
            Path file = scratch.resolve(".page.sh");
            Files.writeString(file, script, StandardCharsets.UTF_8);
            Path output = scratch.resolve(".output");
            Process bash = new ProcessBuilder("bash", file.toString()).directory(scratch.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!bash.waitFor(5, TimeUnit.MINUTES)) {
                bash.destroyForcibly();
                return java.util.Optional.of(page.file() + ": still running after 5 minutes\n" + tail(output));
            }
            if (bash.exitValue() == 0) {
                return java.util.Optional.empty();
            }
            String where = page.file().toString();
            int scriptLine = -1;
            if (Files.exists(failedAt)) {
                scriptLine = Integer.parseInt(Files.readString(failedAt).strip()) - 1;
            } else {
                // bash itself stopped the page (an unbound variable, a syntax error): it names the line
                java.util.regex.Matcher line = java.util.regex.Pattern.compile("\\.page\\.sh: line (\\d+):")
                        .matcher(tail(output));
                if (line.find()) {
                    scriptLine = Integer.parseInt(line.group(1)) - 1;
                }
            }
            if (scriptLine >= 0) {
                DocsPages.Block block = scriptLine < blockOf.size() ? blockOf.get(scriptLine) : null;
                if (block != null) {
                    where += ":" + block.commandStart(indexOf.get(scriptLine));
                }
            }
            return java.util.Optional.of(where + ": the command starting on this line failed (exit "
                    + bash.exitValue() + "); its output, last lines:\n" + tail(output));
        } finally {
            FileSystemUtils.deleteRecursively(scratch);
        }
    }

    /**
     * What the shell knows before the page's first block: strict mode, where a failure is noted, the pool member's keys,
     * and {@code curl} pointed at these servers instead of localhost:8080 (the quickstart) and 8081 (the pool), failing on HTTP errors unless the command writes out the status
     * itself ({@code -w}).
     */
    private List<String> prelude(Path failedAt) {
        return List.of(
                "set -eEuo pipefail",
                // The line of the failing command; for a failure inside curl() below, the line that called it.
                "trap 'set +u; [ -e \"" + failedAt + "\" ] || { n=${#FUNCNAME[@]}; if (( n > 1 )); then"
                        + " echo \"${BASH_LINENO[n-2]}\"; else echo \"$LINENO\"; fi > \"" + failedAt + "\"; }' ERR",
                "export ARBITER_PORT=" + port + " ARBITER_POOL_PORT=" + poolPort,
                "export MEMBER_KEY=" + MEMBER_KEY + " PSEUDONYM_KEY=" + PSEUDONYM_KEY,
                "curl() {",
                "  local args=() a fail=--fail-with-body",
                "  for a in \"$@\"; do",
                "    case \"$a\" in -w|--write-out|-w*) fail= ;; esac",
                "    a=${a//localhost:8080/localhost:$ARBITER_PORT}",
                "    args+=(\"${a//localhost:8081/localhost:$ARBITER_POOL_PORT}\")",
                "  done",
                "  command curl $fail -sS \"${args[@]}\"",
                "}");
    }

    private static String tail(Path output) throws IOException {
        if (!Files.exists(output)) {
            return "";
        }
        List<String> lines = new String(Files.readAllBytes(output), StandardCharsets.UTF_8).lines()
                .map(line -> line.length() > 300 ? line.substring(0, 300) + "…" : line).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
