package io.arbiter.policy.compile;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.CellValue;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.drools.template.parser.DataListener;
import org.drools.util.DateUtils;
import org.jspecify.annotations.Nullable;

/**
 * Reads a sheet's cells the way their author sees them and hands them to Drools' rule sheet listener in place of
 * Drools' own {@code ExcelParser}, which read a number through its display format (a limit shown as {@code 0150000} then
 * compiled as the octal 53,248) and gave a merged cell's value only to the cells of the range that happen to exist (the
 * rows under a vertically merged action cell silently lost the action):
 * <ul>
 * <li>a number is its value, written without exponent or trailing zeros ({@code 150000}, {@code 0.8}), whatever its
 * format; a percentage-formatted number is written as it is shown ({@code 10%}), so that the rule sheet reads it by its
 * column (a {@code (%)} column takes it as 10, another as 0.1);</li>
 * <li>a date is written as Drools expects dates ({@code "01-Jan-2027"});</li>
 * <li>a formula is its value, evaluated as Excel would ({@link PolicyFileGuard} has refused those that cannot be);</li>
 * <li>every cell of a merged range holds the range's value, and a range spanning columns says where it starts.</li>
 * </ul>
 */
public final class WorkbookSheetReader {

    private WorkbookSheetReader() {
    }

    static void read(Sheet sheet, FormulaEvaluator evaluator, DataListener listener) {
        Map<Integer, Map<Integer, String>> values = new TreeMap<>();
        for (Row row : sheet) {
            for (Cell cell : row) {
                String value = text(cell, evaluator);
                if (value != null) {
                    values.computeIfAbsent(row.getRowNum(), r -> new TreeMap<>()).put(cell.getColumnIndex(), value);
                }
            }
        }
        Map<Long, Integer> mergedStarts = new java.util.HashMap<>();
        for (CellRangeAddress merged : sheet.getMergedRegions()) {
            String value = values.getOrDefault(merged.getFirstRow(), Map.of()).get(merged.getFirstColumn());
            for (int r = merged.getFirstRow(); r <= merged.getLastRow(); r++) {
                for (int c = merged.getFirstColumn(); c <= merged.getLastColumn(); c++) {
                    if (value != null) {
                        values.computeIfAbsent(r, key -> new TreeMap<>()).put(c, value);
                    }
                    if (merged.getFirstColumn() != merged.getLastColumn()) {
                        mergedStarts.put(key(r, c), merged.getFirstColumn());
                    }
                }
            }
        }
        int lastRow = values.isEmpty() ? -1 : ((TreeMap<Integer, Map<Integer, String>>) values).lastKey();
        for (int r = 0; r <= lastRow; r++) {
            Map<Integer, String> cells = values.getOrDefault(r, Map.of());
            listener.newRow(r, cells.isEmpty() ? 0 : ((TreeMap<Integer, String>) cells).lastKey() + 1);
            for (Map.Entry<Integer, String> cell : cells.entrySet()) {
                listener.newCell(r, cell.getKey(), cell.getValue(),
                        mergedStarts.getOrDefault(key(r, cell.getKey()), DataListener.NON_MERGED));
            }
        }
        listener.finishSheet();
    }

    /** What the author sees in a cell, as text a rule can hold; null for an empty cell. */
    static @Nullable String text(Cell cell, FormulaEvaluator evaluator) {
        CellType type = cell.getCellType();
        if (type == CellType.FORMULA) {
            CellValue value;
            try {
                value = evaluator.evaluate(cell);
            } catch (RuntimeException e) {
                return null; // refused at its cell by PolicyFileGuard
            }
            return switch (value.getCellType()) {
                case NUMERIC -> number(cell, value.getNumberValue());
                case STRING -> value.getStringValue();
                case BOOLEAN -> value.getBooleanValue() ? "true" : "false";
                default -> null;
            };
        }
        return switch (type) {
            case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                    ? "\"" + DateUtils.format(cell.getDateCellValue()) + "\"" : number(cell, cell.getNumericCellValue());
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> cell.getBooleanCellValue() ? "true" : "false";
            default -> null;
        };
    }

    private static String number(Cell cell, double value) {
        String format = cell.getCellStyle() == null ? "" : cell.getCellStyle().getDataFormatString();
        if (format != null && format.replaceAll("\"[^\"]*\"", "").contains("%")) {
            return plain(BigDecimal.valueOf(value).movePointRight(2)) + "%";
        }
        return plain(BigDecimal.valueOf(value));
    }

    public static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static long key(int row, int column) {
        return ((long) row << 20) | column;
    }
}
