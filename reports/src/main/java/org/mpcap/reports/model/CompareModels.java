package org.mpcap.reports.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mpcap.analyzer.stats.runs.BoxPlot;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;
import org.mpcap.reports.chart.ChartSpec;
import org.mpcap.reports.model.ReportModel.ChartView;
import org.mpcap.reports.model.ReportModel.Fact;
import org.mpcap.reports.model.ReportModel.Part;
import org.mpcap.reports.model.ReportModel.Section;
import org.mpcap.reports.model.ReportModel.TableView;
import org.mpcap.reports.model.Tables.Row;

/**
 * Builds the {@link ReportModel} of {@code mpcap compare} from the analyzer's tables {@code runs} (one row per
 * run), {@code aggregate} (per group and metric) and {@code comparison} (per pair of groups and metric): the
 * report's side-by-side tables (Table 3: rate and time per run, Table 4: establishment intervals per run) as
 * pivots of {@code runs}, the summary, the tests, and per metric a bar chart of mean ± sample standard
 * deviation and a box plot of the runs. Reshaping only: every number is one of the analyzer's.
 */
public final class CompareModels {
    private CompareModels() {}

    /**
     * The comparison report.
     *
     * @param runs       table {@code runs} (group, run, capture, metric columns)
     * @param aggregate  table {@code aggregate}, or null if not available
     * @param comparison table {@code comparison}, or null if not available (or fewer than two groups)
     */
    public static ReportModel compare(DataTable runs, DataTable aggregate, DataTable comparison,
                                      ReportOptions options) {
        return compare(runs, aggregate, comparison, options, List.of());
    }

