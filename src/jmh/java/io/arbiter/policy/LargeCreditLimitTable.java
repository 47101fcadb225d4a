package io.arbiter.policy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import io.arbiter.policy.compile.PolicyFile;

/**
 * A generated {@code credit-limits.drl.xlsx} in the shipped format, of any size: the shipped table's 25 segment × risk
 * class rows, each split into turnover bands ({@code turnover >= from}, {@code turnover < below}, the last band open),
 * so that every customer matches exactly one row whatever the number of rows. A band's internal limit grows with the
 * turnover; {@code variant} raises every limit by that many percent, so that two variants are two different versions
 * of the same table (what a finance team uploading a changed table produces). A {@code Tests} sheet holds three
 * scenarios whose expected limits follow from the same formula, so uploads run scenarios as real ones do.
 *
 * <p>It replaces the shipped file of the same name: the other tables, their scenarios and the hard stops stay as
 * shipped, and the policy has the same five stages.
 */
public final class LargeCreditLimitTable {

    public static final String FILE_NAME = "credit-limits.drl.xlsx";

    private static final String[] SEGMENTS = {"KEY_ACCOUNT", "SME", "MICRO", "PUBLIC_SECTOR", "NEW_CUSTOMER"};
    private static final String[] CLASSES = {"A", "B", "C", "D", "E"};
    /** The shipped internal limits, by segment then class: the first band of each pair keeps them. */
    private static final long[][] BASE = {
            {500_000, 300_000, 150_000, 50_000, 0},
            {150_000, 80_000, 40_000, 15_000, 0},
            {30_000, 15_000, 8_000, 3_000, 0},
            {300_000, 200_000, 100_000, 50_000, 20_000},
            {20_000, 10_000, 5_000, 2_000, 0}};
    private static final double[][] FACTOR = {
            {1.0, 1.0, 0.8, 0.5, 0.0},
            {1.0, 1.0, 0.8, 0.5, 0.0},
            {1.0, 0.8, 0.6, 0.5, 0.0},
            {1.0, 1.0, 1.0, 1.0, 1.0},
            {1.0, 0.8, 0.5, 0.5, 0.0}};
    private static final long BAND = 250_000;
    private static final int FIRST_RULE_ROW = 10; // 1-based, as in the shipped table

    private LargeCreditLimitTable() {
    }

    /** The workbook with {@code rows} rules (a multiple of 25, at least 25). */
    public static byte[] workbook(int rows, int variant) {
        int bands = bands(rows);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("CreditLimits");
            row(sheet, 0, "RuleSet", "arbiter.creditlimit");
            row(sheet, 1, "Import", "io.arbiter.policy.Segment, io.arbiter.policy.Rating, io.arbiter.policy.Applicant");
            row(sheet, 2, "Variables", "io.arbiter.policy.LimitResult limit");
            row(sheet, 4, "RuleTable CreditLimits");
            row(sheet, 5, "CONDITION", "CONDITION", "CONDITION", "CONDITION", "ACTION", "ACTION", "ACTION", "DESCRIPTION");
            // Every cell of a merged range must exist for the object type to span both turnover columns.
            row(sheet, 6, "Segment", "Rating", "Applicant", "", "", "", "", "");
            sheet.addMergedRegion(new CellRangeAddress(6, 6, 2, 3));
            row(sheet, 7, "name == \"$param\"", "riskClass == \"$param\"", "turnover >= $param", "turnover < $param",
                    "limit.internal($param);", "limit.bureauFactor($param);", "limit.reviewTolerancePercent($param);");
            row(sheet, 8, "Segment", "Risk class", "Turnover from (€)", "Turnover below (€)", "Internal limit (€)",
                    "Share of bureau limit", "Review tolerance above limit (%)", "Description (shown in decisions)");
            int r = FIRST_RULE_ROW - 1;
            for (int s = 0; s < SEGMENTS.length; s++) {
                for (int c = 0; c < CLASSES.length; c++) {
                    for (int band = 0; band < bands; band++) {
                        Row row = sheet.createRow(r++);
                        row.createCell(0).setCellValue(SEGMENTS[s]);
                        row.createCell(1).setCellValue(CLASSES[c]);
                        row.createCell(2).setCellValue(band * BAND);
                        if (band < bands - 1) {
                            row.createCell(3).setCellValue((band + 1) * BAND);
                        }
                        row.createCell(4).setCellValue(limit(s, c, band, variant));
                        row.createCell(5).setCellValue(FACTOR[s][c]);
                        row.createCell(6).setCellValue(c < 3 ? 10.0 : c == 3 ? 5.0 : 0.0);
                        row.createCell(7).setCellValue(String.format(Locale.ROOT, "%s, class %s, turnover €%,d %s",
                                SEGMENTS[s], CLASSES[c], band * BAND,
                                band < bands - 1 ? "to under €" + String.format(Locale.ROOT, "%,d", (band + 1) * BAND) : "or more"));
                    }
                }
            }
            Sheet tests = workbook.createSheet("Tests");
            row(tests, 0, "Scenario", "segment", "riskClass", "turnover", "seniorityMonths", "Expected internal limit");
            scenario(tests, 1, "SME class B, first turnover band", 1, 1, 0, variant, bands);
            scenario(tests, 2, "Key account class A, middle band", 0, 0, bands / 2, variant, bands);
            scenario(tests, 3, "Public buyer class C, open last band", 3, 2, bands - 1, variant, bands);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped policy folders with the shipped credit-limit table replaced by a generated one. */
    public static List<PolicyFile> policy(Path tables, Path rules, int rows, int variant) {
        List<PolicyFile> files = new ArrayList<>();
        for (Path directory : List.of(tables, rules)) {
            try (var paths = java.nio.file.Files.list(directory)) {
                paths.filter(p -> p.getFileName().toString().contains(".drl")).sorted()
                        .filter(p -> !p.getFileName().toString().equals(FILE_NAME))
                        .forEach(p -> files.add(PolicyFile.read(p)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        files.add(new PolicyFile(FILE_NAME, workbook(rows, variant)));
        return files;
    }

    private static int bands(int rows) {
        int combinations = SEGMENTS.length * CLASSES.length;
        if (rows < combinations || rows % combinations != 0) {
            throw new IllegalArgumentException("rows must be a positive multiple of " + combinations + ": " + rows);
        }
        return rows / combinations;
    }

    private static long limit(int segment, int riskClass, int band, int variant) {
        return BASE[segment][riskClass] * (100 + band + variant) / 100;
    }

    private static void scenario(Sheet sheet, int r, String name, int segment, int riskClass, int band, int variant,
            int bands) {
        Row row = sheet.createRow(r);
        row.createCell(0).setCellValue(name);
        row.createCell(1).setCellValue(SEGMENTS[segment]);
        row.createCell(2).setCellValue(CLASSES[riskClass]);
        row.createCell(3).setCellValue(band * BAND + (band < bands - 1 ? BAND / 2 : 1_000_000_000L));
        row.createCell(4).setCellValue(36);
        row.createCell(5).setCellValue(limit(segment, riskClass, band, variant));
    }

    private static void row(Sheet sheet, int index, String... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
    }
}
