package org.mpcap.reports.cli;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mpcap.analyzer.RunMetrics;
import org.mpcap.analyzer.stats.Observations;
import org.mpcap.analyzer.stats.RunAggregate;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;
import org.mpcap.analyzer.table.DataTable.ColumnType;

/**
 * Glue between the {@code runs} table of {@code mpcap compare} and the analyzer's aggregation across runs
 * ({@link RunAggregate}): the runs are handed over as observations (full-precision CSV text, so the statistics
 * see exactly the table's values), and application-side observations ({@code --observations}) are merged into
 * the runs as {@code obs_*} columns. No statistic is computed here.
 */
public final class Aggregation {
    /** Prefix of merged observation columns. */
    static final String PREFIX = "obs_";

    /** Tables {@code aggregate} and {@code comparison}, and notes on the merge (e.g. unmatched rows). */
    public record Result(DataTable aggregate, DataTable comparison) {}

    /** The runs with observations merged, and what could not be matched (one sentence each). */
    record Merged(DataTable runs, List<String> notes) {}

    private Aggregation() {}

    /** Per group ({@code group}) and metric ({@link RunMetrics#metricColumns}) statistics, and pairwise tests. */
    public static Result of(DataTable runs) {
        List<String> metrics = RunMetrics.metricColumns(runs);
        try {
            Observations obs = Observations.parse(new StringReader(csv(runs)), RunMetrics.TABLE);
            return new Result(RunAggregate.aggregate(obs, "group", metrics),
                    RunAggregate.comparison(obs, "group", metrics));
        } catch (IOException e) {
            throw new IllegalStateException("runs table not readable as observations: " + e.getMessage(), e);
        }
    }