    /**
     * The comparison report.
     *
     * @param warnings sentences shown with the comparison (e.g. observation rows that match no run)
     */
    public static ReportModel compare(DataTable runs, DataTable aggregate, DataTable comparison,
                                      ReportOptions options, List<String> warnings) {
        List<String> groups = new ArrayList<>(Tables.groupBy(Tables.rows(runs), "group").keySet());
        List<Fact> facts = new ArrayList<>();
        Map<String, List<Row>> byGroup = Tables.groupBy(Tables.rows(runs), "group");
        for (String g : groups) facts.add(new Fact(g, byGroup.get(g).size() + " run(s)"));

        List<DataTable> pivots = new ArrayList<>();
        List<String> transfer = present(runs, List.of("rate_kBps", "duration_s"));
        List<String> intervals = startingWith(runs, "interval_");
        List<String> shares = startingWith(runs, "packet_share_");
        shares.addAll(startingWith(runs, "payload_share_"));
        List<String> rtt = startingWith(runs, "rtt_mean_ms");
        List<String> obs = startingWith(runs, "obs_");
        if (!transfer.isEmpty()) pivots.add(pivot(runs, groups, transfer, "runs-transfer",
                "Data transfer rate and time per run (report Table 3)", options));
        if (!intervals.isEmpty()) pivots.add(pivot(runs, groups, firstIntervals(intervals), "runs-intervals",
                "Time intervals between subflow establishments per run (report Table 4)", options));
        if (!shares.isEmpty()) pivots.add(pivot(runs, groups, shares, "runs-shares",
                "Packet and payload share per client interface per run", options));
        if (!rtt.isEmpty()) pivots.add(pivot(runs, groups, rtt, "runs-rtt", "Mean RTT per run", options));
        if (!obs.isEmpty()) pivots.add(pivot(runs, groups, obs, "runs-observations",
                "Application-side observations per run (--observations)", options));

        List<TableView> runViews = new ArrayList<>();
        for (DataTable p : pivots) runViews.add(ReportModels.view(p, options));
        runViews.add(ReportModels.view(runs, options));
        Section runsSection = new Section(RUNS_SECTION, "Observations per run", "One column per scenario and metric, "
                + "one row per run (the run number is taken from the capture's name, run-03.pcap being run 3; where a "
                + "scenario's names carry no distinct run numbers, it is the capture's position in name order). "
                + "The main connection of a run is its MPTCP connection with the most data bytes; flowN is its "
                + "subflow N-1.", runViews, List.of(), List.of());

        List<String> notes = new ArrayList<>();
        List<TableView> summaryViews = new ArrayList<>();
        List<ChartView> charts = new ArrayList<>();
        List<DataTable> summaries = new ArrayList<>();
        DataTable sortedAggregate = null;
        if (aggregate == null) {
            notes.add("The analyzer produced no aggregate table, so no summary statistics are shown.");
        } else {
            sortedAggregate = byMetric(aggregate);
            if (!transfer.isEmpty()) summaries.add(summary(runs, aggregate, groups, transfer, "summary-transfer",
                    "Data transfer rate and time: statistics per scenario", options));
            if (!intervals.isEmpty()) summaries.add(summary(runs, aggregate, groups, firstIntervals(intervals),
                    "summary-intervals", "Subflow establishment intervals: statistics per scenario", options));
            List<String> other = new ArrayList<>(present(runs, List.of("subflows_up")));
            other.addAll(present(runs, List.of("rtt_mean_ms")));
            if (!other.isEmpty()) summaries.add(summary(runs, aggregate, groups, other, "summary-subflows-rtt",
                    "Subflows established and mean RTT: statistics per scenario", options));
            if (!shares.isEmpty()) summaries.add(summary(runs, aggregate, groups, shares, "summary-shares",
                    "Packet and payload share per client interface: statistics per scenario", options));
            List<String> obsNumeric = new ArrayList<>();
            for (String m : obs) if (numeric(runs, m)) obsNumeric.add(m);
            if (!obsNumeric.isEmpty()) summaries.add(summary(runs, aggregate, groups, obsNumeric,
                    "summary-observations", "Application-side observations: statistics per scenario", options));
            for (DataTable t : summaries) summaryViews.add(ReportModels.view(t, options));
            List<String> charted = new ArrayList<>(transfer);
            charted.addAll(firstIntervals(intervals));
            charted.addAll(present(runs, List.of("subflows_up", "rtt_mean_ms")));
            for (String metric : charted) charts.addAll(metricCharts(runs, aggregate, groups, metric));
            List<String> packetShares = startingWith(runs, "packet_share_");
            if (!packetShares.isEmpty()) charts.add(shareChart(aggregate, groups, packetShares, options));
        }
        Section summary = new Section("summary", "Summary per scenario", "Per scenario and metric (one column "
                + "each, scenarios side by side): number of runs n, mean, standard deviation both ways — "
                + "σ (sample, n−1) as in the report's Table 4 and σ (population, n) as in its Table 3 — standard "
                + "error of the mean, 95% confidence interval of the mean (Student t, n−1 degrees of freedom), "
                + "minimum, median and maximum. All rows in csv/aggregate.csv. Charts: means with 95% confidence "
                + "intervals, and box plots of the runs.", summaryViews, charts, notes);

        List<TableView> testViews = new ArrayList<>();
        List<String> testNotes = new ArrayList<>();
        if (comparison == null) {
            testNotes.add("The analyzer produced no comparison table, so no tests are shown.");
        } else if (comparison.rowCount() == 0) {
            testNotes.add("Tests need at least two scenarios.");
        } else {
            testViews.add(ReportModels.view(comparison, options));
        }
        Section tests = new Section("comparison", "Differences between scenarios", "For every pair of scenarios "
                + "and metric: difference of the means, Welch's t-test (unequal variances) and the Mann-Whitney U "
                + "test, two-sided p-values.", testViews, List.of(), testNotes);

        List<TableView> headlineViews = new ArrayList<>();
        List<String> headlineNotes = new ArrayList<>();
        DataTable headline = aggregate == null || comparison == null || comparison.rowCount() == 0 ? null
                : headline(runs, aggregate, comparison, groups, headlineMetrics(runs), options);
        if (headline == null) headlineNotes.add("The headline needs two scenarios and the analyzer's aggregate "
                + "and comparison tables.");
        else headlineViews.add(ReportModels.view(headline, options));
        Section headlineSection = new Section("headline", "Scenarios compared", "Per metric: mean ± σ (sample "
                + "standard deviation, n−1) of each scenario's runs, the difference of the means with its 95% "
                + "confidence interval (Welch), the two-sided p-values of Welch's t-test and of the Mann-Whitney U "
                + "test, and a verdict at α = " + ALPHA_TEXT + " (\"higher\"/\"lower\" when both tests find the "
                + "difference, with \"(Welch only)\" or \"(Mann-Whitney only)\" when one does). Every statistic is in the tables below and in "
                + "csv/aggregate.csv and csv/comparison.csv at full precision.", headlineViews, List.of(),
                headlineNotes);

        List<DataTable> full = new ArrayList<>();
        if (headline != null) full.add(headline);
        full.add(runs);
        full.addAll(pivots);
        full.addAll(summaries);
        if (sortedAggregate != null) full.add(sortedAggregate);
        if (comparison != null) full.add(comparison);
        Part part = new Part("compare", "Comparison of " + String.join(", ", groups), facts, warnings,
                List.of(headlineSection, runsSection, summary, tests));
        List<ReportModel.TableChart> tableCharts = new ArrayList<>();
        if (aggregate != null) {
            List<String> chartedMetrics = new ArrayList<>(transfer);
            chartedMetrics.addAll(firstIntervals(intervals));
            chartedMetrics.addAll(present(runs, List.of("subflows_up", "rtt_mean_ms")));
            chartedMetrics.addAll(startingWith(runs, "packet_share_"));
            DataTable means = means(runs, aggregate, groups, chartedMetrics, options);
            full.add(means);
            for (String metric : chartedMetrics) {
                String unit = shortUnit(runs.columns().get(runs.columnIndex(metric)).unit());
                tableCharts.add(new ReportModel.TableChart(false, metricLabel(metric, options)
                        + (unit.isEmpty() ? "" : " (" + unit + ")") + ": mean per scenario, 95% CI", means.name(), "scenario", "mean", null, Map.of("metric", metric),
                        List.of(), "ci95_half_width"));
            }
        }
        for (DataTable p : pivots) {
            if (p.name().equals("runs-observations")) continue;
            // One chart per metric: the runs side by side, a bar per scenario.
            Map<String, List<String>> byLabel = new LinkedHashMap<>();
            for (Column c : p.columns()) {
                int k = c.name().indexOf(": ");
                if (k > 0) byLabel.computeIfAbsent(c.name().substring(k + 2), x -> new ArrayList<>()).add(c.name());
            }
            byLabel.forEach((label, cols) -> tableCharts.add(new ReportModel.TableChart(false, label
                    + " per run", p.name(), "run", cols.get(0), null, Map.of(), cols.subList(1, cols.size()), null)));
        }
        return new ReportModel("MPTCP scenario comparison", String.join(" vs ", groups), List.of(part), full,
                tableCharts);
    }

