package io.arbiter.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Keeps policy code inside the policy: the DRL of every file and the DRL generated from every table (its Import,
 * Variables, Functions and Declare cells, code templates and rule cells) may import only {@code io.arbiter.policy.*},
 * {@code java.math.*} and {@code java.util.*}, and may name nothing that reaches the process, files, network, threads or
 * reflection. Comments and string literals are not code and are not checked. Startup and upload share this check
 * through {@link PolicyCompiler}.
 */
final class PolicyCodeGuard {

    /** Packages a policy may import from or name in full. */
    static final List<String> ALLOWED_PACKAGES = List.of("io.arbiter.policy.", "java.math.", "java.util.");
    /** Parts of {@code java.util} that reach threads, class loading or files. */
    private static final List<String> DENIED_PACKAGES = List.of("java.util.concurrent", "java.util.ServiceLoader",
            "java.util.jar", "java.util.zip", "java.util.prefs", "java.util.logging", "java.util.spi");

    private static final Pattern IMPORT = Pattern.compile(
            "^[ \\t]*import\\s+(?:static\\s+|function\\s+|accumulate\\s+)?([\\w.$*]+)", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile(
            "\\b(?:java|javax|jdk|sun|com|org|net|kotlin|groovy|scala)\\s*\\.\\s*[\\w$]+(?:\\s*\\.\\s*[\\w$*]+)*");
    private static final Pattern FORBIDDEN = Pattern.compile("\\b(Runtime|System|ProcessBuilder|Process|ProcessHandle"
            + "|Thread|ThreadGroup|ThreadLocal|Executors?|ForkJoinPool|ClassLoader|Class|forName|getClass|loadClass"
            + "|getDeclared\\w*|getMethods?|getFields?|getConstructors?|setAccessible|newInstance|invoke|MethodHandles?"
            + "|Unsafe|SecurityManager|exit|halt|exec|getRuntime|loadLibrary|File|Files|Paths|FileSystems?"
            + "|RandomAccessFile|Socket|ServerSocket|URL|URI|URLClassLoader|HttpClient|InetAddress|ObjectInputStream"
            + "|ScriptEngineManager|ServiceLoader|Compiler|ModuleLayer|StackWalker)\\b|\\.\\s*class\\b|\\bkcontext\\b"
            + "|\\bdrools\\s*\\.\\s*(?:getKieRuntime|getWorkingMemory|getKnowledgeRuntime|getEntryPoint|getChannels)\\b");

    private PolicyCodeGuard() {
    }

    /** Every place where a source's code reaches outside the policy, located by cell (tables) or line (DRL files). */
    static List<PolicyProblem> check(RuleSource source) {
        String code = withoutCommentsAndStrings(source.drl());
        List<PolicyProblem> problems = new ArrayList<>();
        Matcher imports = IMPORT.matcher(code);
        while (imports.find()) {
            String imported = imports.group(1);
            if (!allowed(imported)) {
                problems.add(problem(source, code, imports.start(1), imported, "imports '" + imported
                        + "', which is outside the policy; a policy may import only " + allowList()));
            }
        }
        Matcher qualified = QUALIFIED.matcher(code);
        while (qualified.find()) {
            String name = qualified.group().replaceAll("\\s+", "");
            if (!allowed(name) && !isImportLine(code, qualified.start())) {
                problems.add(problem(source, code, qualified.start(), name, "names '" + name
                        + "', which is outside the policy; a policy may use only " + allowList()));
            }
        }
        Matcher forbidden = FORBIDDEN.matcher(code);
        while (forbidden.find()) {
            String word = forbidden.group().replaceAll("\\s+", "");
            if (!isImportLine(code, forbidden.start())) {
                problems.add(problem(source, code, forbidden.start(), word.startsWith(".") ? "class" : word,
                        "uses '" + word + "', which reaches outside the policy (process, files, network, threads or "
                                + "reflection); policy code may only compute with the facts and results it is given"));
            }
        }
        return problems.stream().distinct().toList();
    }

    static String allowList() {
        return "io.arbiter.policy.*, java.math.* and java.util.* (not java.util.concurrent, zip, jar, logging)";
    }

    private static boolean allowed(String name) {
        return ALLOWED_PACKAGES.stream().anyMatch(name::startsWith) && DENIED_PACKAGES.stream().noneMatch(name::startsWith);
    }

    private static boolean isImportLine(String code, int offset) {
        int start = code.lastIndexOf('\n', offset) + 1;
        return code.substring(start, offset).strip().matches("import(\\s+(static|function|accumulate))?");
    }

    private static PolicyProblem problem(RuleSource source, String code, int offset, String token, String message) {
        int line = DrlFileReader.lineOf(code, offset);
        if (!source.isTable()) {
            return new PolicyProblem(source.file(), null, "line " + line, message);
        }
        String sheet = source.origin().length() > source.file().length() ? source.origin().substring(source.file().length() + 1) : null;
        String cell = cellHolding(source, token);
        return new PolicyProblem(source.file(), sheet, cell, (cell == null ? "generated DRL line " + line + " " : "") + message);
    }

    /** The first cell (by row, then column) whose text holds the token. */
    private static @Nullable String cellHolding(RuleSource source, String token) {
        String squeezed = token.replaceAll("\\s+", "");
        for (Map.Entry<Integer, Map<Integer, String>> row : source.cells().entrySet()) {
            for (Map.Entry<Integer, String> cell : new java.util.TreeMap<>(row.getValue()).entrySet()) {
                if (cell.getValue().replaceAll("\\s+", "").contains(squeezed)) {
                    return DecisionTableReader.columnName(cell.getKey()) + row.getKey();
                }
            }
        }
        return null;
    }

    /** Blanks out comments and string literals, keeping offsets and line breaks. */
    static String withoutCommentsAndStrings(String drl) {
        StringBuilder out = new StringBuilder(drl);
        int i = 0;
        while (i < drl.length()) {
            char c = drl.charAt(i);
            if (c == '/' && i + 1 < drl.length() && drl.charAt(i + 1) == '/') {
                int end = drl.indexOf('\n', i);
                i = blank(out, i, end < 0 ? drl.length() : end);
            } else if (c == '/' && i + 1 < drl.length() && drl.charAt(i + 1) == '*') {
                int end = drl.indexOf("*/", i + 2);
                i = blank(out, i, end < 0 ? drl.length() : end + 2);
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < drl.length() && drl.charAt(j) != c && drl.charAt(j) != '\n') {
                    j += drl.charAt(j) == '\\' ? 2 : 1;
                }
                i = blank(out, i + 1, Math.min(j, drl.length())) + 1;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static int blank(StringBuilder out, int from, int to) {
        for (int k = from; k < to; k++) {
            if (out.charAt(k) != '\n') {
                out.setCharAt(k, ' ');
            }
        }
        return to;
    }
}
