package io.arbiter.ledger.importing;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Suggests a mapping from a file's header: each field takes the first header equal to one of its known names once case,
 * accents, spaces and punctuation are removed ({@code "N° facture"} is {@code nfacture}); failing that, a header that
 * starts with one of them. A header serves one field only; earlier fields choose first.
 */
final class MappingSuggester {

    private MappingSuggester() {
    }

    static ColumnMapping suggest(ImportKind kind, List<String> header) {
        Map<String, String> columns = new LinkedHashMap<>();
        Set<Integer> taken = new HashSet<>();
        for (boolean exact : new boolean[] {true, false}) {
            for (ImportField field : kind.fields()) {
                if (columns.containsKey(field.name())) {
                    continue;
                }
                search:
                for (String known : field.headers()) {
                    String wanted = normalise(known);
                    for (int i = 0; i < header.size(); i++) {
                        String candidate = normalise(header.get(i));
                        if (!taken.contains(i) && !candidate.isEmpty()
                                && (exact ? candidate.equals(wanted) : wanted.length() >= 4 && candidate.startsWith(wanted))) {
                            columns.put(field.name(), header.get(i));
                            taken.add(i);
                            break search;
                        }
                    }
                }
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        kind.fields().forEach(field -> {
            if (columns.containsKey(field.name())) {
                ordered.put(field.name(), columns.get(field.name()));
            }
        });
        return new ColumnMapping(null, kind.label(), ordered, Map.of());
    }

    static String normalise(String header) {
        String decomposed = Normalizer.normalize(header, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c < 128 && Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
