package io.arbiter.ledger.tables;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.jspecify.annotations.Nullable;

/**
 * The first sheet of an XLSX workbook, read row by row from its XML as a CSV file is: POI's workbook model holds every
 * cell as objects, and needed more than 2 GB of heap for an export of 300,000 invoices. Only the shared strings (the
 * text cells' values) and the styles are held. Date cells are read as dates and number cells as their value (rounded
 * to the cent), whatever their display format; text cells as written; formulas by the result the workbook saved.
 */
final class XlsxTable implements Table {

    private final OPCPackage workbook;
    private final InputStream sheet;
    private final XMLStreamReader xml;
    private final ReadOnlySharedStringsTable strings;
    private final @Nullable StylesTable styles;
    private final boolean date1904;
    private final String sheetName;
    private final List<String> header;
    /** Whether each style (by its index) shows a date: a workbook has a few styles and hundreds of thousands of cells. */
    private final Map<String, Boolean> dateStyles = new HashMap<>();
    private long lastRow = 1;
    private long current;

    private XlsxTable(OPCPackage workbook) throws Exception {
        this.workbook = workbook;
        XSSFReader reader = new XSSFReader(workbook);
        this.strings = new ReadOnlySharedStringsTable(workbook, false);
        this.styles = reader.getStylesTable();
        this.date1904 = date1904(reader);
        XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
        this.sheet = sheets.next();
        this.sheetName = sheets.getSheetName();
        this.xml = XMLHelper.newXMLInputFactory().createXMLStreamReader(sheet);
        Row first = next();
        this.header = first == null ? List.of() : first.cells();
    }

    static XlsxTable open(Path file) throws IOException {
        OPCPackage workbook = null;
        try {
            workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
            return new XlsxTable(workbook);
        } catch (Exception e) {
            if (workbook != null) {
                workbook.revert();
            }
            throw new UnreadableFile("The file looks like an XLSX workbook but cannot be opened: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), 1);
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public @Nullable Row next() {
        try {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                    if (is("row")) {
                        String number = xml.getAttributeValue(null, "r");
                        current = number == null ? current + 1 : Long.parseLong(number);
                        List<String> cells = cells();
                        if (cells.stream().anyMatch(cell -> !cell.isEmpty())) {
                            return new Row(current, cells);
                        }
                    } else if (is("dimension")) {
                        lastRow = lastRow(xml.getAttributeValue(null, "ref"));
                    }
                }
            }
            return null;
        } catch (XMLStreamException | RuntimeException e) {
            throw new UnreadableFile("The workbook cannot be read after row " + current + ": " + e.getMessage(), current + 1);
        }
    }

    /** The cells of the row the reader is at, up to its end; a cell left out (empty) is an empty string. */
    private List<String> cells() throws XMLStreamException {
        List<String> cells = new ArrayList<>();
        while (xml.next() != XMLStreamConstants.END_ELEMENT || !is("row")) {
            if (xml.isStartElement() && is("c")) {
                String reference = xml.getAttributeValue(null, "r");
                int column = reference == null ? cells.size() : column(reference);
                String type = xml.getAttributeValue(null, "t");
                String style = xml.getAttributeValue(null, "s");
                String value = value(type, style);
                while (cells.size() < column) {
                    cells.add("");
                }
                cells.add(value);
            }
        }
        return cells;
    }

    /** The column index of a cell reference such as {@code AB12}: 27. */
    private static int column(String reference) {
        int column = 0;
        for (int i = 0; i < reference.length() && Character.isLetter(reference.charAt(i)); i++) {
            column = column * 26 + Character.toUpperCase(reference.charAt(i)) - 'A' + 1;
        }
        return column - 1;
    }

    /** A cell's value as text, the reader being at its start; leaves the reader at its end. */
    private String value(@Nullable String type, @Nullable String style) throws XMLStreamException {
        StringBuilder saved = new StringBuilder();
        StringBuilder inline = new StringBuilder();
        int phonetic = 0;
        while (xml.next() != XMLStreamConstants.END_ELEMENT || !is("c")) {
            if (xml.isStartElement()) {
                if (is("v")) {
                    saved.append(xml.getElementText());
                } else if (is("rPh")) {
                    phonetic++;
                } else if (is("t") && phonetic == 0) {
                    // An inline string (<is>), in runs when its text is formatted; phonetic guides (<rPh>) are not text.
                    inline.append(xml.getElementText());
                }
            } else if (xml.isEndElement() && is("rPh")) {
                phonetic--;
            }
        }
        String v = saved.toString();
        return switch (type == null ? "n" : type) {
            case "s" -> v.isEmpty() ? "" : strings.getItemAt(Integer.parseInt(v.strip())).getString().trim();
            case "inlineStr" -> inline.toString().trim();
            case "str" -> v.trim();
            case "b" -> "1".equals(v.strip()) ? "TRUE" : "FALSE";
            case "e" -> "";
            case "d" -> v.length() >= 10 ? v.substring(0, 10) : v;
            default -> v.isBlank() ? "" : number(Double.parseDouble(v), style);
        };
    }

    /**
     * A number cell: a date when its format shows one; else to the cent, as the sheet shows it (an amount × 1.2 has
     * more decimals than the cell shows), with no separator in it to misread.
     */
    private String number(double value, @Nullable String style) {
        if (style != null && dateStyles.computeIfAbsent(style, this::showsDate) && DateUtil.isValidExcelDate(value)) {
            return DateUtil.getLocalDateTime(value, date1904).toLocalDate().toString();
        }
        String number = NumberToTextConverter.toText(value);
        BigDecimal exact = new BigDecimal(number);
        return exact.scale() > 2 ? exact.setScale(2, RoundingMode.HALF_UP).toPlainString() : number;
    }

    private boolean showsDate(String style) {
        XSSFCellStyle cellStyle = styles == null ? null : styles.getStyleAt(Integer.parseInt(style));
        return cellStyle != null && DateUtil.isADateFormat(cellStyle.getDataFormat(), cellStyle.getDataFormatString());
    }

    private boolean is(String element) {
        // By local name only: strict OOXML workbooks name the same elements in another namespace.
        return element.equals(xml.getLocalName());
    }

    /** The last row of a sheet's dimension ({@code A1:I300001}), for the progress; 1 when it does not say. */
    private static long lastRow(@Nullable String dimension) {
        if (dimension == null) {
            return 1;
        }
        String last = dimension.substring(dimension.indexOf(':') + 1).replaceAll("[^0-9]", "");
        return last.isEmpty() ? 1 : Math.max(1, Long.parseLong(last));
    }

    /** Whether the workbook counts its dates from 1904 (old Mac Excel) rather than 1900. */
    private static boolean date1904(XSSFReader reader) throws Exception {
        try (InputStream in = reader.getWorkbookData()) {
            XMLStreamReader xml = XMLHelper.newXMLInputFactory().createXMLStreamReader(in);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && "workbookPr".equals(xml.getLocalName())) {
                    String value = xml.getAttributeValue(null, "date1904");
                    return "1".equals(value) || "true".equals(value);
                }
            }
            return false;
        }
    }

    @Override
    public int percent() {
        return (int) Math.min(100, current * 100 / lastRow);
    }

    @Override
    public String description() {
        return "XLSX, first sheet '" + sheetName + "'";
    }

    @Override
    public void close() throws IOException {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        } finally {
            sheet.close();
            workbook.revert();
        }
    }
}
