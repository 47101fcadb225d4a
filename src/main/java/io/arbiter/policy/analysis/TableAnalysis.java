package io.arbiter.policy.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.arbiter.policy.PolicyProblem.Severity;

import io.arbiter.policy.PolicyLoadException;
import io.arbiter.policy.PolicyProblem;
import io.arbiter.policy.compile.DecisionTableReader;
import io.arbiter.policy.compile.PolicyFile;
import io.arbiter.policy.compile.RuleSource;

/**
 * Finds, in every RuleTable whose conditions are ranges or lists of values, the inputs no row covers (gaps), the rows
 * that can match the same input and give different results (conflicting overlaps), and the rows that can never fire
 * because higher-priority rows of their activation group take every input they match (unreachable rows).
 *
 * <p>The input space is cut, one field at a time, at the bounds the rows use; each cut holds the rows that match it, so
 * the work follows the rows (their bounds, sorted per field) rather than every possible input, and two rows are only
 * ever compared where both match. Gaps found next to each other are merged and reported as ranges. Columns it cannot
 * read are reported as such and left out, which can hide a gap or an overlap but never invents one.
 *
 * <p>It stays one class above 300 lines on purpose: it is one recursive algorithm whose steps share the table, the
 * step budget and the findings, and splitting it would pass that state around for no reader's benefit.
 */
public final class TableAnalysis {

    /** Gaps, and conflicts, listed one by one per table; the rest are counted. */
    static final int LISTED = 10;
    private static final int KEPT_GAPS = 200;
    private static final int KEPT_CONFLICTS = 1_000;
    private static final long BUDGET = 20_000_000L;

    /** One field's share of a gap or of the place two rows overlap: numbers, some values, or (null) any value. */
    private record Part(Region.@Nullable Range range, @Nullable Set<String> values, boolean other) {
    }

    private record Conflict(int first, int second, int column, Part[] where) {
    }

    private static final class TooIrregular extends RuntimeException {
        TooIrregular() {
            super(null, null, false, false);
        }
    }

    private final AnalysedTable table;
    private final int dimensions;
    private long work;
    private boolean gapsTruncated;
    private final BitSet seen = new BitSet();
    private final BitSet reached = new BitSet();
    private final Map<Integer, Set<Integer>> shadowedBy = new HashMap<>();
    private final Map<Long, Conflict> conflicts = new LinkedHashMap<>();
    private final Set<Long> conflictingPairs = new HashSet<>();

    private TableAnalysis(AnalysedTable table) {
        this.table = table;
        this.dimensions = table.dimensions.size();
    }

    /** Analyses the decision tables among these files; files that cannot be read are the compiler's to report. */
    public static List<PolicyProblem> of(List<PolicyFile> files) {
        List<RuleSource> sources = new ArrayList<>();
        for (PolicyFile file : files) {
            if (file.isWorkbook() || file.isCsvTable()) {
                try {
                    sources.addAll(DecisionTableReader.read(file));
                } catch (PolicyLoadException e) {
                    // reported where the policy is compiled
                }
            }
        }
        return analyse(sources);
    }

    /** Every analysis item of these sources' tables; never throws, whatever the tables hold. */
    public static List<PolicyProblem> analyse(List<RuleSource> sources) {
        List<PolicyProblem> problems = new ArrayList<>();
        Map<String, Set<String>> produced;
        try {
            produced = AnalysedTable.producedValues(sources);
        } catch (RuntimeException e) {
            produced = Map.of();
        }
        for (RuleSource source : sources) {
            if (!source.isTable()) {
                continue;
            }
            List<AnalysedTable> tables;
            try {
                tables = AnalysedTable.read(source, produced);
            } catch (RuntimeException e) {
                problems.add(new PolicyProblem(source.file(), sheetOf(source), null, Severity.INFO,
                        "the tables of this sheet could not be analysed for gaps and overlaps (" + e.getMessage() + ")"));
                continue;
            }
            for (AnalysedTable table : tables) {
                try {
                    problems.addAll(new TableAnalysis(table).run());
                } catch (RuntimeException e) {
                    problems.add(table.problem(Severity.INFO, table.rowsRange(),
                            "could not be analysed for gaps and overlaps (" + e.getMessage() + ")"));
                }
            }
        }
        return problems;
    }

