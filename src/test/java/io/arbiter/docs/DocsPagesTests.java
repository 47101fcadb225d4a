package io.arbiter.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How the docs test reads a page: which blocks run, which are skipped and why, and where a failing command starts. */
class DocsPagesTests {

    private static final List<String> PAGE = List.of(
            "# A page",                                                  // 1
            "```sh",                                                     // 2
            "curl -s localhost:8080/one \\",                             // 3
            "  -H 'Authorization: Bearer dev-analyst'",                  // 4
            "curl -s -X POST localhost:8080/two -d '{",                  // 5
            "  \"a\": 1}' | jq .a",                                      // 6
            "```",                                                       // 7
            "```text",                                                   // 8
            "not a command",                                             // 9
            "```",                                                       // 10
            "<!-- not run by the docs test: it starts the service -->",  // 11
            "```bash",                                                   // 12
            "./mvnw spring-boot:run",                                    // 13
            "```",                                                       // 14
            "<!-- not run by the docs test: -->",                        // 15
            "```shell",                                                  // 16
            "echo no reason given",                                      // 17
            "```");                                                      // 18

    @Test
    void shell_blocks_run_unless_a_marker_just_above_says_why_not() {
        DocsPages.Page page = DocsPages.page(Path.of("page.md"), PAGE);

        assertThat(page.blocks()).singleElement().satisfies(block -> {
            assertThat(block.firstLine()).isEqualTo(3);
            assertThat(block.lines()).hasSize(4);
        });
        assertThat(page.skipped()).extracting(DocsPages.Block::reason).containsExactly("it starts the service", "");
    }

    @Test
    void a_failing_command_is_named_by_the_line_it_starts_on_across_continuations_and_quotes() {
        DocsPages.Block block = DocsPages.page(Path.of("page.md"), PAGE).blocks().getFirst();

        assertThat(block.commandStart(1)).as("the line after a trailing backslash").isEqualTo(3);
        assertThat(block.commandStart(3)).as("the line that closes a quoted body").isEqualTo(5);
        assertThat(block.commandStart(2)).isEqualTo(5);
    }

    @Test
    void a_poll_loop_must_be_followed_by_a_check_of_the_state_it_ended_in() {
        List<String> page = List.of(
                "```sh",                                                                         // 1
                "until curl -s localhost:8080/jobs/1 | jq -e '.state != \"RUNNING\"' > /dev/null", // 2
                "do sleep 1; done",                                                              // 3
                "curl -s localhost:8080/jobs/1 | jq -e '.state == \"SUCCEEDED\"'",                 // 4
                "until curl -s localhost:8080/jobs/2 | jq -e '.state != \"RUNNING\"' > /dev/null", // 5
                "do sleep 1; done",                                                              // 6
                "curl -s localhost:8080/jobs/2 | jq .state",                                     // 7
                "```");

        assertThat(DocsPages.page(Path.of("page.md"), page).blocks().getFirst().uncheckedPolls()).containsExactly(5);
    }

    /** The README is the front door: what Arbiter is, the two commands, the tour and links; the rest lives in docs/. */
    @Test
    void the_readme_stays_within_250_lines() throws Exception {
        List<String> readme = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8);

        assertThat(readme.size()).as("lines of README.md (move details to a page of docs/)").isLessThanOrEqualTo(250);
    }
}
