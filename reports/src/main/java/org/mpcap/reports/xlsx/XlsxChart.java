package org.mpcap.reports.xlsx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A native Excel chart over one table's columns, drawn by Excel/LibreOffice from cell references (placed on the
 * workbook's "Charts" sheet). Axis titles are the column headers with units.
 *
 * @param kind        BAR: one bar per row of {@code xColumn} (a category, e.g. {@code address}) for each of the
 *                    {@code yColumns}; LINE: x/y lines without markers (numeric x, e.g. time); SCATTER: x/y
 *                    markers only
 * @param title       chart title
 * @param table       name of the table (as in {@code DataTable.name()})
 * @param xColumn     the category (BAR) or x (LINE/SCATTER) column
 * @param yColumns    one series per column (numeric columns)
 * @param splitColumn for LINE/SCATTER, or null: one series per distinct value of this column (e.g.
 *                    {@code client_addr}), in order of first appearance; then {@code yColumns} must hold one
 *                    column
 * @param where       row filter: only rows whose printed value in each key column equals the mapped text (e.g.
 *                    {@code capture = run-01.pcap}), to chart one capture's rows of a table of several; empty for
 *                    all rows
 * @param errorColumn BAR with one y column only, or null: the half-width of each bar's error bar (drawn both
 *                    ways, e.g. the half-width of a 95% confidence interval), a numeric column of the same table
 */
public record XlsxChart(Kind kind, String title, String table, String xColumn, List<String> yColumns,
        String splitColumn, Map<String, String> where, String errorColumn) {

    /** Chart type. */
    public enum Kind { BAR, LINE, SCATTER }

    public XlsxChart {
        Objects.requireNonNull(kind, "kind");
        title = title == null ? "" : title;
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(xColumn, "xColumn");
        yColumns = List.copyOf(yColumns);
        if (yColumns.isEmpty()) throw new IllegalArgumentException("chart " + title + ": no y columns");
        if (splitColumn != null && (kind == Kind.BAR || yColumns.size() != 1)) {
            throw new IllegalArgumentException("chart " + title + ": split needs LINE/SCATTER and one y column");
        }
        where = where == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(where));
        if (errorColumn != null && (kind != Kind.BAR || yColumns.size() != 1)) {
            throw new IllegalArgumentException("chart " + title + ": error bars need BAR and one y column");
        }
    }

    /** A chart without error bars. */
    public XlsxChart(Kind kind, String title, String table, String xColumn, List<String> yColumns,
            String splitColumn, Map<String, String> where) {
        this(kind, title, table, xColumn, yColumns, splitColumn, where, null);
    }

    /** This BAR chart with error bars of half-width {@code column} (a numeric column of the table). */
    public XlsxChart withErrors(String column) {
        return new XlsxChart(kind, title, table, xColumn, yColumns, splitColumn, where, Objects.requireNonNull(column));
    }

    /** A chart over all rows. */
    public XlsxChart(Kind kind, String title, String table, String xColumn, List<String> yColumns,
            String splitColumn) {
        this(kind, title, table, xColumn, yColumns, splitColumn, Map.of());
    }

    /** Bars per category row, one series per value column. */
    public static XlsxChart bar(String title, String table, String categoryColumn, String... valueColumns) {
        return new XlsxChart(Kind.BAR, title, table, categoryColumn, List.of(valueColumns), null);
    }

    /** Lines over a numeric x, one series per y column. */
    public static XlsxChart line(String title, String table, String xColumn, String... yColumns) {
        return new XlsxChart(Kind.LINE, title, table, xColumn, List.of(yColumns), null);
    }

    /** Markers over a numeric x, one series per y column. */
    public static XlsxChart scatter(String title, String table, String xColumn, String... yColumns) {
        return new XlsxChart(Kind.SCATTER, title, table, xColumn, List.of(yColumns), null);
    }

    /** This LINE/SCATTER chart with one series per distinct value of {@code column}. */
    public XlsxChart splitBy(String column) {
        return new XlsxChart(kind, title, table, xColumn, yColumns, column, where, errorColumn);
    }

    /** This chart over only the rows whose {@code column} prints as {@code value} (and the earlier conditions). */
    public XlsxChart where(String column, String value) {
        Map<String, String> w = new LinkedHashMap<>(where);
        w.put(Objects.requireNonNull(column), Objects.requireNonNull(value));
        return new XlsxChart(kind, title, table, xColumn, yColumns, splitColumn, w, errorColumn);
    }
}
