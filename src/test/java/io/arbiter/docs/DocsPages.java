package io.arbiter.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The shell blocks of the README and of {@code docs/*.md}, as {@code DocsCommandsTests} runs them: a fenced block whose
 * info string is {@code sh}, {@code bash} or {@code shell}, unless the line just above its opening fence is the marker
 * {@code <!-- not run by the docs test: <reason> -->} (docs/contributing.md).
 */
record DocsPages(List<Page> pages) {

    static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([\\w-]*).*$");
    static final Pattern SKIP = Pattern.compile("^\\s*<!-- not run by the docs test:(.*)-->\\s*$");
    static final List<String> SHELLS = List.of("sh", "bash", "shell");
    static final Pattern CHECKED_STATE = Pattern.compile("jq -e '[^']*\\.state == \"");

    /** One page's shell blocks, in order, and the markers that say a block is not run and why. */
    record Page(Path file, List<Block> blocks, List<Block> skipped) {
    }

    /** A shell block: its lines, the first being at {@code firstLine} (1-based) of the page. */
    record Block(int firstLine, List<String> lines, String reason) {

        /** The page line where the command that ends on the block's {@code index}-th line begins. */
        int commandStart(int index) {
            int start = index;
            while (start > 0 && continues(start - 1)) {
                start--;
            }
            return firstLine + start;
        }

        /**
         * The lines (1-based, on the page) of the poll loops ({@code until …; do sleep …; done}) that no later line of
         * the block checks the outcome of with {@code jq -e '.state == "…"'}: a loop ends on failure as on success, so
         * without that check a failed import or simulation would pass for a good one.
         */
        List<Integer> uncheckedPolls() {
            List<Integer> unchecked = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).stripLeading().startsWith("until ")) {
                    continue;
                }
                boolean checked = false;
                for (int j = i + 1; j < lines.size() && !checked; j++) {
                    checked = CHECKED_STATE.matcher(lines.get(j)).find();
                }
                if (!checked) {
                    unchecked.add(firstLine + i);
                }
            }
            return unchecked;
        }

        /** Whether the command on line {@code index} goes on to the next one: a trailing backslash, or an open quote. */
        private boolean continues(int index) {
            if (lines.get(index).stripTrailing().endsWith("\\")) {
                return true;
            }
            long quotes = 0;
            for (int i = 0; i <= index; i++) {
                quotes += lines.get(i).replaceAll("#.*$", "").chars().filter(c -> c == '\'').count();
            }
            return quotes % 2 == 1;
        }
    }

    static DocsPages read(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(path -> path.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Page> pages = new ArrayList<>();
        for (Path file : files) {
            pages.add(page(root.relativize(file), Files.readAllLines(file, StandardCharsets.UTF_8)));
        }
        return new DocsPages(pages);
    }

    static Page page(Path file, List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        List<Block> skipped = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                continue;
            }
            int close = i + 1;
            while (close < lines.size() && !lines.get(close).strip().startsWith("```")) {
                close++;
            }
            if (SHELLS.contains(fence.group(1))) {
                Matcher skip = i > 0 ? SKIP.matcher(lines.get(i - 1)) : null;
                Block block = new Block(i + 2, List.copyOf(lines.subList(i + 1, Math.min(close, lines.size()))),
                        skip != null && skip.matches() ? skip.group(1).strip() : null);
                (block.reason() == null ? blocks : skipped).add(block);
            }
            i = close;
        }
        return new Page(file, blocks, skipped);
    }
}
