package org.mpcap.reports.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;
import org.mpcap.analyzer.table.DataTable.ColumnType;

/**
 * The one number formatter of every human-facing output — HTML, Markdown, LaTeX and the xlsx number formats —
 * so a cell reads the same in all of them (CSV and JSON keep {@link CellFormat}'s full precision). Decided per
 * table by {@link #of(DataTable)}, from the column and, in long tables with a {@code metric} column, the metric:
 *
 * <ul>
 *   <li>integers (INTEGER columns, {@code Long} cells, and the count row {@code n} of a table with a text column
 *       {@code statistic}, the side-by-side summaries of {@code compare}): digits only ({@code 5}, never
 *       {@code 5.000});</li>
 *   <li>p-values (a column named {@code p}, {@code *_p} or {@code * p}): {@value #P_DIGITS} significant digits
 *       ({@code 0.52}, {@code 0.0012}), and {@code < 1e-6} below {@value #P_FLOOR_TEXT};</li>
 *   <li>SECONDS columns (times since the first packet): 6 decimals (microseconds), as in the CSV;</li>
 *   <li>other decimals: fixed decimals per column — enough for {@value #SIGNIFICANT} significant digits at the
 *       column's lower-decile magnitude, never more than the analyzer's resolution of the column, at most
 *       {@value #MAX_DECIMALS} ({@code 2406.973} kB/s → {@code 2407}, {@code 0.435641} s → {@code 0.4356},
 *       percent {@code 23.66}); in a table with a {@code metric} column (aggregate, comparison) the decimals
 *       come from that metric's mean, and apply to every statistic in its unit (mean, σ, SEM, CI, min, median,
 *       max, difference), so {@code 2123 ± 327} and {@code 0.000565 ± 0.000112} read as a paper writes them
 *       (a metric, or a column of a statistics table, whose values are all whole prints as integers);
 *       test statistics ({@code welch_t}, {@code welch_df}, {@code mw_u}) get {@value #SIGNIFICANT}
 *       significant digits each.</li>
 * </ul>
 * Empty, NaN and infinite values print as "". Text and booleans print as {@link CellFormat} prints them.
 */
public final class HumanFormat {
    /** Significant digits of a decimal at its column's lower-decile (or its metric's median) magnitude. */
    public static final int SIGNIFICANT = 4;
    /** Significant digits of a p-value. */
    public static final int P_DIGITS = 2;
    /** Below this a p-value prints as {@value #P_FLOOR_TEXT}. */
    public static final double P_FLOOR = 1e-6;
    public static final String P_FLOOR_TEXT = "< 1e-6";
    /** No human-facing decimal gets more digits after the point. */
    public static final int MAX_DECIMALS = 9;

    /**
     * A column's decimals are set at this quantile of its magnitudes: 90 % of its values get at least
     * {@value #SIGNIFICANT} significant digits (RTTs from 0.01 ms to 12 ms keep the small ones readable).
     */
    static final double LOW_QUANTILE = 0.1;

    /** A row of a statistics table (text column {@code statistic}) that holds a count: {@code n}, {@code n (runs)}. */
    private static final Pattern COUNT_ROW = Pattern.compile("n( .*)?|n_.*");

    private static final Pattern P_VALUE = Pattern.compile("(?i)(^|.*[_ ])p$");
    /** Statistics of a long table that are in the metric's own unit (and so take the metric's decimals). */
    private static final Pattern IN_METRIC_UNIT = Pattern.compile("(?i)(mean|median|min|max|std|sem|ci95|diff).*");
    /** Columns of a long table that give the metric's scale. */
    private static final Pattern SCALE = Pattern.compile("(?i)mean(_a|_b)?");

    /** Decimals per column (-1: per-cell significant digits; {@link Integer#MIN_VALUE}: not numeric). */
    private final int[] columnDecimals;
    private final int metricColumn;
    /** Decimals per metric for the columns in the metric's unit. */
    private final Map<String, Integer> metricDecimals;
    private final boolean[] inMetricUnit;
    private final DataTable table;
    private final int statisticColumn;

    private HumanFormat(DataTable t, int[] columnDecimals, int metricColumn, Map<String, Integer> metricDecimals,
                        boolean[] inMetricUnit, int statisticColumn) {
        this.table = t;
        this.statisticColumn = statisticColumn;
        this.columnDecimals = columnDecimals;
        this.metricColumn = metricColumn;
        this.metricDecimals = metricDecimals;
        this.inMetricUnit = inMetricUnit;
    }

    /** A cell as shown: its text, and the Excel number format that displays the same text (null: General). */
    public record Cell(String text, String excelFormat) {}

