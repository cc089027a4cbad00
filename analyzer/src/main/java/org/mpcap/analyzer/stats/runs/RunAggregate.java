package org.mpcap.analyzer.stats.runs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/**
 * Statistics across repeated runs ({@code mpcap aggregate}): per group and metric the descriptive statistics,
 * and between every pair of groups Welch's t-test and the Mann-Whitney U test. Groups appear in the order of
 * their first observation; pairs (a, b) with a before b; metrics in the order given.
 *
 * <p>Definitions (n = number of non-empty values of the metric in the group):
 * <ul>
 *   <li>{@code mean} = Σx/n (two-pass corrected); {@code std_sample} = √(Σ(x−mean)²/(n−1)), the one the
 *       internship report uses in Table 4; {@code std_population} = √(Σ(x−mean)²/n), the one it uses in
 *       Table 3; {@code sem} = std_sample/√n;</li>
 *   <li>{@code ci95_low}/{@code ci95_high} = mean ∓ t(0.975; n−1)·sem, Student's t with n−1 degrees of
 *       freedom;</li>
 *   <li>{@code median}: middle value, or mean of the two middle values;</li>
 *   <li>undefined values are empty cells: everything when n = 0; std_sample, sem and the CI when n = 1.</li>
 * </ul>
 * Comparison: {@code diff} = mean_a − mean_b; {@code welch_t} = diff/√(s²a/na + s²b/nb), {@code welch_df} by
 * Welch–Satterthwaite, {@code welch_p} two-sided (empty when a group has fewer than 2 values or both variances
 * are 0); {@code diff_ci95_low}/{@code diff_ci95_high} = diff ∓ t(0.975; welch_df)·√(s²a/na + s²b/nb), the
 * Welch confidence interval of the difference (empty when welch_df is); Mann-Whitney as {@link MannWhitney} ({@code mw_u} is U of group a, {@code mw_method} {@code exact} or
 * {@code normal}; empty when a group has no value).
 */
public final class RunAggregate {
    public static final String AGGREGATE_TABLE = "aggregate";
    public static final String COMPARISON_TABLE = "comparison";

    private static Column number(String name, String description) {
        return Column.decimal(name, -1, "", description);
    }

    /** Columns of table {@code aggregate} (a contract: may be extended, never renamed). */
    public static final List<Column> AGGREGATE_COLUMNS = List.of(
            Column.text("group", "Value of the group-by column"),
            Column.text("metric", "Metric column"),
            Column.integer("n", "", "Number of non-empty values"),
            number("mean", "Arithmetic mean"),
            number("std_sample", "Sample standard deviation (divides by n-1)"),
            number("std_population", "Population standard deviation (divides by n)"),
            number("sem", "Standard error of the mean, std_sample/sqrt(n)"),
            number("ci95_low", "Lower bound of the 95% confidence interval of the mean (Student t, n-1 df)"),
            number("ci95_high", "Upper bound of the 95% confidence interval of the mean (Student t, n-1 df)"),
            number("min", "Smallest value"),
            number("median", "Median"),
            number("max", "Largest value"));

    /** Columns of table {@code comparison} (a contract: may be extended, never renamed). */
    public static final List<Column> COMPARISON_COLUMNS = List.of(
            Column.text("group_a", "First group"),
            Column.text("group_b", "Second group"),
            Column.text("metric", "Metric column"),
            Column.integer("n_a", "", "Values in group a"),
            Column.integer("n_b", "", "Values in group b"),
            number("mean_a", "Mean of group a"),
            number("mean_b", "Mean of group b"),
            number("diff", "mean_a - mean_b"),
            number("welch_t", "Welch's t statistic (unequal variances)"),
            number("welch_df", "Welch-Satterthwaite degrees of freedom"),
            number("welch_p", "Two-sided p-value of Welch's t-test"),
            number("mw_u", "Mann-Whitney U of group a (pairs a > b, ties count 1/2)"),
            number("mw_p", "Two-sided p-value of the Mann-Whitney U test"),
            Column.text("mw_method", "How mw_p was computed: exact (no ties, n < 50 each) or normal "
                    + "(tie and continuity corrections)"),
            number("diff_ci95_low", "Lower bound of the 95% confidence interval of diff (Welch: diff - "
                    + "t(0.975; welch_df) * sqrt(s2a/na + s2b/nb))"),
            number("diff_ci95_high", "Upper bound of the 95% confidence interval of diff (Welch)"));

    /** Descriptive statistics of one sample; undefined values are null. */
    public record Summary(int n, Double mean, Double stdSample, Double stdPopulation, Double sem, Double ci95Low,
                          Double ci95High, Double min, Double median, Double max) {
    }

    private RunAggregate() {}