    private static @Nullable String sheetOf(RuleSource source) {
        int bang = source.origin().indexOf('!');
        return bang < 0 ? null : source.origin().substring(bang + 1);
    }

    private List<PolicyProblem> run() {
        List<PolicyProblem> problems = new ArrayList<>();
        for (AnalysedTable.Opaque column : table.opaque) {
            problems.add(table.problem(Severity.INFO, column.cell(), "column " + table.labels.get(column.column())
                    + " is not analysed (" + column.why() + "); gaps and overlaps are checked on the other columns only"));
        }
        if (!table.precedenceKnown) {
            problems.add(table.problem(Severity.INFO, table.rowsRange(), "a PRIORITY cell is not a whole number, so"
                    + " unreachable rows and overlaps within an activation group are not checked"));
        }
        int[] all = new int[table.rows.size()];
        Arrays.setAll(all, i -> i);
        List<List<Part>> gaps;
        try {
            gaps = explore(0, all, new Part[dimensions], true);
        } catch (TooIrregular e) {
            problems.add(table.problem(Severity.INFO, table.rowsRange(), "its rows cut the inputs into too many pieces"
                    + " to analyse completely; the overlaps listed are real, but gaps and unreachable rows were not checked"));
            problems.addAll(conflicts());
            return problems;
        }
        problems.addAll(gaps(gaps));
        problems.addAll(conflicts());
        for (int i = 0; i < table.rows.size(); i++) {
            AnalysedTable.Row row = table.rows.get(i);
            if (!seen.get(i)) {
                problems.add(table.problem(Severity.WARNING, table.rowRange(row.row()), "row " + row.row()
                        + " matches no possible input: its conditions leave no value for some field, so it never fires"));
            } else if (!reached.get(i)) {
                String by = shadowedBy.getOrDefault(i, Set.of()).stream().sorted().map(String::valueOf)
                        .collect(Collectors.joining(", "));
                problems.add(table.problem(Severity.WARNING, table.rowRange(row.row()), "row " + row.row()
                        + " is unreachable: every input it matches is taken first by higher-priority row(s) " + by
                        + " of activation group '" + row.group() + "'"));
            }
        }
        return problems;
    }

    /**
     * The gaps of the inputs from dimension {@code d} on, among these rows: each a list of parts, one per remaining
     * dimension. Along the way, leaves (every dimension cut) record overlaps and which rows fire.
     */
    private List<List<Part>> explore(int d, int[] rows, Part[] path, boolean reportGaps) {
        if (rows.length == 0) {
            if (!reportGaps) {
                return List.of();
            }
            List<Part> any = new ArrayList<>();
            for (int i = d; i < dimensions; i++) {
                any.add(null);
            }
            return List.of(any);
        }
        if (d == dimensions) {
            leaf(rows, path);
            return List.of();
        }
        AnalysedTable.Dimension dimension = table.dimensions.get(d);
        return dimension.numeric() ? exploreNumbers(d, rows, path, reportGaps) : exploreValues(d, rows, path, reportGaps);
    }