    /**
     * The comparison followed by each run's own report (the parts of {@code perRun}, one per capture, without its
     * overview), the {@code capture} cells of the comparison's runs table linking to them; tables and spreadsheet
     * charts of both.
     */
    public static ReportModel withRuns(ReportModel comparison, ReportModel perRun) {
        return withRuns(comparison, perRun, " In the per-run metrics table, each capture links to that run's own "
                + "report below.");
    }

    /** {@link #withRuns(ReportModel, ReportModel)}, {@code linkSentence} ending the runs section's intro. */
    static ReportModel withRuns(ReportModel comparison, ReportModel perRun, String linkSentence) {
        List<Part> parts = new ArrayList<>();
        for (Part p : comparison.parts()) parts.add(linkRuns(p, perRun, linkSentence));
        for (Part p : perRun.parts()) if (!p.id().equals("overview")) parts.add(p);
        List<DataTable> tables = new ArrayList<>(comparison.tables());
        java.util.Set<String> names = new java.util.HashSet<>();
        for (DataTable t : tables) names.add(t.name());
        for (DataTable t : perRun.tables()) if (names.add(t.name())) tables.add(t);
        List<ReportModel.TableChart> charts = new ArrayList<>(comparison.tableCharts());
        charts.addAll(perRun.tableCharts());
        return new ReportModel(comparison.title(), comparison.subtitle(), parts, tables, charts);
    }

    private static Part linkRuns(Part p, ReportModel perRun, String linkSentence) {
        Map<String, String> idOf = new LinkedHashMap<>();
        for (Part r : perRun.parts()) idOf.put(r.title(), r.id());
        List<Section> sections = new ArrayList<>();
        for (Section s : p.sections()) {
            List<TableView> views = new ArrayList<>();
            for (TableView v : s.tables()) {
                int c = v.table().columnIndex("capture");
                if (!v.fullName().equals(RUNS_TABLE) || c < 0) {
                    views.add(v);
                    continue;
                }
                List<String> links = new ArrayList<>();
                for (Object[] r : v.table().rows()) links.add(r[c] == null ? null : idOf.get(r[c].toString()));
                views.add(new TableView(v.table(), v.totalRows(), v.fullName(), "capture", links));
            }
            String intro = s.id().equals(RUNS_SECTION) ? s.intro() + linkSentence : s.intro();
            sections.add(new Section(s.id(), s.title(), intro, views, s.charts(), s.notes(), s.notices()));
        }
        return new Part(p.id(), p.title(), p.facts(), p.warnings(), sections);
    }

