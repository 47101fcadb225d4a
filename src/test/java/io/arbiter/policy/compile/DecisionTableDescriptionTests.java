package io.arbiter.policy.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import io.arbiter.policy.Reason;

/** Each rule's reason carries the DESCRIPTION cell of its own row, read under its own RuleTable's header. */
class DecisionTableDescriptionTests {

    @Test
    void every_rule_reads_the_description_of_its_own_table_and_row() throws IOException {
        byte[] workbook;
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("Scoring");
            row(sheet, 0, "RuleSet", "arbiter.scoring");
            row(sheet, 1, "Import", "io.arbiter.policy.Applicant");
            row(sheet, 2, "Variables", "io.arbiter.policy.ScoreCard score");
            // First table: the description is the third column.
            row(sheet, 4, "RuleTable Grades");
            row(sheet, 5, "CONDITION", "ACTION", "DESCRIPTION");
            row(sheet, 6, "Applicant");
            row(sheet, 7, "bureauGrade >= $param", "score.add(\"BUREAU_GRADE\", $param);");
            row(sheet, 8, "Grade from", "Points", "Description");
            row(sheet, 9, "80", "40", "Grade 80 or more");
            row(sheet, 10, "0", "10"); // no description: the reason names the row
            // Second table, further right and with its description in another column.
            row(sheet, 12, "", "RuleTable Seniority");
            row(sheet, 13, "", "DESCRIPTION", "CONDITION", "ACTION");
            row(sheet, 14, "", "", "Applicant");
            row(sheet, 15, "", "", "seniorityMonths >= $param", "score.add(\"SENIORITY\", $param);");
            row(sheet, 16, "", "Description", "Months from", "Points");
            row(sheet, 17, "", "Customer for five years", "60", "10");
            row(sheet, 18, "", "Customer for a year", "12", "5");
            book.write(out);
            workbook = out.toByteArray();
        }

        List<RuleSource> sources = DecisionTableReader.read(new PolicyFile("scoring.drl.xlsx", workbook));

        Map<String, Reason> reasons = sources.getFirst().reasons();
        assertThat(reasons.values()).extracting(Reason::row, Reason::description).containsExactly(
                org.assertj.core.groups.Tuple.tuple(10, "Grade 80 or more"),
                org.assertj.core.groups.Tuple.tuple(11, "row 11"),
                org.assertj.core.groups.Tuple.tuple(18, "Customer for five years"),
                org.assertj.core.groups.Tuple.tuple(19, "Customer for a year"));
    }

    private static void row(Sheet sheet, int index, String... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            if (!values[i].isEmpty()) {
                row.createCell(i).setCellValue(values[i]);
            }
        }
    }
}