    private List<List<Part>> exploreNumbers(int d, int[] rows, Part[] path, boolean reportGaps) {
        AnalysedTable.Dimension dimension = table.dimensions.get(d);
        Region.Ranges domain = (Region.Ranges) dimension.domain();
        if (domain.isEmpty()) {
            return List.of();
        }
        TreeSet<Region.Cut> bounds = new TreeSet<>();
        bounds.add(domain.ranges().getFirst().from());
        bounds.add(domain.ranges().getLast().to());
        for (int row : rows) {
            for (Region.Range range : ((Region.Ranges) table.rows.get(row).regions()[d]).ranges()) {
                bounds.add(range.from());
                bounds.add(range.to());
            }
        }
        Region.Cut[] cuts = bounds.toArray(new Region.Cut[0]);
        int[][] members = members(cuts.length - 1, rows, row -> {
            List<Region.Range> ranges = ((Region.Ranges) table.rows.get(row).regions()[d]).ranges();
            int[] spans = new int[ranges.size() * 2];
            for (int r = 0; r < ranges.size(); r++) {
                spans[2 * r] = Arrays.binarySearch(cuts, ranges.get(r).from());
                spans[2 * r + 1] = Arrays.binarySearch(cuts, ranges.get(r).to());
            }
            return spans;
        });
        Region.Range full = domain.ranges().getFirst();
        List<List<Part>> gaps = new ArrayList<>();
        int start = 0;
        List<List<Part>> pending = null;
        for (int a = 0; a < cuts.length - 1; a++) {
            boolean inDomain = domain.intersect(Region.Ranges.of(new Region.Range(cuts[a], cuts[a + 1]))).isEmpty() == false;
            path[d] = new Part(new Region.Range(cuts[a], cuts[a + 1]), null, false);
            List<List<Part>> below = inDomain ? explore(d + 1, members[a], path, reportGaps) : List.of();
            if (pending != null && !below.equals(pending)) {
                addGaps(gaps, numbersPart(cuts[start], cuts[a], full), pending);
                pending = null;
            }
            if (pending == null && !below.isEmpty()) {
                pending = below;
                start = a;
            }
        }
        if (pending != null) {
            addGaps(gaps, numbersPart(cuts[start], cuts[cuts.length - 1], full), pending);
        }
        return gaps;
    }

    private static @Nullable Part numbersPart(Region.Cut from, Region.Cut to, Region.Range full) {
        return from.equals(full.from()) && to.equals(full.to()) ? null : new Part(new Region.Range(from, to), null, false);
    }

    private List<List<Part>> exploreValues(int d, int[] rows, Part[] path, boolean reportGaps) {
        AnalysedTable.Dimension dimension = table.dimensions.get(d);
        List<String> atoms = new ArrayList<>(dimension.order());
        if (!dimension.closed()) {
            Set<String> mentioned = new TreeSet<>();
            for (int row : rows) {
                mentioned.addAll(((Region.Values) table.rows.get(row).regions()[d]).values());
            }
            atoms.addAll(mentioned);
        }
        int others = dimension.closed() ? 0 : 1;
        String[] values = atoms.toArray(new String[0]);
        int[][] members = members(values.length + others, rows, row -> {
            Region.Values region = (Region.Values) table.rows.get(row).regions()[d];
            List<Integer> spans = new ArrayList<>();
            for (int a = 0; a < values.length; a++) {
                if (region.contains(values[a])) {
                    spans.add(a);
                    spans.add(a + 1);
                }
            }
            if (others == 1 && !region.listed()) {
                spans.add(values.length);
                spans.add(values.length + 1);
            }
            return spans.stream().mapToInt(Integer::intValue).toArray();
        });
        Map<List<List<Part>>, Set<String>> byGaps = new LinkedHashMap<>();
        for (int a = 0; a < values.length; a++) {
            path[d] = new Part(null, Set.of(values[a]), false);
            List<List<Part>> below = explore(d + 1, members[a], path, reportGaps);
            if (!below.isEmpty()) {
                byGaps.computeIfAbsent(below, g -> new LinkedHashSet<>()).add(values[a]);
            }
        }
        if (others == 1) {
            path[d] = new Part(null, new LinkedHashSet<>(atoms), true);
            explore(d + 1, members[values.length], path, false); // values the table never names: overlaps only
        }
        List<List<Part>> gaps = new ArrayList<>();
        byGaps.forEach((below, named) -> addGaps(gaps,
                dimension.closed() && named.size() == dimension.order().size() ? null : new Part(null, named, false), below));
        return gaps;
    }

