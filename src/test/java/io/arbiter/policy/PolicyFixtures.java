package io.arbiter.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;

/** A copy of the shipped policy that a test may break, cell by cell, as a careless edit in Excel would. */
public final class PolicyFixtures {

    private final Path root;

    private PolicyFixtures(Path root) {
        this.root = root;
    }

    public static PolicyFixtures copyOfShippedPolicy(Path into) {
        try {
            for (String directory : new String[] {"decision-tables", "rules"}) {
                Files.createDirectories(into.resolve(directory));
                try (Stream<Path> files = Files.list(Path.of(directory))) {
                    for (Path file : files.toList()) {
                        Files.copy(file, into.resolve(directory).resolve(file.getFileName()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PolicyFixtures(into);
    }

    public Path tables() {
        return root.resolve("decision-tables");
    }

    public Path rules() {
        return root.resolve("rules");
    }

    /** Writes a text value into a cell of a workbook, e.g. {@code ("scoring.drl.xlsx", "Scoring", "D10", "forty")}. */
    public PolicyFixtures setCell(String workbook, String sheetName, String cell, String value) {
        Path file = tables().resolve(workbook);
        try (InputStream in = Files.newInputStream(file); Workbook book = WorkbookFactory.create(in)) {
            Sheet sheet = book.getSheet(sheetName);
            CellReference ref = new CellReference(cell);
            Row row = sheet.getRow(ref.getRow()) == null ? sheet.createRow(ref.getRow()) : sheet.getRow(ref.getRow());
            Cell target = row.getCell(ref.getCol()) == null ? row.createCell(ref.getCol()) : row.getCell(ref.getCol());
            target.setCellValue(value);
            try (OutputStream out = Files.newOutputStream(file)) {
                book.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Inserts a row before this one (1-based), shifting the rows below down, and fills it with these values from column A. */
    public PolicyFixtures insertRow(String workbook, String sheetName, int rowNumber, String... values) {
        return edit(workbook, sheetName, sheet -> {
            sheet.shiftRows(rowNumber - 1, sheet.getLastRowNum(), 1);
            Row row = sheet.createRow(rowNumber - 1);
            for (int c = 0; c < values.length; c++) {
                if (values[c] != null) {
                    row.createCell(c).setCellValue(values[c]);
                }
            }
        });
    }

    /** Removes a row (1-based), shifting the rows below up. */
    public PolicyFixtures removeRow(String workbook, String sheetName, int rowNumber) {
        return edit(workbook, sheetName, sheet -> {
            sheet.removeRow(sheet.getRow(rowNumber - 1));
            sheet.shiftRows(rowNumber, sheet.getLastRowNum(), -1);
        });
    }

    private PolicyFixtures edit(String workbook, String sheetName, java.util.function.Consumer<Sheet> edit) {
        Path file = tables().resolve(workbook);
        try (InputStream in = Files.newInputStream(file); Workbook book = WorkbookFactory.create(in)) {
            edit.accept(book.getSheet(sheetName));
            try (OutputStream out = Files.newOutputStream(file)) {
                book.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public PolicyFixtures write(String directory, String name, byte[] content) {
        try {
            Files.write(root.resolve(directory).resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
