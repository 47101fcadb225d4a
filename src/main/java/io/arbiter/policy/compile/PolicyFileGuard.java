package io.arbiter.policy.compile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.CellValue;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import io.arbiter.policy.PolicyLoadException;
import io.arbiter.policy.PolicyProblem;

/**
 * Looks at an uploaded file before Drools does, so that a hostile or broken one is refused with a precise message
 * rather than an exception, an out-of-memory or a surprise:
 * <ul>
 * <li>a {@code .drl.xlsx} must be a complete zip (not truncated) that does not inflate beyond 50 MB
 * bytes nor more than 100 times its size, nor hold more than 1,000 entries ({@link BoundedZip}); a {@code .drl.xls} must be an Excel 97-2003
 * file, not an {@code .xlsx} renamed;</li>
 * <li>formulas are evaluated, as Drools does, and their value is what the rule gets; a formula that Excel cannot
 * evaluate here (an error such as {@code #DIV/0!}, a link to another workbook) or whose value changes by itself
 * ({@code TODAY()}, {@code NOW()}, {@code RAND()}, {@code INDIRECT()}, {@code OFFSET()}) is refused;</li>
 * <li>a hidden sheet holding a RuleSet or RuleTable, and hidden rows or columns holding cells on a rule sheet, are
 * refused: nobody should be surprised by rules they cannot see;</li>
 * <li>a header keyword merged across columns (a CONDITION or ACTION cell spanning two columns) is refused: each
 * column of a RuleTable needs its own keyword;</li>
 * <li>a {@code .drl.csv} is read as UTF-8; when it is not valid UTF-8 it is read as Windows-1252 (what Excel saves
 * as "CSV" on Windows); a CSV separated by {@code ;} is refused, naming its line.</li>
 * </ul>
 */
public final class PolicyFileGuard {

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    private static final Pattern VOLATILE = Pattern.compile("\\b(TODAY|NOW|RAND|RANDBETWEEN|RANDARRAY|INDIRECT|OFFSET|INFO|CELL)\\s*\\(",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern KEYWORD = Pattern.compile("(?i)CONDITION|ACTION|METADATA|DESCRIPTION|NAME|PRIORITY|SALIENCE"
            + "|ACTIVATION-GROUP|AGENDA-GROUP|NO-LOOP|TIMER|DURATION|ENABLED|DATE-EFFECTIVE|DATE-EXPIRES|RULEFLOW-GROUP");

    private PolicyFileGuard() {
    }

    /** Problems with a workbook's bytes that must be known before it is opened; empty when it may be opened. */
    static List<PolicyProblem> inspectBytes(PolicyFile file) {
        byte[] content = file.content();
        boolean xlsx = file.name().toLowerCase(Locale.ROOT).endsWith(".xlsx");
        if (startsWith(content, OLE2)) {
            return xlsx ? List.of(new PolicyProblem(file.name(), null, null, "is an Excel 97-2003 workbook or a "
                    + "password-protected one, not an .xlsx: save it in Excel as 'Excel Workbook (.xlsx)' without a password"))
                    : List.of();
        }
        if (!startsWith(content, ZIP)) {
            return List.of(new PolicyProblem(file.name(), null, null, "is not an Excel workbook (an ." + (xlsx ? "xlsx" : "xls")
                    + " file starts with " + (xlsx ? "'PK'" : "the OLE2 signature") + "); save it in Excel as "
                    + (xlsx ? "'Excel Workbook (.xlsx)'" : "'Excel 97-2003 Workbook (.xls)'")));
        }
        if (!xlsx) {
            return List.of(new PolicyProblem(file.name(), null, null,
                    "is an .xlsx workbook named .xls: rename it to " + file.name().replaceAll("(?i)\\.xls$", ".xlsx")));
        }
        int entries;
        try {
            entries = BoundedZip.inflate(content).size();
        } catch (BoundedZip.TooLarge e) {
            return List.of(new PolicyProblem(file.name(), null, null, e.getMessage()));
        } catch (IOException e) {
            return List.of(damaged(file, e.getMessage()));
        }
        if (entries == 0 || !hasEndOfCentralDirectory(content)) {
            return List.of(damaged(file, "the end of the file is missing"));
        }
        return List.of();
    }

    /**
     * Opens a workbook whose bytes {@link #inspectBytes} accepted: an {@code .xls} as Excel 97-2003, an {@code .xlsx}
     * from its entries inflated within {@link BoundedZip}'s limits.
     */
    public static Workbook open(PolicyFile file) throws IOException {
        if (startsWith(file.content(), OLE2)) {
            return WorkbookFactory.create(new ByteArrayInputStream(file.content()));
        }
        try {
            return new XSSFWorkbook(OPCPackage.open(BoundedZip.source(BoundedZip.inflate(file.content()))));
        } catch (BoundedZip.TooLarge e) {
            throw new PolicyLoadException(List.of(new PolicyProblem(file.name(), null, null, e.getMessage())));
        } catch (InvalidFormatException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static PolicyProblem damaged(PolicyFile file, String why) {
        return new PolicyProblem(file.name(), null, null, "is truncated or damaged (" + why
                + "): upload the workbook again, as saved by Excel");
    }

    /** What Excel shows but Drools would read silently or differently: formulas, hidden sheets, rows and columns, merges. */
    static List<PolicyProblem> inspectWorkbook(PolicyFile file, Workbook workbook) {
        List<PolicyProblem> problems = new ArrayList<>();
        FormulaEvaluator evaluator = workbook.getCreationHelper().createFormulaEvaluator();
        for (int s = 0; s < workbook.getNumberOfSheets(); s++) {
            Sheet sheet = workbook.getSheetAt(s);
            String name = sheet.getSheetName();
            if (ScenarioSheets.isScenarioSheet(sheet)) {
                continue;
            }
            boolean rules = false;
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.STRING) {
                        String text = cell.getStringCellValue().strip().toLowerCase(Locale.ROOT);
                        rules |= text.equals("ruleset") || text.startsWith("ruletable");
                    }
                }
            }
            if (!rules) {
                continue;
            }
            if (workbook.isSheetHidden(s) || workbook.isSheetVeryHidden(s)) {
                problems.add(new PolicyProblem(file.name(), name, null, "is a hidden sheet holding rules: unhide it in "
                        + "Excel (or delete it), so that nobody is surprised by rules they cannot see"));
                continue;
            }
            for (Row row : sheet) {
                boolean hiddenRow = row.getZeroHeight();
                for (Cell cell : row) {
                    String at = new CellReference(cell).formatAsString(false);
                    boolean blank = cell.getCellType() == CellType.BLANK
                            || cell.getCellType() == CellType.STRING && cell.getStringCellValue().isBlank();
                    if (!blank && (hiddenRow || sheet.isColumnHidden(cell.getColumnIndex()))) {
                        problems.add(new PolicyProblem(file.name(), name, at, "is in a hidden " + (hiddenRow ? "row" : "column")
                                + " but holds '" + preview(cell) + "': unhide it in Excel (or delete it), so that nobody is "
                                + "surprised by rules they cannot see"));
                    }
                    if (cell.getCellType() == CellType.FORMULA) {
                        formula(file, name, at, cell, evaluator, problems);
                    }
                }
            }
            for (CellRangeAddress merged : sheet.getMergedRegions()) {
                if (merged.getFirstColumn() == merged.getLastColumn()) {
                    continue;
                }
                Row row = sheet.getRow(merged.getFirstRow());
                Cell first = row == null ? null : row.getCell(merged.getFirstColumn());
                String text = first == null || first.getCellType() != CellType.STRING ? "" : first.getStringCellValue().strip();
                if (KEYWORD.matcher(text).matches()) {
                    problems.add(new PolicyProblem(file.name(), name, merged.formatAsString(), "merges '" + text
                            + "' across columns: each column of a RuleTable needs its own header cell, so unmerge them"));
                }
            }
        }
        return problems;
    }