    private void addGaps(List<List<Part>> gaps, @Nullable Part part, List<List<Part>> below) {
        for (List<Part> gap : below) {
            if (gaps.size() >= KEPT_GAPS) {
                gapsTruncated = true;
                return;
            }
            List<Part> whole = new ArrayList<>(gap.size() + 1);
            whole.add(part);
            whole.addAll(gap);
            gaps.add(whole);
        }
    }

    /** Which rows match each piece: {@code spans} gives each row's pieces as [from, to) index pairs. */
    private int[][] members(int pieces, int[] rows, java.util.function.IntFunction<int[]> spans) {
        int[][] rowSpans = new int[rows.length][];
        int[] counts = new int[pieces];
        for (int i = 0; i < rows.length; i++) {
            rowSpans[i] = spans.apply(rows[i]);
            for (int s = 0; s < rowSpans[i].length; s += 2) {
                for (int p = rowSpans[i][s]; p < rowSpans[i][s + 1]; p++) {
                    counts[p]++;
                }
                spend(rowSpans[i][s + 1] - rowSpans[i][s] + 1L);
            }
        }
        int[][] members = new int[pieces][];
        for (int p = 0; p < pieces; p++) {
            members[p] = new int[counts[p]];
            counts[p] = 0;
        }
        for (int i = 0; i < rows.length; i++) {
            for (int s = 0; s < rowSpans[i].length; s += 2) {
                for (int p = rowSpans[i][s]; p < rowSpans[i][s + 1]; p++) {
                    members[p][counts[p]++] = rows[i];
                }
            }
        }
        return members;
    }

    private void spend(long steps) {
        work += steps;
        if (work > BUDGET) {
            throw new TooIrregular();
        }
    }

    /** A piece of the input space every dimension of which is cut: these rows all match it. */
    private void leaf(int[] rows, Part[] path) {
        spend(rows.length);
        List<Integer> firing = new ArrayList<>(rows.length);
        for (int i : rows) {
            seen.set(i);
            AnalysedTable.Row row = table.rows.get(i);
            boolean shadowed = false;
            if (row.group() != null && table.precedenceKnown) {
                for (int j : rows) {
                    AnalysedTable.Row other = table.rows.get(j);
                    if (j != i && row.group().equals(other.group()) && precedes(other, row) && shadows(other, row)) {
                        shadowed = true;
                        Set<Integer> by = shadowedBy.computeIfAbsent(i, k -> new TreeSet<>());
                        if (by.size() < 5) {
                            by.add(other.row());
                        }
                    }
                }
                spend(rows.length);
            }
            if (!shadowed) {
                firing.add(i);
                reached.set(i);
            }
        }
        for (int a = 0; a < firing.size(); a++) {
            AnalysedTable.Row first = table.rows.get(firing.get(a));
            spend(firing.size() - a);
            for (int b = a + 1; b < firing.size(); b++) {
                AnalysedTable.Row second = table.rows.get(firing.get(b));
                if (first.group() != null && first.group().equals(second.group()) || !mayOverlap(first, second)) {
                    continue; // one group fires one row; with unknown priorities which one is not ours to say
                }
                for (var action : first.actions().entrySet()) {
                    String other = second.actions().get(action.getKey());
                    if (other != null && !other.equals(action.getValue())) {
                        long pair = (long) firing.get(a) << 32 | firing.get(b);
                        if (conflictingPairs.add(pair) && conflicts.size() < KEPT_CONFLICTS) {
                            conflicts.put(pair, new Conflict(firing.get(a), firing.get(b), action.getKey(), path.clone()));
                        }
                        break;
                    }
                }
            }
        }
    }

    /** Salience first (PRIORITY, or row order in a Sequential RuleSet), then, as Drools loads them, row order. */
    private static boolean precedes(AnalysedTable.Row a, AnalysedTable.Row b) {
        int bySalience = Integer.compare(Objects.requireNonNull(a.salience()), Objects.requireNonNull(b.salience()));
        return bySalience > 0 || bySalience == 0 && a.row() < b.row();
    }

