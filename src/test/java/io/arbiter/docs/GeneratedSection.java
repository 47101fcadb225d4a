package io.arbiter.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A section of a Markdown page that is generated from the code, between two HTML comments. The page in the repository
 * must equal what the code generates: when it does not, the section is rewritten (so that committing it is all it
 * takes) and the test fails, so that documentation cannot drift from the code it describes.
 */
final class GeneratedSection {

    private GeneratedSection() {
    }

    static void assertCurrent(Path page, String name, String generated) throws IOException {
        String start = "<!-- generated: " + name + " -->";
        String end = "<!-- end of generated " + name + " -->";
        String doc = Files.readString(page, StandardCharsets.UTF_8);
        int from = doc.indexOf(start);
        int to = doc.indexOf(end);
        assertThat(from).as("the markers " + start + " and " + end + " in " + page).isNotNegative().isLessThan(to);
        String current = doc.substring(from + start.length(), to);
        String wanted = "\n" + generated;
        if (!current.equals(wanted)) {
            Files.writeString(page, doc.substring(0, from + start.length()) + wanted + doc.substring(to),
                    StandardCharsets.UTF_8);
        }
        assertThat(current).as(page + "'s " + name + " was out of date: it has been regenerated, commit it")
                .isEqualTo(wanted);
    }
}
