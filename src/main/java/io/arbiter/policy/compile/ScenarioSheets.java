package io.arbiter.policy.compile;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * Which sheets of a workbook hold scenarios rather than rules, recognised by what they hold and not only by their name:
 * a sheet renamed {@code tests}, {@code Tests (2)}, {@code Scénarios} or {@code Essais}, or any sheet without rules whose
 * first column has a {@code Scenario} header, is a scenario sheet. A scenario silently skipped because its sheet was
 * renamed would let a failing scenario through.
 */
public final class ScenarioSheets {

    /** Names finance staff give a sheet of tests, in English, French, German, Spanish and Italian. */
    private static final Pattern NAME = Pattern.compile(
            "(?i)^\\s*(tests?|test cases?|scenarios?|essais?|cas de tests?|jeux? d'essai|testfalle|pruebas?|prove)\\b.*");

    private ScenarioSheets() {
    }

    public static boolean isScenarioSheet(Sheet sheet) {
        boolean header = false;
        for (Row row : sheet) {
            for (Cell cell : row) {
                if (cell.getCellType() != CellType.STRING) {
                    continue;
                }
                String text = cell.getStringCellValue().strip().toLowerCase(Locale.ROOT);
                if (text.equals("ruleset") || text.startsWith("ruletable")) {
                    return false;
                }
                header |= cell.getColumnIndex() == 0 && isHeader(text);
            }
        }
        return header || NAME.matcher(plain(sheet.getSheetName())).matches();
    }

    /** The first header cell of a scenario sheet: {@code Scenario}, {@code Scénario}, {@code Scenarios}. */
    public static boolean isHeader(String text) {
        String plain = plain(text).strip().toLowerCase(Locale.ROOT);
        return plain.equals("scenario") || plain.equals("scenarios");
    }

    private static String plain(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }
}