    /** Whether {@code higher} surely matches where {@code lower} does, as far as unread columns go. */
    private static boolean shadows(AnalysedTable.Row higher, AnalysedTable.Row lower) {
        for (var cell : higher.opaque().entrySet()) {
            if (!cell.getValue().equals(lower.opaque().get(cell.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Whether two rows can match one input as far as unread columns go: those cells are blank in one or equal. */
    private static boolean mayOverlap(AnalysedTable.Row a, AnalysedTable.Row b) {
        for (var cell : a.opaque().entrySet()) {
            String other = b.opaque().get(cell.getKey());
            if (other != null && !other.equals(cell.getValue())) {
                return false;
            }
        }
        return true;
    }

    private List<PolicyProblem> gaps(List<List<Part>> gaps) {
        List<PolicyProblem> problems = new ArrayList<>();
        AnalysedTable.Allowance allowed = table.gapsAllowed;
        Severity severity = allowed == null ? Severity.ERROR : Severity.INFO;
        String because = allowed == null ? "" : " (allowed by '" + allowed.text() + "' in " + allowed.cell() + ")";
        for (List<Part> gap : gaps.subList(0, Math.min(LISTED, gaps.size()))) {
            problems.add(table.problem(severity, table.rowsRange(), "no row covers " + describe(gap, null, null) + because));
        }
        if (gaps.size() > LISTED) {
            problems.add(table.problem(severity, table.rowsRange(), (gapsTruncated ? "more than " : "") + (gaps.size() - LISTED)
                    + " more gap(s) not listed" + because));
        }
        return problems;
    }

    private List<PolicyProblem> conflicts() {
        List<PolicyProblem> problems = new ArrayList<>();
        AnalysedTable.Allowance allowed = table.overlapsAllowed;
        Severity severity = allowed == null ? Severity.ERROR : Severity.INFO;
        String because = allowed == null ? "" : " (allowed by '" + allowed.text() + "' in " + allowed.cell() + ")";
        for (Conflict conflict : conflicts.values().stream().limit(LISTED).toList()) {
            AnalysedTable.Row first = table.rows.get(conflict.first());
            AnalysedTable.Row second = table.rows.get(conflict.second());
            problems.add(table.problem(severity, table.rowRange(first.row()), "rows " + table.rowReference(first.row())
                    + " and " + table.rowReference(second.row()) + " both match "
                    + describe(Arrays.asList(conflict.where()), first, second) + " and give different "
                    + table.labels.get(conflict.column()) + ": " + first.actions().get(conflict.column()) + " vs "
                    + second.actions().get(conflict.column()) + because));
        }
        if (conflictingPairs.size() > LISTED) {
            problems.add(table.problem(severity, table.rowsRange(), (conflictingPairs.size() - LISTED)
                    + " more pair(s) of overlapping rows with different results not listed" + because));
        }
        return problems;
    }

    /**
     * {@code publicSector = false, seniorityMonths 12–23 and turnover ≥ 50,000,000}: the parts of a gap (or of where
     * two rows overlap: only the fields either row constrains), leaving out fields that may take any value.
     */
    private String describe(List<Part> parts, AnalysedTable.@Nullable Row first, AnalysedTable.@Nullable Row second) {
        List<String> said = new ArrayList<>();
        for (int d = 0; d < parts.size(); d++) {
            Part part = parts.get(d);
            AnalysedTable.Dimension dimension = table.dimensions.get(d);
            if (part == null || first != null && dimension.domain().equals(first.regions()[d])
                    && dimension.domain().equals(second.regions()[d])) {
                continue;
            }
            if (part.range() != null) {
                said.add(dimension.label() + " " + Region.describe(part.range(), dimension.whole()));
            } else if (part.other()) {
                said.add(dimension.label() + " other than " + String.join(", ", part.values()));
            } else {
                said.add(dimension.label() + " " + Region.describe(part.values()));
            }
        }
        if (said.isEmpty()) {
            return "every input";
        }
        if (said.size() == 1) {
            return said.getFirst();
        }
        return String.join(", ", said.subList(0, said.size() - 1)) + " and " + said.getLast();
    }
}