    static final String RUNS_TABLE = "runs";
    /** Id of the comparison's section of per-run tables. */
    static final String RUNS_SECTION = "runs";

    /**
     * Table {@code means}, what the spreadsheet's mean charts draw: per metric (rows together) and scenario the
     * mean and the half-width of its 95% confidence interval (from the aggregate's ci95 bounds).
     */
    static DataTable means(DataTable runs, DataTable aggregate, List<String> groups, List<String> metrics,
                           ReportOptions options) {
        DataTable t = new DataTable("means", "Mean per scenario and its 95% confidence interval (charts)", List.of(
                Column.text("metric", "Metric column of runs"),
                Column.text("label", "Metric as the charts name it"),
                Column.text("scenario", "Scenario"),
                Column.decimal("mean", -1, "", "Mean of the runs (table aggregate)"),
                Column.decimal("ci95_half_width", -1, "", "Half the width of the 95% confidence interval of the "
                        + "mean, (ci95_high - ci95_low) / 2; empty with one run")));
        Map<String, Row> agg = new LinkedHashMap<>();
        for (Row r : Tables.rows(aggregate)) agg.put(r.text("group") + "\u0000" + r.text("metric"), r);
        for (String m : metrics) {
            String unit = shortUnit(runs.columns().get(runs.columnIndex(m)).unit());
            for (String g : groups) {
                Row r = agg.get(g + "\u0000" + m);
                if (r == null) continue;
                double lo = r.number("ci95_low"), hi = r.number("ci95_high");
                t.add(m, metricLabel(m, options) + (unit.isEmpty() ? "" : " (" + unit + ")"), g,
                        Double.isNaN(r.number("mean")) ? null : r.number("mean"),
                        Double.isNaN(lo) || Double.isNaN(hi) ? null : (hi - lo) / 2);
            }
        }
        return t;
    }

    /** Significance level of the headline's verdicts. */
    static final double ALPHA = 0.05;
    private static final String ALPHA_TEXT = "0.05";

    /**
     * The headline's metrics: transfer rate and time, the report's three intervals, subflows established, mean
     * RTT, packet share per client interface, numeric observations (the per-subflow RTTs and payload shares are in
     * the wide tables).
     */
    static List<String> headlineMetrics(DataTable runs) {
        List<String> m = new ArrayList<>(present(runs, List.of("rate_kBps", "duration_s")));
        m.addAll(firstIntervals(startingWith(runs, "interval_")));
        m.addAll(present(runs, List.of("subflows_up", "rtt_mean_ms")));
        m.addAll(startingWith(runs, "packet_share_"));
        for (String o : startingWith(runs, "obs_")) if (numeric(runs, o)) m.add(o);
        return m;
    }

