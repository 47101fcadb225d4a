package io.arbiter.bureau.providers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.arbiter.bureau.SolvencyReport;

/**
 * How each provider's own score becomes the common 0–100 grade (the band then follows from
 * {@link SolvencyReport#bandOf(int)}). A table per provider name, each row mapping an inclusive range of the provider's
 * scores to one common grade. Tables are checked when Arbiter starts, so a mistyped row never reaches a decision.
 *
 * @param tables rows per provider name, e.g. {@code tables.riskgrade[0] = {from: 1, to: 1, grade: 95}}
 */
@ConfigurationProperties("arbiter.bureau.normalisation")
record NormalisationProperties(@DefaultValue Map<String, List<Row>> tables) {

    /** Provider scores {@code from} to {@code to}, both included, get the common {@code grade}. */
    record Row(int from, int to, int grade) {

        boolean covers(int score) {
            return from <= score && score <= to;
        }

        @Override
        public String toString() {
            return "{from: " + from + ", to: " + to + ", grade: " + grade + "}";
        }
    }

    NormalisationProperties {
        tables.forEach(NormalisationProperties::check);
        tables = Map.copyOf(tables);
    }

    private static void check(String provider, List<Row> rows) {
        String where = "arbiter.bureau.normalisation.tables." + provider;
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(where + " has no rows");
        }
        List<Row> seen = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String named = where + "[" + i + "] " + row;
            if (row.from() > row.to()) {
                throw new IllegalArgumentException(named + ": 'from' is greater than 'to'");
            }
            if (row.grade() < 0 || row.grade() > 100) {
                throw new IllegalArgumentException(named + ": the grade must be within 0–100");
            }
            for (int j = 0; j < seen.size(); j++) {
                Row other = seen.get(j);
                if (row.from() <= other.to() && other.from() <= row.to()) {
                    throw new IllegalArgumentException(named + " overlaps " + where + "[" + j + "] " + other
                            + ": a provider score must have one grade");
                }
            }
            seen.add(row);
        }
    }
}