    /** Descriptive statistics of {@code values} (no NaN). */
    public static Summary summarize(double[] values) {
        int n = values.length;
        if (n == 0) return new Summary(0, null, null, null, null, null, null, null, null, null);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double mean = new Mean().evaluate(values);
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double popVar = new Variance(false).evaluate(values, mean);
        Double stdSample = null, sem = null, lo = null, hi = null;
        if (n >= 2) {
            double s = Math.sqrt(new Variance(true).evaluate(values, mean));
            stdSample = s;
            sem = s / Math.sqrt(n);
            double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975);
            lo = mean - t * sem;
            hi = mean + t * sem;
        }
        return new Summary(n, mean, stdSample, Math.sqrt(popVar), sem, lo, hi, sorted[0], median, sorted[n - 1]);
    }

    /** Welch's test result; fields NaN when undefined. */
    record Welch(double t, double df, double p, double ciLow, double ciHigh) {}

    /** Welch's unequal-variances t-test of a against b, two-sided. */
    static Welch welch(double[] a, double[] b) {
        int na = a.length, nb = b.length;
        if (na < 2 || nb < 2) return new Welch(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double ma = new Mean().evaluate(a), mb = new Mean().evaluate(b);
        double va = new Variance(true).evaluate(a, ma) / na, vb = new Variance(true).evaluate(b, mb) / nb;
        double se2 = va + vb;
        if (se2 == 0) return new Welch(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double t = (ma - mb) / Math.sqrt(se2);
        double df = se2 * se2 / (va * va / (na - 1) + vb * vb / (nb - 1));
        TDistribution dist = new TDistribution(null, df);
        double p = 2 * dist.cumulativeProbability(-Math.abs(t));
        double half = dist.inverseCumulativeProbability(0.975) * Math.sqrt(se2);
        return new Welch(t, df, Math.min(1.0, p), ma - mb - half, ma - mb + half);
    }

    /**
     * Values of each metric per group.
     *
     * @throws ObservationsException if a column is missing or a metric cell is not a number
     */
    static Map<String, Map<String, double[]>> samples(Observations obs, String groupBy, List<String> metrics)
            throws ObservationsException {
        obs.checkColumn(groupBy);
        for (String m : metrics) obs.checkColumn(m);
        Map<String, Map<String, List<Double>>> lists = new LinkedHashMap<>();
        for (int r = 0; r < obs.size(); r++) {
            Map<String, List<Double>> g = lists.computeIfAbsent(obs.cell(r, groupBy), k -> {
                Map<String, List<Double>> m = new LinkedHashMap<>();
                for (String metric : metrics) m.put(metric, new ArrayList<>());
                return m;
            });
            for (String metric : metrics) {
                double v = obs.number(r, metric);
                if (!Double.isNaN(v)) g.get(metric).add(v);
            }
        }
        Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
        lists.forEach((group, byMetric) -> {
            Map<String, double[]> m = new LinkedHashMap<>();
            byMetric.forEach((metric, values) -> m.put(metric,
                    values.stream().mapToDouble(Double::doubleValue).toArray()));
            out.put(group, m);
        });
        return out;
    }

    /** Table {@code aggregate}: one row per group and metric. */
    public static DataTable aggregate(Observations obs, String groupBy, List<String> metrics)
            throws ObservationsException {
        DataTable t = new DataTable(AGGREGATE_TABLE, "Statistics per " + groupBy, AGGREGATE_COLUMNS);
        samples(obs, groupBy, metrics).forEach((group, byMetric) -> byMetric.forEach((metric, values) -> {
            Summary s = summarize(values);
            t.add(group, metric, (long) s.n(), s.mean(), s.stdSample(), s.stdPopulation(), s.sem(), s.ci95Low(),
                    s.ci95High(), s.min(), s.median(), s.max());
        }));
        return t;
    }

    /** Table {@code comparison}: every pair of groups, every metric (no rows with fewer than 2 groups). */
    public static DataTable comparison(Observations obs, String groupBy, List<String> metrics)
            throws ObservationsException {
        DataTable t = new DataTable(COMPARISON_TABLE, "Comparison of " + groupBy + " pairs", COMPARISON_COLUMNS);
        Map<String, Map<String, double[]>> samples = samples(obs, groupBy, metrics);
        List<String> groups = new ArrayList<>(samples.keySet());
        for (int i = 0; i < groups.size(); i++) {
            for (int j = i + 1; j < groups.size(); j++) {
                for (String metric : metrics) {
                    double[] a = samples.get(groups.get(i)).get(metric), b = samples.get(groups.get(j)).get(metric);
                    Double meanA = a.length > 0 ? new Mean().evaluate(a) : null;
                    Double meanB = b.length > 0 ? new Mean().evaluate(b) : null;
                    Double diff = meanA != null && meanB != null ? meanA - meanB : null;
                    Welch w = welch(a, b);
                    Double u = null, p = null;
                    String method = null;
                    if (a.length > 0 && b.length > 0) {
                        MannWhitney.Result mw = MannWhitney.test(a, b);
                        u = mw.u();
                        p = orNull(mw.p());
                        method = mw.exact() ? "exact" : "normal";
                    }
                    t.add(groups.get(i), groups.get(j), metric, (long) a.length, (long) b.length, meanA, meanB,
                            diff, orNull(w.t()), orNull(w.df()), orNull(w.p()), u, p, method, orNull(w.ciLow()),
                            orNull(w.ciHigh()));
                }
            }
        }
        return t;
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