    /** The formatter of {@code t}'s cells (decisions taken once from the whole table). */
    public static HumanFormat of(DataTable t) {
        List<Column> cols = t.columns();
        int n = cols.size();
        int[] dec = new int[n];
        boolean[] inUnit = new boolean[n];
        int statistic = t.columnIndex("statistic");
        if (statistic >= 0 && cols.get(statistic).type() != ColumnType.TEXT) statistic = -1;
        int metric = t.columnIndex("metric");
        if (metric >= 0 && cols.get(metric).type() != ColumnType.TEXT) metric = -1;
        for (int c = 0; c < n; c++) {
            Column col = cols.get(c);
            if (!CellFormat.isNumeric(col)) {
                dec[c] = Integer.MIN_VALUE;
            } else if (col.type() == ColumnType.INTEGER || isPValue(col)) {
                dec[c] = 0;
            } else if (col.type() == ColumnType.SECONDS) {
                dec[c] = CellFormat.SECONDS_DECIMALS;
            } else if (metric >= 0) {
                inUnit[c] = IN_METRIC_UNIT.matcher(col.name()).matches();
                dec[c] = -1;
            } else if (statistic >= 0) {
                // A statistics table (one row per statistic): the decimals of the mean, for every statistic;
                // none for a metric whose statistics are all whole (subflows alike in every run: 3, σ 0).
                dec[c] = allWhole(t, c) ? 0 : decimalsFor(rowValue(t, statistic, "mean", c), col.decimals());
            } else {
                dec[c] = decimalsFor(columnMedian(t, c), col.decimals());
            }
        }
        Map<String, Integer> byMetric = new HashMap<>();
        if (metric >= 0) {
            Map<String, List<Integer>> rows = new HashMap<>();
            for (int r = 0; r < t.rowCount(); r++) {
                Object m = t.rows().get(r)[metric];
                rows.computeIfAbsent(String.valueOf(m), k -> new ArrayList<>()).add(r);
            }
            for (Map.Entry<String, List<Integer>> e : rows.entrySet()) {
                List<Double> scale = new ArrayList<>();
                for (int c = 0; c < n; c++) {
                    if (!inUnit[c] || !SCALE.matcher(cols.get(c).name()).matches()) continue;
                    for (int r : e.getValue()) addMagnitude(scale, t.rows().get(r)[c]);
                }
                // A metric whose every value in its unit is whole (a count of subflows, all runs alike) prints
                // as integers: "3 ± 0", not "3.000 ± 0.000".
                boolean whole = true;
                for (int c = 0; c < n && whole; c++) {
                    if (!inUnit[c]) continue;
                    for (int r : e.getValue()) {
                        Object v = t.rows().get(r)[c];
                        if (v instanceof Number num && Double.isFinite(num.doubleValue())
                                && num.doubleValue() != Math.rint(num.doubleValue())) {
                            whole = false;
                            break;
                        }
                    }
                }
                byMetric.put(e.getKey(), whole ? 0 : decimalsFor(median(scale), -1));
            }
        }
        return new HumanFormat(t, dec, metric, byMetric, inUnit, statistic);
    }

    /** True if the column holds p-values (by name: {@code p}, {@code welch_p}, {@code Mann-Whitney p}...). */
    public static boolean isPValue(Column c) {
        return P_VALUE.matcher(c.name()).matches();
    }

    /** The text of cell ({@code row}, {@code col}) of the table. */
    public String text(int row, int col) {
        return cell(table.rows().get(row), col).text();
    }

    /** The text of column {@code col} of {@code row} (a row of this formatter's table, or one like it). */
    public String text(Object[] row, int col) {
        return cell(row, col).text();
    }

