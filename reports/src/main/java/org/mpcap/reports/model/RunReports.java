package org.mpcap.reports.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;
import org.mpcap.reports.model.ReportModel.Fact;
import org.mpcap.reports.model.ReportModel.Part;
import org.mpcap.reports.model.ReportModel.Section;
import org.mpcap.reports.model.ReportModel.TableView;
import org.mpcap.reports.model.Tables.Row;

/**
 * Which runs of {@code mpcap compare} get their own report (the drill-down of {@code mpcap report}: charts and
 * per-capture tables), so that a comparison of hundreds of runs stays readable and bounded: every run keeps its
 * metrics in the comparison's tables, at most a given number per scenario also get their report.
 *
 * <p>The rule: each scenario's runs are ranked by the transfer rate of their main connection ({@code rate_kBps}
 * of table {@code runs}; a run without one ranks as the slowest, ties in run order), and the runs reported on are
 * spread evenly over that ranking: the slowest, the fastest and runs at equal rank steps between them (one run:
 * the median). The drill-downs then show the range the box plots summarise (a failed or slow run is where a
 * reader looks first), which the first N runs recorded would not. Which runs were chosen, and their rank, is in
 * table {@value #TABLE} and in a fact of each run's part.
 */
public final class RunReports {
    /** Runs per scenario with their own report when the user does not say. */
    public static final int DEFAULT_PER_SCENARIO = 10;

    /** Every run gets its own report ({@code --run-reports all}). */
    public static final int ALL = Integer.MAX_VALUE;

    /** The table (and comparison section) of the runs with their own report, written only when some have none. */
    public static final String TABLE = "run-reports";

    /** The metric runs are ranked by. */
    static final String RANK_METRIC = "rate_kBps";

    private RunReports() {}

    /**
     * A run chosen for its own report.
     *
     * @param row       its row index in table {@code runs}
     * @param rank      1 = the slowest of its scenario by {@value #RANK_METRIC} (runs without a rate first)
     * @param groupRuns runs of its scenario
     * @param rated     false if the run has no transfer rate (ranked among the slowest)
     */
    record Chosen(int row, int rank, int groupRuns, boolean rated) {}