    /** The table as RFC 4180 CSV with full-precision numbers (Java's shortest round-trip form). */
    static String csv(DataTable t) {
        StringBuilder b = new StringBuilder();
        List<Column> cols = t.columns();
        for (int c = 0; c < cols.size(); c++) {
            if (c > 0) b.append(',');
            b.append(quote(cols.get(c).name()));
        }
        b.append('\n');
        for (Object[] r : t.rows()) {
            for (int c = 0; c < cols.size(); c++) {
                if (c > 0) b.append(',');
                Object v = r[c];
                if (v == null) continue;
                if (v instanceof Double d) {
                    if (Double.isFinite(d)) b.append(d);
                } else if (v instanceof Number n) {
                    b.append(n.longValue());
                } else {
                    b.append(quote(v.toString()));
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /**
     * Merges each CSV's rows into the runs: a row matches the run with the same {@code run} number and, if the
     * CSV has a {@code group} or {@code scenario} column, the same group name. Every other column is added as
     * {@code obs_NAME} (numbers when all its cells are numbers or empty, else text); unmatched rows are noted.
     *
     * @throws InputException if a file cannot be read, has no {@code run} column, has no group column while
     *                        there are several groups, or matches a run twice
     */
    static Merged mergeObservations(DataTable runs, List<Path> files) {
        List<String> notes = new ArrayList<>();
        DataTable out = runs;
        for (Path f : files) {
            Observations obs;
            try {
                obs = Observations.read(f);
            } catch (NoSuchFileException e) {
                throw new InputException(f + ": no such file", e);
            } catch (IOException e) {
                throw new InputException(e.getMessage().startsWith(f.toString()) ? e.getMessage()
                        : f + ": " + e.getMessage(), e);
            }
            out = merge(out, obs, f, notes);
        }
        return new Merged(out, notes);
    }

    private static DataTable merge(DataTable runs, Observations obs, Path file, List<String> notes) {
        List<String> header = obs.header();
        String runCol = find(header, "run");
        if (runCol == null) throw new InputException(file + ": no 'run' column to match the runs on");
        String groupCol = find(header, "group");
        if (groupCol == null) groupCol = find(header, "scenario");
        int gi = runs.columnIndex("group");
        int ri = runs.columnIndex("run");
        java.util.Set<String> groups = new java.util.LinkedHashSet<>();
        for (Object[] r : runs.rows()) groups.add(String.valueOf(r[gi]));
        if (groupCol == null && groups.size() > 1) {
            throw new InputException(file + ": no 'scenario' or 'group' column, so its rows cannot be matched to "
                    + "the runs of " + groups.size() + " scenarios");
        }
        List<String> extra = new ArrayList<>();
        for (String h : header) if (!h.equals(runCol) && !h.equals(groupCol)) extra.add(h);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < runs.rowCount(); i++) {
            Object[] r = runs.rows().get(i);
            index.put(key(String.valueOf(r[gi]), ((Number) r[ri]).longValue()), i);
        }
        Map<Integer, Integer> match = new LinkedHashMap<>(); // runs row → observation row
        int unmatched = 0;
        for (int row = 0; row < obs.size(); row++) {
            String runText = obs.cell(row, runCol).trim();
            long run;
            try {
                run = Long.parseLong(runText);
            } catch (NumberFormatException e) {
                throw new InputException(file + ":" + obs.line(row) + ": column " + runCol + ": not a run number: \""
                        + runText + "\"");
            }
            String group = groupCol == null ? groups.iterator().next() : obs.cell(row, groupCol);
            Integer target = index.get(key(group, run));
            if (target == null) {
                unmatched++;
                continue;
            }
            if (match.put(target, row) != null) {
                throw new InputException(file + ":" + obs.line(row) + ": a second row for scenario " + group
                        + " run " + run);
            }
        }
        if (unmatched > 0) {
            notes.add(String.format(Locale.ROOT, "%s: %d row(s) match no run of the comparison.", file, unmatched));
        }
        // One column per CSV column; a column already added by an earlier file (same name, same kind) is filled
        // further, so per-scenario files (default/runs.csv, fullmesh/runs.csv) end up in the same columns.
        List<Column> cols = new ArrayList<>(runs.columns());
        int[] target = new int[extra.size()];
        boolean[] numeric = new boolean[extra.size()];
        for (int k = 0; k < extra.size(); k++) {
            String h = extra.get(k);
            boolean num = true;
            for (int row = 0; row < obs.size() && num; row++) {
                if (obs.cell(row, h).isEmpty()) continue;
                try {
                    obs.number(row, h);
                } catch (IOException e) {
                    num = false;
                }
            }
            numeric[k] = num;
            String name = PREFIX + h;
            int existing = runs.columnIndex(name);
            boolean reuse = existing >= 0 && (runs.columns().get(existing).type() == ColumnType.TEXT) == !num;
            if (!reuse && existing >= 0) name = uniqueName(name, cols);
            if (reuse) {
                target[k] = existing;
            } else {
                String what = "Column " + h + " of the --observations CSV";
                cols.add(num ? new Column(name, ColumnType.DECIMAL, -1, "", what) : Column.text(name, what));
                target[k] = cols.size() - 1;
            }
        }
        DataTable t = new DataTable(runs.name(), runs.title(), cols);
        for (int i = 0; i < runs.rowCount(); i++) {
            Object[] v = java.util.Arrays.copyOf(runs.rows().get(i), cols.size());
            Integer row = match.get(i);
            if (row != null) {
                for (int k = 0; k < extra.size(); k++) {
                    String cell = obs.cell(row, extra.get(k));
                    if (cell.isEmpty()) continue;
                    try {
                        v[target[k]] = numeric[k] ? (Object) obs.number(row, extra.get(k)) : cell;
                    } catch (IOException e) {
                        throw new IllegalStateException(e); // checked above
                    }
                }
            }
            t.add(v);
        }
        return t;
    }

    private static String uniqueName(String name, List<Column> cols) {
        String n = name;
        for (int k = 2; ; k++) {
            String candidate = n;
            if (cols.stream().noneMatch(c -> c.name().equals(candidate))) return n;
            n = name + "_" + k;
        }
    }

    private static String find(List<String> header, String name) {
        for (String h : header) if (h.equalsIgnoreCase(name)) return h;
        return null;
    }

    private static String key(String group, long run) {
        return group + "\u0000" + run;
    }
}