    /** Text and Excel format of column {@code col} of {@code row}. */
    public Cell cell(Object[] row, int col) {
        Column c = table.columns().get(col);
        Object v = row[col];
        if (v == null || CellFormat.isEmpty(c, v)) return new Cell("", null);
        int d = columnDecimals[col];
        if (d == Integer.MIN_VALUE || !(v instanceof Number num)) return new Cell(CellFormat.format(c, v), null);
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return new Cell(Long.toString(num.longValue()), "0");
        }
        double x = num.doubleValue();
        if (isCountRow(row)) return fixed(x, 0);
        if (isPValue(c)) return pValue(x);
        if (c.type() == ColumnType.INTEGER) return fixed(x, 0);
        if (metricColumn >= 0 && inMetricUnit[col]) {
            Integer md = metricDecimals.get(String.valueOf(row[metricColumn]));
            if (md != null) return fixed(x, md);
        }
        if (d < 0) return fixed(x, decimalsFor(Math.abs(x), -1));
        return fixed(x, d);
    }

    /** A p-value: two significant digits, {@code < 1e-6} below the floor. */
    public static Cell pValue(double p) {
        if (p < P_FLOOR) return new Cell(P_FLOOR_TEXT, "\"" + P_FLOOR_TEXT + "\"");
        return fixed(p, Math.min(MAX_DECIMALS, Math.max(P_DIGITS - 1, decimalsFor(p, P_DIGITS, -1))));
    }

    /** {@code x} with {@code decimals} fixed decimals, and the matching Excel format. */
    public static Cell fixed(double x, int decimals) {
        String text = CellFormat.decimal(x, decimals);
        return new Cell(text, decimals == 0 ? "0" : "0." + "0".repeat(decimals));
    }

    /**
     * Decimals giving {@value #SIGNIFICANT} significant digits at magnitude {@code m} (0 for large values, never
     * scientific), capped by {@code columnDecimals} when that is {@code >= 0} and by {@value #MAX_DECIMALS}.
     */
    public static int decimalsFor(double m, int columnDecimals) {
        return decimalsFor(m, SIGNIFICANT, columnDecimals);
    }

    private static int decimalsFor(double m, int significant, int columnDecimals) {
        int d;
        if (!(m > 0) || !Double.isFinite(m)) {
            d = columnDecimals >= 0 ? columnDecimals : 0;
        } else {
            int exponent = (int) Math.floor(Math.log10(m));
            // log10 rounding near powers of ten: 999.9999 must count as 3 digits before the point.
            if (Math.pow(10, exponent + 1) <= m) exponent++;
            d = Math.max(0, significant - 1 - exponent);
        }
        if (columnDecimals >= 0) d = Math.min(d, columnDecimals);
        return Math.min(d, MAX_DECIMALS);
    }

    /** True if column {@code col} holds at least one number and every number in it is whole. */
    private static boolean allWhole(DataTable t, int col) {
        boolean any = false;
        for (Object[] r : t.rows()) {
            if (r[col] instanceof Number v && Double.isFinite(v.doubleValue())) {
                if (v.doubleValue() != Math.rint(v.doubleValue())) return false;
                any = true;
            }
        }
        return any;
    }

    private static double rowValue(DataTable t, int keyColumn, String key, int col) {
        for (Object[] r : t.rows()) {
            if (key.equals(r[keyColumn]) && r[col] instanceof Number n) return Math.abs(n.doubleValue());
        }
        return columnMedian(t, col);
    }

    private static double columnMedian(DataTable t, int col) {
        double[] a = new double[t.rowCount()];
        int n = 0;
        for (Object[] r : t.rows()) {
            if (r[col] instanceof Number v) {
                double x = Math.abs(v.doubleValue());
                if (x > 0 && Double.isFinite(x)) a[n++] = x;
            }
        }
        a = Arrays.copyOf(a, n);
        if (n == 0) return Double.NaN;
        Arrays.sort(a);
        return a[(int) Math.floor(LOW_QUANTILE * (n - 1))];
    }

    private static void addMagnitude(List<Double> out, Object v) {
        if (v instanceof Number n) {
            double a = Math.abs(n.doubleValue());
            if (a > 0 && Double.isFinite(a)) out.add(a);
        }
    }

    private static double median(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) a[i] = values.get(i);
        return median(a);
    }

    /** The lower median of positive magnitudes, NaN when none. */
    private static double median(double[] a) {
        if (a.length == 0) return Double.NaN;
        Arrays.sort(a);
        return a[(a.length - 1) / 2];
    }

    /**
     * The Excel number format of column {@code col} of {@code row}, the same as {@code cell(row, col)
     * .excelFormat()} without printing the text (the workbook's large tables), null for General.
     */
    public String excelFormat(Object[] row, int col) {
        int d = columnDecimals[col];
        Object v = row[col];
        if (d == Integer.MIN_VALUE) return null;
        if (v instanceof Long || v instanceof Integer) return "0";
        if (!variesByCell(col)) return columnFormat(col);
        return cell(row, col).excelFormat();
    }

    private boolean isCountRow(Object[] row) {
        return statisticColumn >= 0 && row[statisticColumn] != null
                && COUNT_ROW.matcher(row[statisticColumn].toString()).matches();
    }

    /** True if column {@code col}'s decimals depend on the cell (p-values, per-metric and per-cell decimals). */
    public boolean variesByCell(int col) {
        int d = columnDecimals[col];
        return d != Integer.MIN_VALUE && (d < 0 || statisticColumn >= 0 || isPValue(table.columns().get(col))
                || (metricColumn >= 0 && inMetricUnit[col]));
    }

    /**
     * The Excel format of a numeric column whose format does not vary by cell ({@link #variesByCell} false),
     * null for a column that is not numeric.
     */
    public String columnFormat(int col) {
        int d = columnDecimals[col];
        if (d < 0) return null; // not numeric, or decimals chosen per cell

        return d == 0 ? "0" : "0." + "0".repeat(d);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "HumanFormat[%s]", table.name());
    }
}