    private static void formula(PolicyFile file, String sheet, String at, Cell cell, FormulaEvaluator evaluator,
            List<PolicyProblem> problems) {
        String formula;
        try {
            formula = cell.getCellFormula();
        } catch (RuntimeException e) {
            problems.add(new PolicyProblem(file.name(), sheet, at, "holds a formula that cannot be read (" + e.getMessage() + ")"));
            return;
        }
        if (VOLATILE.matcher(formula).find() || formula.contains("[")) {
            problems.add(new PolicyProblem(file.name(), sheet, at, "holds the formula =" + formula + ", whose value changes "
                    + "by itself or comes from another workbook; type the value instead"));
            return;
        }
        try {
            CellValue value = evaluator.evaluate(cell);
            if (value == null || value.getCellType() == CellType.ERROR) {
                problems.add(new PolicyProblem(file.name(), sheet, at, "holds the formula =" + formula
                        + ", which evaluates to an error in Excel; fix it or type the value instead"));
            }
        } catch (RuntimeException e) {
            problems.add(new PolicyProblem(file.name(), sheet, at, "holds the formula =" + formula
                    + ", which cannot be evaluated here (" + e.getMessage() + "); type the value instead"));
        }
    }

    private static String preview(Cell cell) {
        String text = cell.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /**
     * A CSV table's text as UTF-8: as it is when it is valid UTF-8 (a BOM removed), else read as Windows-1252. A table
     * whose first non-empty line is separated by ';' rather than ',' is refused, naming that line.
     */
    static byte[] csvAsUtf8(PolicyFile file) {
        byte[] content = file.content();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            text = new String(content, Charset.forName("windows-1252"));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            if (line.indexOf(';') >= 0 && line.indexOf(',') < 0) {
                throw new PolicyLoadException(List.of(new PolicyProblem(file.name(), null, "line " + (i + 1), "is separated by "
                        + "';', not ',' (Excel in a French or German locale): save it as 'CSV UTF-8 (comma delimited)', "
                        + "or as .xlsx")));
            }
            break;
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasEndOfCentralDirectory(byte[] content) {
        for (int i = content.length - 22; i >= Math.max(0, content.length - 22 - 65535); i--) {
            if (content[i] == 'P' && content[i + 1] == 'K' && content[i + 2] == 5 && content[i + 3] == 6) {
                return true;
            }
        }
        return false;
    }
}
