package io.arbiter.policy.compile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.decisiontable.parser.DefaultRuleSheetListener;
import org.jspecify.annotations.Nullable;

import io.arbiter.policy.PolicyLoadException;

/**
 * Drools' own rule sheet listener (it writes the DRL), fed cells as their author meant them, and remembering every cell
 * so that rules, errors and the analysis can name the cell they come from:
 * <ul>
 * <li>typographic quotes ({@code “SME”}, as Excel types them) are straight quotes, and a value already in quotes in a
 * column whose template quotes it ({@code name == "$param"}) is not quoted twice; non-breaking spaces are spaces;</li>
 * <li>a percentage ({@code 10%}, {@code 10 %}) is read by its column: a column whose label or template says it is a
 * percentage ({@code (%)}, {@code percent}) takes it as 10, any other as 0.1;</li>
 * <li>an error Drools throws while reading a cell is reported at that cell (Drools names a header cell, or none).</li>
 * </ul>
 */
public final class RuleSheetCapture extends DefaultRuleSheetListener {

    private static final Pattern PERCENTAGE = Pattern.compile("(-?[0-9]+(?:[.,][0-9]+)?)\\s*%");
    private static final Pattern PERCENT_COLUMN = Pattern.compile("(?i).*(%|percent|pourcent).*");

    private final Map<Integer, Map<Integer, String>> cells = new TreeMap<>();
    private final @Nullable String sheet;
    private final String file;
    private final AtomicReference<String> sheetBeingParsed;
    /** The RuleTable being read: its title cell's row and column (0-based), and what its header rows say. */
    private int tableRow = -1;
    private int tableColumn = -1;
    private final Map<Integer, String> templates = new HashMap<>();
    private final Map<Integer, Boolean> percentColumns = new HashMap<>();

    RuleSheetCapture(String file, @Nullable String sheet, AtomicReference<String> sheetBeingParsed) {
        this.file = file;
        this.sheet = sheet;
        this.sheetBeingParsed = sheetBeingParsed;
    }

    @Override
    public void newRow(int rowNumber, int columns) {
        sheetBeingParsed.set(sheet);
        super.newRow(rowNumber, columns);
    }

    @Override
    public void newCell(int row, int column, String value, int mergedColStart) {
        if (value == null || value.isBlank()) {
            return;
        }
        String text = normalised(value);
        if (text.toLowerCase(Locale.ROOT).startsWith("ruletable")) {
            tableRow = row;
            tableColumn = column;
            templates.clear();
            percentColumns.clear();
        } else if (tableRow >= 0 && column >= tableColumn) {
            text = inTable(row, column, text);
        }
        cells.computeIfAbsent(row, r -> new TreeMap<>()).put(column, text.strip());
        try {
            super.newCell(row, column, text, mergedColStart);
        } catch (RuntimeException e) {
            throw new PolicyLoadException(List.of(DroolsTableMessages.at(file, sheet, row, column, e)));
        }
    }

    private String inTable(int row, int column, String text) {
        int offset = row - tableRow;
        if (offset == 3) {
            templates.put(column, text);
            percentColumns.merge(column, text.contains("Percent"), Boolean::logicalOr);
        } else if (offset == 4) {
            percentColumns.merge(column, PERCENT_COLUMN.matcher(text).matches(), Boolean::logicalOr);
        } else if (offset > 4) {
            Matcher percentage = PERCENTAGE.matcher(text.strip());
            if (percentage.matches()) {
                BigDecimal number = new BigDecimal(percentage.group(1).replace(',', '.'));
                return WorkbookSheetReader.plain(percentColumns.getOrDefault(column, false) ? number
                        : number.divide(BigDecimal.valueOf(100), number.scale() + 2, RoundingMode.UNNECESSARY));
            }
            String template = templates.get(column);
            String stripped = text.strip();
            if (template != null && template.contains("\"$param\"") && isQuoted(stripped)) {
                return stripped.substring(1, stripped.length() - 1);
            }
        }
        return text;
    }

    /**
     * Excel's typographic quotes and non-breaking spaces, as what they stand for; French typing puts a space inside
     * guillemets ({@code « SME »}), which is not part of the value.
     */
    public static String normalised(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(switch (c) {
                case '\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB', '\u2033' -> '"';
                case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032' -> '\'';
                case '\u00A0', '\u202F', '\u2007' -> ' ';
                default -> c;
            });
        }
        String text = out.toString();
        String stripped = text.strip();
        if (isQuoted(stripped)) {
            String inner = stripped.substring(1, stripped.length() - 1);
            return inner.equals(inner.strip()) ? text : "\"" + inner.strip() + "\"";
        }
        return text;
    }

    /** One text in double quotes, with no other quote inside. */
    static boolean isQuoted(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") && text.indexOf('"', 1) == text.length() - 1;
    }

    /** The cells seen, by spreadsheet row (1-based) then column (0-based). */
    Map<Integer, Map<Integer, String>> cellsByRow() {
        Map<Integer, Map<Integer, String>> byRow = new TreeMap<>();
        cells.forEach((row, columns) -> byRow.put(row + 1, Map.copyOf(columns)));
        return byRow;
    }

    boolean hasRuleTable() {
        return cells.values().stream().flatMap(r -> r.values().stream())
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).startsWith("ruletable"));
    }

    @Nullable String cellRightOf(String keyword) {
        for (var row : cells.entrySet()) {
            for (var cell : row.getValue().entrySet()) {
                if (cell.getValue().equalsIgnoreCase(keyword)) {
                    return DecisionTableReader.columnName(cell.getKey() + 1) + (row.getKey() + 1);
                }
            }
        }
        return null;
    }
}
