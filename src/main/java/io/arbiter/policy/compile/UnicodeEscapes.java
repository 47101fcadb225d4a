package io.arbiter.policy.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Java translates unicode escapes before it reads code, so an escape could turn text into code behind any check:
 * they are refused anywhere in a policy text (even in a comment or a string), by line.
 */
final class UnicodeEscapes {

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\+u");

    private UnicodeEscapes() {
    }

    static List<PolicyLanguageCheck.Violation> in(String drl) {
        List<PolicyLanguageCheck.Violation> violations = new ArrayList<>();
        Matcher escape = UNICODE_ESCAPE.matcher(drl);
        LineIndex lines = new LineIndex(drl);
        while (escape.find()) {
            if ((escape.end() - escape.start() - 1) % 2 == 1) { // an odd number of backslashes before the u
                violations.add(new PolicyLanguageCheck.Violation(lines.lineOf(escape.start()), null,
                        "holds a unicode escape ('\\u'), which Java would turn into code before any check sees it:"
                                + " type the character itself"));
            }
        }
        return violations;
    }
}