    /**
     * The headline table: one row per metric (and pair of scenarios, when there are more than two): mean ± σ per
     * scenario, difference of the means [95% CI], Welch and Mann-Whitney p-values and a verdict. The numbers are
     * the analyzer's, printed with one number of decimals per metric (HumanFormat's, so "2123 ± 327").
     */
    static DataTable headline(DataTable runs, DataTable aggregate, DataTable comparison, List<String> groups,
                              List<String> metrics, ReportOptions options) {
        Map<String, Row> agg = new LinkedHashMap<>();
        for (Row r : Tables.rows(aggregate)) agg.put(r.text("group") + "\u0000" + r.text("metric"), r);
        List<Row> pairs = Tables.rows(comparison);
        boolean several = groups.size() > 2;
        List<Column> cols = new ArrayList<>();
        cols.add(Column.text("metric", "Metric, with its unit"));
        if (several) cols.add(Column.text("comparison", "Scenarios compared: a − b"));
        for (String g : groups) cols.add(Column.text(g + ": mean ± σ", "Mean ± sample standard deviation (n−1) of "
                + "the runs of " + g));
        String diffName = several ? "difference a − b" : "difference " + groups.get(0) + " − " + groups.get(1);
        cols.add(Column.text(diffName, "Difference of the means, and its 95% confidence interval (Welch)"));
        cols.add(Column.decimal("Welch p", -1, "", "Two-sided p-value of Welch's t-test"));
        cols.add(Column.decimal("Mann-Whitney p", -1, "", "Two-sided p-value of the Mann-Whitney U test"));
        cols.add(Column.text("verdict", "At α = " + ALPHA_TEXT + ": higher/lower when both tests find the "
                + "difference"));
        DataTable t = new DataTable("headline", "Scenarios compared (mean ± σ, difference with 95% CI, tests)", cols);
        for (String metric : metrics) {
            Column mc = runs.columns().get(runs.columnIndex(metric));
            for (Row pair : pairs) {
                if (!metric.equals(pair.text("metric"))) continue;
                String a = pair.text("group_a"), b = pair.text("group_b");
                Row ra = agg.get(a + "\u0000" + metric);
                double scale = ra == null ? Double.NaN : Math.abs(ra.number("mean"));
                int decimals = org.mpcap.reports.table.HumanFormat.decimalsFor(scale,
                        mc.type() == DataTable.ColumnType.DECIMAL ? mc.decimals() : -1);
                Row rb = agg.get(b + "\u0000" + metric);
                // every shown value whole (a count alike in all runs): "3 ± 0", not "3.000 ± 0.000"
                if (ra != null && rb != null && whole(ra.number("mean"), ra.number("std_sample"), rb.number("mean"),
                        rb.number("std_sample"), pair.number("diff"), pair.number("diff_ci95_low"),
                        pair.number("diff_ci95_high"))) {
                    decimals = 0;
                }
                List<Object> v = new ArrayList<>();
                String unit = shortUnit(mc.unit());
                v.add(metricLabel(metric, options) + (unit.isEmpty() ? "" : " (" + unit + ")"));
                if (several) v.add(a + " − " + b);
                for (String g : groups) {
                    Row r = agg.get(g + "\u0000" + metric);
                    boolean inPair = g.equals(a) || g.equals(b);
                    v.add(r == null || !inPair ? "" : meanSd(r.number("mean"), r.number("std_sample"), decimals));
                }
                double diff = pair.number("diff");
                String ci = Double.isNaN(pair.number("diff_ci95_low")) ? "" : " [" + num(pair.number("diff_ci95_low"),
                        decimals) + ", " + num(pair.number("diff_ci95_high"), decimals) + "]";
                v.add(Double.isNaN(diff) ? "" : num(diff, decimals) + ci);
                double wp = pair.number("welch_p"), mp = pair.number("mw_p");
                v.add(Double.isNaN(wp) ? null : wp);
                v.add(Double.isNaN(mp) ? null : mp);
                v.add(verdict(a, b, diff, wp, mp));
                t.add(v.toArray());
            }
        }
        return t;
    }

    /** "a higher", "a lower", with "(Welch only)"/"(Mann-Whitney only)" when one test alone finds it, or "no ...". */
    static String verdict(String a, String b, double diff, double welchP, double mwP) {
        boolean w = welchP < ALPHA, m = mwP < ALPHA;
        if (Double.isNaN(diff) || (Double.isNaN(welchP) && Double.isNaN(mwP))) return "not testable";
        if (!w && !m) return "no significant difference";
        String dir = diff > 0 ? a + " higher" : diff < 0 ? a + " lower" : "equal means";
        if (w && m) return dir;
        return dir + (w ? " (Welch only)" : " (Mann-Whitney only)");
    }

    /** True if every value that is a number is a whole number. */
    private static boolean whole(double... values) {
        for (double x : values) if (Double.isFinite(x) && x != Math.rint(x)) return false;
        return true;
    }

    private static String meanSd(double mean, double sd, int decimals) {
        if (Double.isNaN(mean)) return "";
        return num(mean, decimals) + (Double.isNaN(sd) ? "" : " ± " + num(sd, decimals));
    }

    /** A number as the headline prints it: fixed decimals, a true minus sign for negatives. */
    private static String num(double x, int decimals) {
        String s = org.mpcap.reports.table.HumanFormat.fixed(x, decimals).text();
        return s.startsWith("-") ? "\u2212" + s.substring(1) : s;
    }

