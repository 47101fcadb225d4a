package io.arbiter.limits.insurance;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.arbiter.ledger.tables.Table;
import io.arbiter.ledger.tables.Values;

/**
 * An insurer's cover decisions as its portal exports them (CSV with any separator, or XLSX), read by their column
 * names in English or French, whatever their order: buyer identifier, country, decision type, amount, currency,
 * effective and expiry dates, insurer reference. Each problem names its row and column.
 */
final class CoverFile {

    /** One decision as read; {@code company} is resolved later. */
    record Line(int row, String buyer, String country, String decision, BigDecimal amount, String currency,
            LocalDate effectiveFrom, @Nullable LocalDate expiresOn, String reference) {
    }

    record Problem(int row, String field, String message) {
    }

    private static final Map<String, List<String>> COLUMNS = columns();
    private static final Map<String, String> DECISIONS = decisions();

    private CoverFile() {
    }

    static List<Line> read(Path file, String defaultCurrency, List<Problem> problems) throws IOException {
        List<Line> lines = new ArrayList<>();
        try (Table table = Table.open(file)) {
            Map<String, Integer> at = locate(table.header(), problems);
            if (!problems.isEmpty()) {
                return lines;
            }
            for (Table.Row row = table.next(); row != null; row = table.next()) {
                Line line = line(row, at, defaultCurrency, problems);
                if (line != null) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    private static Map<String, Integer> locate(List<String> header, List<Problem> problems) {
        Map<String, Integer> at = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = key(header.get(i));
            for (var column : COLUMNS.entrySet()) {
                if (column.getValue().contains(name)) {
                    at.putIfAbsent(column.getKey(), i);
                }
            }
        }
        for (String required : List.of("buyer", "decision", "amount", "effectiveFrom", "reference")) {
            if (!at.containsKey(required)) {
                problems.add(new Problem(1, required, "no column for the " + required + " (one of the headers "
                        + String.join(", ", COLUMNS.get(required)) + ")"));
            }
        }
        return at;
    }

    private static @Nullable Line line(Table.Row row, Map<String, Integer> at, String defaultCurrency, List<Problem> problems) {
        int number = (int) row.number();
        int before = problems.size();
        String buyer = cell(row, at, "buyer");
        if (buyer.isEmpty()) {
            problems.add(new Problem(number, "buyer", "is empty: the buyer's registration number (SIREN, SIRET or VAT)"));
        }
        String country = cell(row, at, "country").isEmpty() ? "FR" : cell(row, at, "country").toUpperCase(Locale.ROOT);
        String decision = DECISIONS.get(key(cell(row, at, "decision")));
        if (decision == null) {
            problems.add(new Problem(number, "decision", "'" + cell(row, at, "decision")
                    + "' is not a decision type (FULL, PARTIAL, REDUCED, REFUSED, CANCELLED)"));
        }
        BigDecimal amount = BigDecimal.ZERO;
        String rawAmount = cell(row, at, "amount");
        if (!rawAmount.isEmpty()) {
            try {
                amount = Values.amount(rawAmount);
            } catch (NumberFormatException e) {
                problems.add(new Problem(number, "amount", e.getMessage()));
            }
        } else if (decision != null && !decision.equals("REFUSED") && !decision.equals("CANCELLED")) {
            problems.add(new Problem(number, "amount", "is empty: a " + decision + " cover needs its amount"));
        }
        if (amount.signum() < 0) {
            problems.add(new Problem(number, "amount", "is negative"));
        }
        String currency = cell(row, at, "currency").isEmpty() ? defaultCurrency : cell(row, at, "currency").toUpperCase(Locale.ROOT);
        if (!currency.equals(defaultCurrency)) {
            problems.add(new Problem(number, "currency", "is " + currency + "; covers cap limits in " + defaultCurrency
                    + ", the credit policy's currency"));
        }
        LocalDate effective = date(row, at, "effectiveFrom", problems);
        LocalDate expires = date(row, at, "expiresOn", problems);
        if (effective == null && problems.size() == before) {
            problems.add(new Problem(number, "effectiveFrom", "is empty: the day the decision takes effect"));
        }
        if (effective != null && expires != null && expires.isBefore(effective)) {
            problems.add(new Problem(number, "expiresOn", "is before the effective date " + effective));
        }
        String reference = cell(row, at, "reference");
        if (reference.isEmpty()) {
            problems.add(new Problem(number, "reference", "is empty: the insurer's reference of the decision"));
        }
        return problems.size() > before ? null
                : new Line(number, buyer, country, decision, amount, currency, effective, expires, reference);
    }

    private static @Nullable LocalDate date(Table.Row row, Map<String, Integer> at, String field, List<Problem> problems) {
        String raw = cell(row, at, field);
        if (raw.isEmpty()) {
            return null;
        }
        try {
            return Values.date(raw);
        } catch (RuntimeException e) {
            problems.add(new Problem((int) row.number(), field, e.getMessage()));
            return null;
        }
    }

    private static String cell(Table.Row row, Map<String, Integer> at, String field) {
        Integer index = at.get(field);
        return index == null ? "" : row.cell(index).strip();
    }

    private static String key(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static Map<String, List<String>> columns() {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        columns.put("buyer", List.of("buyerid", "buyer", "registrationnumber", "buyerregistrationnumber", "siren", "siret",
                "companyid", "vatnumber", "identifiantacheteur", "acheteur"));
        columns.put("country", List.of("country", "buyercountry", "pays"));
        columns.put("decision", List.of("decision", "decisiontype", "type", "typededecision"));
        columns.put("amount", List.of("amount", "cover", "coveramount", "creditlimit", "approvedamount", "montant",
                "montantagree", "garantie"));
        columns.put("currency", List.of("currency", "devise"));
        columns.put("effectiveFrom", List.of("effectivedate", "effectivefrom", "validfrom", "startdate", "datedeffet"));
        columns.put("expiresOn", List.of("expirydate", "expireson", "validuntil", "enddate", "datedefin", "datedexpiration"));
        columns.put("reference", List.of("insurerreference", "reference", "decisionreference", "policyreference",
                "referenceassureur"));
        return columns;
    }

    private static Map<String, String> decisions() {
        Map<String, String> decisions = new LinkedHashMap<>();
        for (String word : List.of("full", "total", "agrementtotal", "accorde")) {
            decisions.put(word, "FULL");
        }
        for (String word : List.of("partial", "partiel", "agrementpartiel")) {
            decisions.put(word, "PARTIAL");
        }
        for (String word : List.of("reduced", "reduction", "reduit")) {
            decisions.put(word, "REDUCED");
        }
        for (String word : List.of("refused", "refusal", "refus", "refuse")) {
            decisions.put(word, "REFUSED");
        }
        for (String word : List.of("cancelled", "canceled", "cancellation", "resilie", "annule", "resiliation")) {
            decisions.put(word, "CANCELLED");
        }
        return decisions;
    }
}
