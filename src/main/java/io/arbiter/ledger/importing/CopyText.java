package io.arbiter.ledger.importing;

import java.math.BigDecimal;

/** Values as the text format of PostgreSQL's COPY writes them, which is what {@link RowConverter} stages. */
final class CopyText {

    private CopyText() {
    }

    /** A value's text: an amount in plain notation (never 1E+3), anything else as it prints. */
    static String of(Object value) {
        return value instanceof BigDecimal number ? number.toPlainString() : value.toString();
    }

    static void escape(String text, StringBuilder out) {
        // Most cells have nothing to escape: appended whole, which profiling showed costs far less than char by char.
        if (!needsEscape(text)) {
            out.append(text);
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    private static boolean needsEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
