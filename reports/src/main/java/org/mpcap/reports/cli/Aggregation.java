package org.mpcap.reports.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mpcap.analyzer.RunMetrics;
import org.mpcap.analyzer.stats.runs.Observations;
import org.mpcap.analyzer.stats.runs.RunAggregate;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;
import org.mpcap.analyzer.table.DataTable.ColumnType;

/**
 * Glue between the {@code runs} table of {@code mpcap compare} and the analyzer's aggregation across runs
 * ({@link RunAggregate}): the runs are handed over as observations ({@link Observations#fromTable}, full
 * precision, so the statistics see exactly the table's values), and application-side observations ({@code --observations}) are merged into
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
        Observations obs = Observations.fromTable(runs);
        try {
            return new Result(RunAggregate.aggregate(obs, "group", metrics),
                    RunAggregate.comparison(obs, "group", metrics));
        } catch (IOException e) { // the runs table's metric cells are numbers or empty
            throw new IllegalStateException("runs table not usable as observations: " + e.getMessage(), e);
        }
    }

    /**
     * Where the runs of a comparison come from, for matching observations: per runs-table row, the capture file;
     * and the scenarios whose run numbers are positions in the folder because their captures are not all named
     * {@code run-NN} (with distinct numbers).
     */
    record RunSources(List<Path> captures, java.util.Set<String> positionalGroups) {}

    /**
     * Merges each CSV's rows into the runs. A row is matched to a run by the capture: a {@code capture} (or
     * {@code file}, {@code pcap}) column naming the capture file (its name, its label in the comparison, or its
     * path), or else a {@code run} column holding the run number taken from the capture's name
     * ({@code run-03.pcap} is run 3); when the CSV has a {@code group} or {@code scenario} column, the scenario must
     * match too. Never by position: with {@code run-03.pcap} missing, the row of run 3 matches nothing instead of
     * lending its numbers to {@code run-04.pcap}. Every other column is added as {@code obs_NAME} (numbers when all
     * its cells are numbers or empty, else text).
     *
     * @param allowUnmatched if false, a row that matches no run, or a run that no row of any file matches, is an
     *                       error; if true they are noted and left out (the run's obs_ cells stay empty)
     * @throws InputException if a file cannot be read, has neither a capture nor a run column, has no group
     *                        column while there are several groups, matches a run twice, or (without
     *                        {@code allowUnmatched}) leaves a row or a run unmatched
     */
    static Merged mergeObservations(DataTable runs, List<Path> files, RunSources sources, boolean allowUnmatched) {
        List<String> notes = new ArrayList<>();
        DataTable out = runs;
        boolean[] matched = new boolean[runs.rowCount()];
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
            out = merge(out, obs, f, sources, allowUnmatched, matched, notes);
        }
        if (!files.isEmpty()) {
            int gi = runs.columnIndex("group"), ri = runs.columnIndex("run"), ci = runs.columnIndex("capture");
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < matched.length; i++) {
                if (matched[i]) continue;
                Object[] r = runs.rows().get(i);
                missing.add("scenario " + r[gi] + " run " + r[ri] + " (" + r[ci] + ")");
            }
            if (!missing.isEmpty()) {
                String what = "no observation row for " + String.join(", ", missing);
                if (!allowUnmatched) {
                    throw new InputException(String.join(", ", files.stream().map(Path::toString).toList()) + ": "
                            + what + "; add the rows, or pass --allow-unmatched to compare without them");
                }
                notes.add(what + " (--allow-unmatched: their obs_ columns are empty).");
            }
        }
        return new Merged(out, notes);
    }

    /** Run number in a capture's file name: the digits after the last "run" ({@code run-03.pcap} → 3), or -1. */
    static long runNumber(Path capture) {
        java.util.regex.Matcher m = RUN_IN_NAME.matcher(capture.getFileName().toString());
        long n = -1;
        while (m.find()) {
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                n = -1;
            }
        }
        return n;
    }

    private static final java.util.regex.Pattern RUN_IN_NAME =
            java.util.regex.Pattern.compile("(?i)(?<![a-z])run[-_ ]?0*(\\d{1,9})(?!\\d)");

    /**
     * Run numbers of one scenario's captures: from their names when every name has one and no two are equal,
     * else null (the caller numbers them by position and cannot match observations by run number).
     */
    static long[] runNumbers(List<Path> captures) {
        long[] n = new long[captures.size()];
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < n.length; i++) {
            n[i] = runNumber(captures.get(i));
            if (n[i] < 0 || !seen.add(n[i])) return null;
        }
        return n;
    }

    private static DataTable merge(DataTable runs, Observations obs, Path file, RunSources sources,
                                   boolean allowUnmatched, boolean[] matched, List<String> notes) {
        List<String> header = obs.header();
        String captureCol = find(header, "capture");
        if (captureCol == null) captureCol = find(header, "file");
        if (captureCol == null) captureCol = find(header, "pcap");
        String runCol = find(header, "run");
        if (runCol == null && captureCol == null) {
            throw new InputException(file + ": no 'run' or 'capture' column to match the runs on");
        }
        String groupCol = find(header, "group");
        if (groupCol == null) groupCol = find(header, "scenario");
        int gi = runs.columnIndex("group");
        int ri = runs.columnIndex("run");
        int ci = runs.columnIndex("capture");
        java.util.Set<String> groups = new java.util.LinkedHashSet<>();
        for (Object[] r : runs.rows()) groups.add(String.valueOf(r[gi]));
        if (groupCol == null && groups.size() > 1) {
            throw new InputException(file + ": no 'scenario' or 'group' column, so its rows cannot be matched to "
                    + "the runs of " + groups.size() + " scenarios");
        }
        boolean byCapture = captureCol != null;
        List<String> extra = new ArrayList<>();
        for (String h : header) { // the identifying columns are not measurements
            if (!h.equals(captureCol) && !h.equals(groupCol) && !h.equals(runCol)) extra.add(h);
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < runs.rowCount(); i++) {
            Object[] r = runs.rows().get(i);
            String g = String.valueOf(r[gi]);
            if (byCapture) {
                Path p = sources.captures().get(i);
                index.put(key(g, String.valueOf(r[ci])), i);
                index.putIfAbsent(key(g, p.getFileName().toString()), i);
                index.putIfAbsent(key(g, p.toString()), i);
                index.putIfAbsent(key(g, p.toAbsolutePath().normalize().toString()), i);
            } else {
                index.put(key(g, Long.toString(((Number) r[ri]).longValue())), i);
            }
        }
        Map<Integer, Integer> match = new LinkedHashMap<>(); // runs row → observation row
        List<String> unmatched = new ArrayList<>();
        for (int row = 0; row < obs.size(); row++) {
            String group = groupCol == null ? groups.iterator().next() : obs.cell(row, groupCol);
            String id;
            String shown;
            if (byCapture) {
                id = obs.cell(row, captureCol).trim();
                shown = "capture " + id;
            } else {
                String runText = obs.cell(row, runCol).trim();
                long run;
                try {
                    run = Long.parseLong(runText);
                } catch (NumberFormatException e) {
                    throw new InputException(file + ":" + obs.line(row) + ": column " + runCol
                            + ": not a run number: \"" + runText + "\"");
                }
                if (sources.positionalGroups().contains(group)) {
                    throw new InputException(file + ": cannot match rows on run numbers: the captures of scenario "
                            + group + " are not all named run-NN with distinct numbers (run-01.pcap, ...), so "
                            + "their numbers would only be positions in the folder; rename them, or add a "
                            + "'capture' column with their file names");
                }
                id = Long.toString(run);
                shown = "run " + run;
            }
            Integer target = index.get(key(group, id));
            if (target == null) {
                unmatched.add(obs.line(row) + " (scenario " + group + " " + shown + ")");
                continue;
            }
            Integer first = match.put(target, row);
            if (first != null) {
                throw new InputException(file + ":" + obs.line(row) + ": a second row for scenario " + group
                        + " " + shown + " (the first is on line " + obs.line(first) + ")");
            }
            matched[target] = true;
        }
        if (!unmatched.isEmpty()) {
            String what = unmatched.size() + " row(s) match no run of the comparison: line "
                    + String.join(", line ", unmatched);
            if (!allowUnmatched) {
                throw new InputException(file + ": " + what + "; check the file, or pass --allow-unmatched to "
                        + "leave such rows out");
            }
            notes.add(String.format(Locale.ROOT, "%s: %s (left out: --allow-unmatched).", file, what));
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

    private static String key(String group, String run) {
        return group + "\u0000" + run;
    }
}
