package io.arbiter.policy.analysis;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.drools.template.model.SnippetBuilder;
import org.jspecify.annotations.Nullable;

import io.arbiter.policy.Applicant;
import io.arbiter.policy.RatingResult;

/**
 * One condition column of a RuleTable as the gap and overlap analysis sees it: the fact field it constrains, the
 * values that field can take, and the region of those values each rule row accepts.
 */
final class ConditionColumns {

    private static final Set<String> OPERATORS = Set.of("==", "=", "!=", "<", ">", "<=", ">=", "contains", "matches",
            "memberOf", "str[startsWith]", "str[endsWith]", "str[length]");

    private ConditionColumns() {
    }

    record Column(AnalysedTable.Dimension dimension, Map<Integer, Region> regions) {
    }

    /**
     * Reads one condition column as Drools builds it: a template with {@code $param} (or {@code $1, $2}), a bare field
     * ({@code name}: {@code name == "cell"}) or a field and operator ({@code age >}: {@code age > "cell"}).
     */
    static Column read(String objectType, String template, int column, List<Integer> ruleRows,
            Map<Integer, Map<Integer, String>> cells, List<String> imports, Map<String, Set<String>> produced) {
        String code = template.trim();
        boolean quoted = false;
        SnippetBuilder.SnippetType type = SnippetBuilder.getType(code);
        if (type == SnippetBuilder.SnippetType.FORALL) {
            throw new IllegalArgumentException("its template uses forall(...)");
        }
        if (type == SnippetBuilder.SnippetType.SINGLE) {
            quoted = true;
            code = OPERATORS.stream().anyMatch(code::endsWith) ? code + " \"$param\"" : code + " == \"$param\"";
        }
        SnippetBuilder builder = new SnippetBuilder(code);
        String field = null;
        Map<Integer, List<Constraints.Comparison>> parsed = new LinkedHashMap<>();
        for (int row : ruleRows) {
            String value = cells.getOrDefault(row, Map.of()).get(column);
            if (value == null) {
                continue;
            }
            if (quoted && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            String constraint = builder.build(value);
            List<Constraints.Comparison> comparisons = Constraints.parse(constraint).orElseThrow(() ->
                    new IllegalArgumentException("'" + constraint + "' is not a comparison of a field with values"));
            for (Constraints.Comparison comparison : comparisons) {
                if (field != null && !field.equals(comparison.field())) {
                    throw new IllegalArgumentException("it compares both " + field + " and " + comparison.field());
                }
                field = comparison.field();
            }
            parsed.put(row, comparisons);
        }
        if (field == null) {
            Optional<List<Constraints.Comparison>> shape = Constraints.parse(code.replace("$param", "0").replaceAll("\\$\\d+", "0"));
            field = shape.flatMap(c -> c.stream().findFirst()).map(Constraints.Comparison::field)
                    .orElseThrow(() -> new IllegalArgumentException("its template is not a comparison of a field"));
        }
        Class<?> fact = factClass(objectType, imports);
        Class<?> fieldType = fact == null ? null : fieldType(fact, field);
        String label = fact == Applicant.class ? field : objectType + "." + field;
        String key = (fact == null ? objectType : fact.getSimpleName()) + "." + field;
        boolean numeric;
        boolean whole;
        if (fieldType != null) {
            numeric = isNumber(fieldType);
            whole = numeric && isWhole(fieldType);
            if (!numeric && fieldType != String.class && fieldType != boolean.class && fieldType != Boolean.class && !fieldType.isEnum()) {
                throw new IllegalArgumentException(field + " is a " + fieldType.getSimpleName() + ", neither a number nor a value from a list");
            }
        } else {
            numeric = parsed.values().stream().flatMap(List::stream).flatMap(c -> c.literals().stream())
                    .allMatch(l -> !l.quoted() && isNumber(l.text()));
            whole = numeric && parsed.values().stream().flatMap(List::stream).flatMap(c -> c.literals().stream())
                    .allMatch(l -> l.text().matches("-?[0-9]+"));
        }
        Map<Integer, Region> regions = new LinkedHashMap<>();
        for (var entry : parsed.entrySet()) {
            Region region = numeric ? Region.Ranges.ALL : Region.Values.ALL;
            for (Constraints.Comparison comparison : entry.getValue()) {
                region = region.intersect(numeric ? ranges(comparison, whole) : values(comparison));
            }
            regions.put(entry.getKey(), region);
        }
        Region domain;
        boolean closed;
        List<String> order = List.of();
        if (numeric) {
            domain = numericDomain(fact, key, whole, regions.values());
            closed = true;
        } else {
            order = closedValues(fieldType, key, produced);
            closed = order != null;
            domain = closed ? Region.Values.only(order) : Region.Values.ALL;
            if (order == null) {
                order = List.of();
            }
        }
        return new Column(new AnalysedTable.Dimension(label, numeric, whole, domain, closed, order), regions);
    }

    /**
     * Every number the policy's own facts carry is a count, an amount, months, days, a grade or a score: none is
     * negative, and grades, scores and percentages stop at 100. For facts declared elsewhere, the analysis starts
     * from the lowest bound the rows use, so as not to report values the table's author never expects.
     */
    private static Region numericDomain(@Nullable Class<?> fact, String key, boolean whole, java.util.Collection<Region> rows) {
        Region.Cut from;
        if (fact != null) {
            from = Region.Cut.before(BigDecimal.ZERO);
        } else {
            from = rows.stream().map(r -> ((Region.Ranges) r).ranges()).filter(r -> !r.isEmpty())
                    .map(r -> r.getFirst().from()).min(Region.Cut::compareTo).orElse(Region.Cut.BOTTOM);
            if (rows.stream().anyMatch(r -> ((Region.Ranges) r).ranges().isEmpty())) {
                from = Region.Cut.BOTTOM;
            }
        }
        Region.Cut to = Set.of("Applicant.bureauGrade", "Applicant.overduePercent", "Score.total").contains(key)
                ? Region.Cut.after(BigDecimal.valueOf(100)) : Region.Cut.TOP;
        Region.Ranges domain = Region.Ranges.of(new Region.Range(from, to));
        return whole ? domain.whole() : domain;
    }

    private static @Nullable List<String> closedValues(@Nullable Class<?> type, String key, Map<String, Set<String>> produced) {
        if (type == boolean.class || type == Boolean.class) {
            return List.of("true", "false");
        }
        if (type != null && type.isEnum()) {
            return java.util.Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
        }
        return switch (key) {
            case "Rating.riskClass" -> RatingResult.RISK_CLASSES.stream().sorted().toList();
            case "Applicant.companyStatus" -> List.of("ACTIVE", "INSOLVENCY_PROCEEDINGS", "CEASED", "UNKNOWN");
            case "Applicant.bureauLookup" -> List.of("FRESH", "STALE", "NOT_FOUND", "UNAVAILABLE", "NONE");
            default -> produced.containsKey(key) ? List.copyOf(produced.get(key)) : null;
        };
    }

    private static Region ranges(Constraints.Comparison comparison, boolean whole) {
        List<BigDecimal> numbers = comparison.literals().stream().map(l -> {
            if (!isNumber(l.text())) {
                throw new IllegalArgumentException("'" + l.text() + "' is not a number");
            }
            return new BigDecimal(l.text());
        }).toList();
        BigDecimal v = numbers.getFirst();
        Region.Ranges points = new Region.Ranges(numbers.stream()
                .map(n -> new Region.Range(Region.Cut.before(n), Region.Cut.after(n))).toList());
        Region.Ranges region = switch (comparison.op()) {
            case ">=" -> Region.Ranges.of(new Region.Range(Region.Cut.before(v), Region.Cut.TOP));
            case ">" -> Region.Ranges.of(new Region.Range(Region.Cut.after(v), Region.Cut.TOP));
            case "<" -> Region.Ranges.of(new Region.Range(Region.Cut.BOTTOM, Region.Cut.before(v)));
            case "<=" -> Region.Ranges.of(new Region.Range(Region.Cut.BOTTOM, Region.Cut.after(v)));
            case "==", "in" -> Region.Ranges.of(points.ranges().toArray(new Region.Range[0]));
            case "!=", "notin" -> Region.Ranges.of(points.ranges().toArray(new Region.Range[0])).complement();
            default -> throw new IllegalArgumentException("'" + comparison.op() + "' is not a comparison");
        };
        return whole ? region.whole() : region;
    }

    private static Region values(Constraints.Comparison comparison) {
        List<String> values = comparison.literals().stream().map(Constraints.Literal::text).toList();
        return switch (comparison.op()) {
            case "==", "in" -> Region.Values.only(values);
            case "!=", "notin" -> Region.Values.except(values);
            default -> throw new IllegalArgumentException("'" + comparison.op() + "' does not compare values from a list");
        };
    }

    /** The fact class a column's object type names, if it is one of the policy's own (never loads anything else). */
    private static @Nullable Class<?> factClass(String objectType, List<String> imports) {
        String simple = objectType.replaceAll("\\.\\.\\.$", "").trim();
        for (String imported : imports) {
            String name = imported.trim();
            if (name.startsWith("io.arbiter.policy.") && name.endsWith("." + simple) && !name.contains("*")) {
                try {
                    return Class.forName(name, false, AnalysedTable.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static @Nullable Class<?> fieldType(Class<?> fact, String field) {
        String capitalised = field.isEmpty() ? field : Character.toUpperCase(field.charAt(0)) + field.substring(1);
        for (String name : List.of(field, "get" + capitalised, "is" + capitalised)) {
            try {
                Method method = fact.getMethod(name);
                return method.getReturnType();
            } catch (NoSuchMethodException e) {
                // try the next spelling
            }
        }
        return null;
    }

    private static boolean isNumber(Class<?> type) {
        return Number.class.isAssignableFrom(type) || type == int.class || type == long.class || type == short.class
                || type == byte.class || type == double.class || type == float.class;
    }

    private static boolean isWhole(Class<?> type) {
        return type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class;
    }

    private static boolean isNumber(String text) {
        return text.trim().matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    }

    static @Nullable Integer integer(String text) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