    /** The headline's name of a metric: {@link #label} with the RTT estimator said. */
    static String metricLabel(String metric, ReportOptions options) {
        if (metric.startsWith("rtt_mean_ms")) return label(metric) + " (" + options.estimators().get(0) + " estimator)";
        if (metric.startsWith("packet_share_")) {
            return "packet share " + options.interfaceName(metric.substring("packet_share_".length()));
        }
        if (metric.startsWith("payload_share_")) {
            return "payload share " + options.interfaceName(metric.substring("payload_share_".length()));
        }
        if (metric.startsWith("obs_")) return "observed " + metric.substring("obs_".length()).replace('_', ' ');
        return label(metric);
    }

    private static List<String> present(DataTable t, List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) if (t.columnIndex(n) >= 0) out.add(n);
        return out;
    }

    private static List<String> startingWith(DataTable t, String prefix) {
        List<String> out = new ArrayList<>();
        for (Column c : t.columns()) if (c.name().startsWith(prefix)) out.add(c.name());
        return out;
    }

    /** The report's three intervals (flow1-flow2, flow2-flow3, flow1-flow3) when present, else all. */
    static List<String> firstIntervals(List<String> intervals) {
        List<String> want = List.of("interval_flow1_flow2_s", "interval_flow2_flow3_s", "interval_flow1_flow3_s");
        List<String> out = new ArrayList<>();
        for (String w : want) if (intervals.contains(w)) out.add(w);
        return out.isEmpty() ? intervals : out;
    }

    /** Runs side by side: one row per run number, one column per group × metric. */
    static DataTable pivot(DataTable runs, List<String> groups, List<String> metrics, String name, String title) {
        return pivot(runs, groups, metrics, name, title, ReportOptions.DEFAULTS);
    }

    static DataTable pivot(DataTable runs, List<String> groups, List<String> metrics, String name, String title,
                           ReportOptions options) {
        List<Column> cols = new ArrayList<>();
        cols.add(Column.integer("run", "", "Run number within each scenario"));
        for (String g : groups) {
            for (String m : metrics) {
                Column c = runs.columns().get(runs.columnIndex(m));
                cols.add(new Column(g + ": " + columnLabel(m, options), c.type(), c.decimals(), shortUnit(c.unit()),
                        g + ": " + c.description() + unitNote(c.unit())));
            }
        }
        DataTable t = new DataTable(name, title, cols);
        Set<Long> runNumbers = new TreeSet<>();
        Map<String, Row> index = new LinkedHashMap<>();
        for (Row r : Tables.rows(runs)) {
            long n = r.integer("run", -1);
            runNumbers.add(n);
            index.put(r.text("group") + "\u0000" + n, r);
        }
        for (long n : runNumbers) {
            Object[] v = new Object[cols.size()];
            v[0] = n;
            int k = 1;
            for (String g : groups) {
                Row r = index.get(g + "\u0000" + n);
                for (String m : metrics) v[k++] = r == null ? null : r.get(m);
            }
            t.add(v);
        }
        return t;
    }

    /** The aggregate rows ordered by metric (in first-appearance order), then group: scenarios side by side. */
    static DataTable byMetric(DataTable aggregate) {
        DataTable t = aggregate.emptyCopy();
        Map<String, List<Row>> m = Tables.groupBy(Tables.rows(aggregate), "metric");
        for (List<Row> rows : m.values()) for (Row r : rows) t.add(r.values());
        return t;
    }

    /**
     * Short column label of a metric in the side-by-side tables, after the scenario name: "rate", "time",
     * "flow1-flow2" (report Tables 3 and 4), "packets 10.0.1.6", "mean RTT flow2", "obs rate_kBps"...
     */
    static String columnLabel(String metric) {
        return columnLabel(metric, ReportOptions.DEFAULTS);
    }

    /** {@link #columnLabel(String)} with the client addresses named by the options' aliases. */
    static String columnLabel(String metric, ReportOptions o) {
        if (metric.equals("rate_kBps")) return "rate";
        if (metric.equals("duration_s")) return "time";
        if (metric.equals("subflows_up")) return "subflows up";
        if (metric.startsWith("interval_") && metric.endsWith("_s")) {
            return metric.substring("interval_".length(), metric.length() - 2).replace('_', '-');
        }
        if (metric.startsWith("packet_share_")) return "packets " + o.interfaceName(metric.substring("packet_share_".length()));
        if (metric.startsWith("payload_share_")) return "payload " + o.interfaceName(metric.substring("payload_share_".length()));
        if (metric.equals("rtt_mean_ms")) return "mean RTT";
        if (metric.startsWith("rtt_mean_ms_")) return "mean RTT " + metric.substring("rtt_mean_ms_".length());
        if (metric.startsWith("obs_")) return "obs " + metric.substring("obs_".length());
        return metric;
    }

    private static final java.util.regex.Pattern ESTIMATOR = java.util.regex.Pattern.compile("\\((\\w+) estimator\\)");

    /** ", ack estimator" for a column whose description names its RTT estimator ("Mean RTT (ack estimator)…"). */
    static String estimatorNote(Column c) {
        java.util.regex.Matcher m = ESTIMATOR.matcher(c.description());
        return m.find() ? ", " + m.group(1) + " estimator" : "";
    }

    /** Axis label of a metric: "transfer rate", "interval flow1-flow2"... */
    static String label(String metric) {
        return switch (metric) {
            case "rate_kBps" -> "transfer rate";
            case "duration_s" -> "transfer time";
            case "subflows_up" -> "subflows established";
            case "rtt_mean_ms" -> "mean RTT";
            default -> metric.startsWith("interval_")
                    ? "interval " + metric.substring("interval_".length(), metric.length() - 2).replace('_', '-')
                    : metric.replace('_', ' ');
        };
    }

    private static List<ChartView> metricCharts(DataTable runs, DataTable aggregate, List<String> groups,
                                                String metric) {
        Column c = runs.columns().get(runs.columnIndex(metric));
        String label = label(metric) + estimatorNote(c);
        double[] mean = new double[groups.size()];
        double[] err = new double[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            String g = groups.get(i);
            List<Row> rows = Tables.rows(aggregate, r -> g.equals(r.text("group")) && metric.equals(r.text("metric")));
            mean[i] = rows.isEmpty() ? Double.NaN : rows.get(0).number("mean");
            err[i] = rows.isEmpty() ? 0 : ciHalfWidth(rows.get(0));
        }
        String id = metric.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        List<ChartView> out = new ArrayList<>();
        boolean allMeans = java.util.Arrays.stream(mean).noneMatch(Double::isNaN);
        if (allMeans) out.add(new ChartView("compare-mean-" + id, ChartSpec.bars(label + ": mean per scenario",
                "scenario", label, shortUnit(c.unit()), groups, List.of(new ChartSpec.Series("mean with 95% CI", null, mean,
                        err))), "Bar: mean of the runs; whiskers: 95% confidence interval of the mean (Student t, "
                        + "n−1 df; none when a scenario has one run)."));
        List<ChartSpec.Box> boxes = new ArrayList<>();
        Map<String, List<Row>> byGroup = Tables.groupBy(Tables.rows(runs), "group");
        for (String g : groups) {
            double[] v = Tables.column(byGroup.get(g), metric);
            if (java.util.Arrays.stream(v).noneMatch(Double::isFinite)) continue;
            BoxPlot b = BoxPlot.of(v);
            boxes.add(new ChartSpec.Box(g, b.n(), b.q1(), b.median(), b.q3(), b.lowerWhisker(), b.upperWhisker(),
                    b.outliers()));
        }
        if (!boxes.isEmpty()) {
            out.add(new ChartView("compare-box-" + id, ChartSpec.box(label + ": runs per scenario", "scenario",
                    label, shortUnit(c.unit()), boxes), "Box: quartiles of the runs (line: median); whiskers: the "
                    + "most extreme runs within 1.5 IQR of the box (Tukey); circles: runs beyond them."));
        }
        return out;
    }

    private static ChartView shareChart(DataTable aggregate, List<String> groups, List<String> shareColumns,
                                        ReportOptions options) {
        List<String> addresses = new ArrayList<>();
        for (String s : shareColumns) addresses.add(options.interfaceName(s.substring("packet_share_".length())));
        List<ChartSpec.Series> series = new ArrayList<>();
        for (String g : groups) {
            double[] mean = new double[addresses.size()];
            double[] err = new double[addresses.size()];
            for (int i = 0; i < addresses.size(); i++) {
                String metric = shareColumns.get(i);
                List<Row> rows = Tables.rows(aggregate, r -> g.equals(r.text("group"))
                        && metric.equals(r.text("metric")));
                mean[i] = rows.isEmpty() ? Double.NaN : rows.get(0).number("mean");
                err[i] = rows.isEmpty() ? 0 : ciHalfWidth(rows.get(0));
            }
            series.add(new ChartSpec.Series(g, null, mean, err));
        }
        return new ChartView("compare-packet-share", ChartSpec.bars("Packet share per client interface",
                "client address", "share of MPTCP packets", "%", addresses, series),
                "Bar: mean over the runs of each scenario; whiskers: 95% confidence interval of the mean.");
    }

    /** Half the width of an aggregate row's 95% CI (the CI is symmetric about the mean), 0 when undefined. */
    private static double ciHalfWidth(Row r) {
        double lo = r.number("ci95_low"), hi = r.number("ci95_high");
        return Double.isNaN(lo) || Double.isNaN(hi) ? 0 : (hi - lo) / 2;
    }

    /** Statistic rows of the summary pivots: label and column of table {@code aggregate}. */
    static final List<String[]> STATISTICS = List.of(
            new String[] {"n (runs with a value)", "n"},
            new String[] {"mean", "mean"},
            new String[] {"σ (sample, n−1)", "std_sample"},
            new String[] {"σ (population, n)", "std_population"},
            new String[] {"standard error of the mean", "sem"},
            new String[] {"95% CI of the mean, low", "ci95_low"},
            new String[] {"95% CI of the mean, high", "ci95_high"},
            new String[] {"min", "min"},
            new String[] {"median", "median"},
            new String[] {"max", "max"});

    /**
     * The aggregate of {@code metrics} side by side (report Tables 3 and 4 style): one row per statistic, one
     * column per scenario × metric, numbers printed with the metric's decimals.
     */
    static DataTable summary(DataTable runs, DataTable aggregate, List<String> groups, List<String> metrics,
                             String name, String title) {
        return summary(runs, aggregate, groups, metrics, name, title, ReportOptions.DEFAULTS);
    }

    static DataTable summary(DataTable runs, DataTable aggregate, List<String> groups, List<String> metrics,
                             String name, String title, ReportOptions options) {
        List<Column> cols = new ArrayList<>();
        cols.add(Column.text("statistic", "Statistic over the runs of each scenario"));
        for (String g : groups) {
            for (String m : metrics) {
                Column c = runs.columns().get(runs.columnIndex(m));
                // Means of integers need decimals (HumanFormat picks them); the count row n prints as an integer.
                int decimals = c.type() == DataTable.ColumnType.INTEGER ? -1 : c.decimals();
                cols.add(Column.decimal(g + ": " + columnLabel(m, options), decimals, shortUnit(c.unit()),
                        g + ": " + c.description() + unitNote(c.unit())));
            }
        }
        DataTable t = new DataTable(name, title, cols);
        Map<String, Row> index = new LinkedHashMap<>();
        for (Row r : Tables.rows(aggregate)) index.put(r.text("group") + "\u0000" + r.text("metric"), r);
        for (String[] stat : STATISTICS) {
            Object[] v = new Object[cols.size()];
            v[0] = stat[0];
            int k = 1;
            for (String g : groups) {
                for (String m : metrics) {
                    Row r = index.get(g + "\u0000" + m);
                    Object x = r == null ? null : r.get(stat[1]);
                    v[k++] = x instanceof Number n ? n.doubleValue() : null;
                }
            }
            t.add(v);
        }
        return t;
    }

    /** A unit without its parenthesised remark ("kB/s (1 kB = 1000 B)" → "kB/s"), for headers and axes. */
    static String shortUnit(String unit) {
        return org.mpcap.reports.table.TableWriter.shortUnit(unit);
    }

    /** The remark {@link #shortUnit} drops, as a sentence for a column description, or "". */
    private static String unitNote(String unit) {
        String s = shortUnit(unit);
        return s.equals(unit) ? "" : "; unit " + unit;
    }

    /** True if {@code column} of {@code t} exists and holds numbers. */
    private static boolean numeric(DataTable t, String column) {
        int i = t.columnIndex(column);
        if (i < 0) return false;
        DataTable.ColumnType ty = t.columns().get(i).type();
        return ty == DataTable.ColumnType.INTEGER || ty == DataTable.ColumnType.DECIMAL
                || ty == DataTable.ColumnType.SECONDS;
    }
}
