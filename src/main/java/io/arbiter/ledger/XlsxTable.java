package io.arbiter.ledger;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.jspecify.annotations.Nullable;

/**
 * The first sheet of an XLSX workbook. Date cells are read as dates and number cells as their exact value, whatever
 * their display format; text cells as shown. POI keeps the workbook in memory: exports of hundreds of thousands of rows
 * are better sent as CSV, which is streamed.
 */
final class XlsxTable implements Table {

    private final Workbook workbook;
    private final Iterator<org.apache.poi.ss.usermodel.Row> rows;
    private final int lastRow;
    private final DataFormatter formatter = new DataFormatter();
    private final List<String> header;
    private long current;

    private XlsxTable(Workbook workbook) {
        this.workbook = workbook;
        Sheet sheet = workbook.getSheetAt(0);
        this.rows = sheet.rowIterator();
        this.lastRow = Math.max(1, sheet.getLastRowNum() + 1);
        Row first = next();
        this.header = first == null ? List.of() : first.cells();
    }

    static XlsxTable open(Path file) throws IOException {
        try {
            return new XlsxTable(WorkbookFactory.create(file.toFile(), null, true));
        } catch (RuntimeException e) {
            throw new UnreadableFile("The file looks like an XLSX workbook but cannot be opened: " + e.getMessage(), 1);
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public @Nullable Row next() {
        while (rows.hasNext()) {
            org.apache.poi.ss.usermodel.Row row = rows.next();
            current = row.getRowNum() + 1L;
            int width = Math.max(0, row.getLastCellNum());
            List<String> cells = new ArrayList<>(width);
            boolean empty = true;
            for (int i = 0; i < width; i++) {
                String value = text(row.getCell(i));
                cells.add(value);
                empty &= value.isEmpty();
            }
            if (!empty) {
                return new Row(current, cells);
            }
        }
        return null;
    }

    private String text(@Nullable Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == CellType.NUMERIC) {
            if (DateUtil.isCellDateFormatted(cell)) {
                return cell.getLocalDateTimeCellValue().toLocalDate().toString();
            }
            // A number cell holds what a formula computed (an amount × 1.2 has more decimals than the cell shows):
            // to the cent, as the sheet shows it; there is no separator in it to misread.
            String number = NumberToTextConverter.toText(cell.getNumericCellValue());
            BigDecimal value = new BigDecimal(number);
            return value.scale() > 2 ? value.setScale(2, RoundingMode.HALF_UP).toPlainString() : number;
        }
        if (type == CellType.STRING) {
            return cell.getStringCellValue().trim();
        }
        if (type == CellType.BLANK || type == CellType.ERROR) {
            return "";
        }
        return formatter.formatCellValue(cell).trim();
    }

    @Override
    public int percent() {
        return (int) Math.min(100, current * 100 / lastRow);
    }

    @Override
    public String description() {
        return "XLSX, first sheet '" + workbook.getSheetName(0) + "'";
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }
}