    /**
     * The runs of {@code runs} that get their own report, at most {@code perScenario} per scenario ({@link #ALL}:
     * every run), in the table's row order; see the class comment for the rule.
     */
    static List<Chosen> choose(DataTable runs, int perScenario) {
        if (perScenario < 0) throw new IllegalArgumentException("runs per scenario must be >= 0, got " + perScenario);
        List<Row> rows = Tables.rows(runs);
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byGroup.computeIfAbsent(rows.get(i).text("group"), k -> new ArrayList<>()).add(i);
        }
        Map<Integer, Chosen> chosen = new java.util.TreeMap<>();
        for (List<Integer> group : byGroup.values()) {
            List<Integer> ranked = new ArrayList<>(group);
            // No rate (no finished transfer) before every rate; then by rate; ties by run number, then row order.
            ranked.sort(Comparator.<Integer>comparingInt(i -> Double.isNaN(rows.get(i).number(RANK_METRIC)) ? 0 : 1)
                    .thenComparingDouble(i -> {
                        double r = rows.get(i).number(RANK_METRIC);
                        return Double.isNaN(r) ? 0 : r;
                    })
                    .thenComparingLong(i -> rows.get(i).integer("run", Long.MAX_VALUE))
                    .thenComparingInt(i -> i));
            int n = ranked.size();
            for (int position : spread(n, Math.min(perScenario, n))) {
                int row = ranked.get(position);
                chosen.put(row, new Chosen(row, position + 1, n, !Double.isNaN(rows.get(row).number(RANK_METRIC))));
            }
        }
        return new ArrayList<>(chosen.values());
    }

    /**
     * {@code k} of the positions 0..n-1 at equal steps, both ends included ({@code k = 1}: the middle, the lower
     * one of two); all of them when {@code k = n}.
     */
    static List<Integer> spread(int n, int k) {
        List<Integer> out = new ArrayList<>();
        if (k <= 0) return out;
        if (k == 1) {
            out.add((n - 1) / 2);
            return out;
        }
        // Steps of (n-1)/(k-1) >= 1 rounded to the nearest position: distinct, first 0 and last n-1.
        for (int i = 0; i < k; i++) out.add((int) (((long) i * (n - 1) * 2 + (k - 1)) / (2L * (k - 1))));
        return out;
    }

    /**
     * The comparison followed by the own reports of the chosen runs (see the class comment): the report of
     * those runs (as {@code mpcap report} writes it, the same options), their part ids and names those they have
     * among all runs, their capture cells in the runs table linking to them. Table {@code captures} lists every
     * run. When some runs have no report of their own, the comparison says so in a fact, in its runs section
     * and in a section {@value #TABLE} listing the runs that have one (also a table for csv/ and the workbook).
     *
     * @param runs        table {@code runs} of the comparison (its {@code capture} cells are the labels)
     * @param analyses    every run's analysis, in the order of {@code labels}
     * @param labels      every run's capture label as in {@code runs}
     * @param perScenario most runs per scenario with their own report, {@link #ALL} for every run, 0 for none
     */
    public static ReportModel withRunReports(ReportModel comparison, DataTable runs, List<CaptureAnalysis> analyses,
                                             List<String> labels, int perScenario, ReportOptions options) {
        if (analyses.size() != labels.size()) throw new IllegalArgumentException("one label per analysis");
        List<String> ids = CaptureLabels.ids(labels);
        Map<String, Integer> indexOf = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) indexOf.put(labels.get(i), i);
        List<Chosen> chosen = choose(runs, perScenario);
        Map<String, Chosen> chosenByLabel = new LinkedHashMap<>();
        List<Row> rows = Tables.rows(runs);
        for (Chosen c : chosen) chosenByLabel.put(rows.get(c.row()).text("capture"), c);
        List<CaptureAnalysis> reported = new ArrayList<>();
        List<String> reportedLabels = new ArrayList<>();
        List<String> reportedIds = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            if (!chosenByLabel.containsKey(labels.get(i))) continue;
            reported.add(analyses.get(i));
            reportedLabels.add(labels.get(i));
            reportedIds.add(ids.get(i));
        }
        boolean everyRun = reported.size() == analyses.size();

        List<Map<String, DataTable>> allTables = new ArrayList<>();
        for (CaptureAnalysis a : analyses) allTables.add(a.tables());
        DataTable captures = ReportModels.capturesTable(analyses, labels, allTables);
        ReportModel perRun;
        if (reported.isEmpty()) {
            perRun = new ReportModel("", "", List.of(), List.of(captures));
        } else {
            ReportModel r = ReportModels.report(reported, reportedLabels, reportedIds, options);
            List<Part> parts = new ArrayList<>();
            for (Part p : r.parts()) {
                Chosen c = chosenByLabel.get(p.title());
                if (c == null || everyRun) {
                    parts.add(p);
                    continue;
                }
                List<Fact> facts = new ArrayList<>();
                Row row = rows.get(c.row());
                facts.add(new Fact("in this comparison", row.text("group") + ", run " + row.text("run") + ": "
                        + rankText(c)));
                facts.addAll(p.facts());
                parts.add(new Part(p.id(), p.title(), facts, p.warnings(), p.sections()));
            }
            List<DataTable> tables = new ArrayList<>();
            for (DataTable t : r.tables()) tables.add(t.name().equals(ReportModels.CAPTURES_TABLE) ? captures : t);
            perRun = new ReportModel(r.title(), r.subtitle(), parts, tables, r.tableCharts());
        }
        if (everyRun) return CompareModels.withRuns(comparison, perRun);

        int others = analyses.size() - reported.size();
        String how = "For any other run: mpcap report on its capture, or this comparison again with --run-reports "
                + "all (or a larger number).";
        String notice = reported.isEmpty()
                ? "No run has its own report in this comparison (--run-reports 0). " + how
                : "Only " + reported.size() + " of the " + analyses.size() + " runs have their own report below (at "
                        + "most " + perScenario + " per scenario, chosen as \"" + SECTION_TITLE + "\" explains): their "
                        + "captures are links in the per-run metrics table. The " + others + " others have their "
                        + "metrics in these tables only. " + how;
        ReportModel linked = CompareModels.withRuns(comparison, perRun, reported.isEmpty() ? ""
                : " In the per-run metrics table, a capture shown as a link has its own report below.");

        DataTable table = table(runs, chosen, analyses, indexOf);
        List<Part> parts = new ArrayList<>();
        for (Part p : linked.parts()) {
            if (!p.id().equals("compare")) {
                parts.add(p);
                continue;
            }
            List<Fact> facts = new ArrayList<>(p.facts());
            facts.add(new Fact("own reports", reported.size() + " of " + analyses.size() + " runs, at most "
                    + perScenario + " per scenario"));
            List<Section> sections = new ArrayList<>();
            for (Section s : p.sections()) {
                if (!s.id().equals(CompareModels.RUNS_SECTION)) {
                    sections.add(s);
                    continue;
                }
                List<String> notices = new ArrayList<>(s.notices());
                notices.add(notice);
                sections.add(new Section(s.id(), s.title(), s.intro(), s.tables(), s.charts(), s.notes(), notices));
            }
            sections.add(section(table, reportedIds, reportedLabels, perScenario, how, options));
            parts.add(new Part(p.id(), p.title(), facts, p.warnings(), sections));
        }
        List<DataTable> tables = new ArrayList<>(linked.tables());
        tables.add(table);
        return new ReportModel(linked.title(), linked.subtitle(), parts, tables, linked.tableCharts());
    }

    static final String SECTION_TITLE = "Runs with their own report";

    private static Section section(DataTable table, List<String> ids, List<String> labels, int perScenario,
                                   String how, ReportOptions options) {
        Map<String, String> idOf = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) idOf.put(labels.get(i), ids.get(i));
        List<String> links = new ArrayList<>();
        int c = table.columnIndex("capture");
        for (Object[] r : table.rows()) links.add(idOf.get(String.valueOf(r[c])));
        TableView view = ReportModels.view(table, options);
        List<TableView> views = table.rowCount() == 0 ? List.of()
                : List.of(new TableView(view.table(), view.totalRows(), view.fullName(), "capture", links));
        String intro = (perScenario == 0 ? "No run" : "At most " + perScenario + " run" + (perScenario == 1 ? "" : "s")
                + " per scenario") + (perScenario == 1 ? " has its" : " have their") + " own report below (the charts and "
                + "tables of mpcap report; the per-capture tables in csv/ and tables.xlsx hold these runs only); every "
                + "run's metrics are in the tables above and csv/runs.csv. The runs are chosen by the transfer rate "
                + "of their main connection: each scenario's runs are ranked from the slowest (runs without a rate "
                + "first) to the fastest, and the chosen ones are spread evenly over that ranking (the slowest, the "
                + "fastest and runs at equal rank steps between them), so that they cover the range the box plots "
                + "summarise rather than only the first runs recorded. " + how;
        return new Section(TABLE, SECTION_TITLE, intro, views, List.of(), table.rowCount() == 0
                ? List.of("No run has its own report (--run-reports 0).") : List.of());
    }

    /** Table {@value #TABLE}: the chosen runs, scenarios in the runs table's order, each from the slowest. */
    private static DataTable table(DataTable runs, List<Chosen> chosen, List<CaptureAnalysis> analyses,
                                   Map<String, Integer> indexOf) {
        int rateColumn = runs.columnIndex(RANK_METRIC);
        Column rate = rateColumn >= 0 ? runs.columns().get(rateColumn)
                : Column.decimal(RANK_METRIC, 3, "kB/s (1 kB = 1000 B)", "Transfer rate of the main connection");
        DataTable t = new DataTable(TABLE, "Runs with their own report in this comparison", List.of(
                Column.text("group", "Scenario (NAME of NAME=PATH)"),
                Column.integer("run", "", "Run number within the group"),
                Column.text("capture", "Capture of the run, as in table runs"),
                new Column(RANK_METRIC, rate.type(), rate.decimals(), rate.unit(), rate.description()),
                Column.integer("rate_rank", "", "Rank of the run in its scenario by transfer rate, 1 = slowest "
                        + "(runs without a rate first, ties in run order)"),
                Column.integer("group_runs", "", "Runs of the scenario"),
                Column.text("path", "File as given on the command line")));
        List<Row> rows = Tables.rows(runs);
        List<String> groups = new ArrayList<>(Tables.groupBy(rows, "group").keySet());
        List<Chosen> ordered = new ArrayList<>(chosen);
        ordered.sort(Comparator.<Chosen>comparingInt(c -> groups.indexOf(String.valueOf(rows.get(c.row()).get("group"))))
                .thenComparingInt(Chosen::rank));
        for (Chosen c : ordered) {
            Row r = rows.get(c.row());
            Integer i = indexOf.get(r.text("capture"));
            Path path = i == null ? null : analyses.get(i).path();
            t.add(r.text("group"), r.get("run"), r.text("capture"), r.get(RANK_METRIC), (long) c.rank(),
                    (long) c.groupRuns(), path == null ? null : path.toString());
        }
        return t;
    }

    /** "rank 1 of 100 by transfer rate (slowest)". */
    static String rankText(Chosen c) {
        int n = c.groupRuns();
        String where = !c.rated() ? " (no transfer rate)" : c.rank() == 1 ? " (slowest)" : c.rank() == n ? " (fastest)"
                : n % 2 == 1 && c.rank() == (n + 1) / 2 ? " (median)" : "";
        return String.format(Locale.ROOT, "rank %d of %d by transfer rate%s", c.rank(), c.groupRuns(), where);
    }
}
