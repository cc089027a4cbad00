package org.mpcap.analyzer.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A named result table with typed columns: the one shape every statistic is exported and rendered in
 * ({@code mpcap export --table NAME}, CSV/JSON/xlsx/Markdown/LaTeX/HTML). Column names are a contract: columns
 * may be added later, never renamed.
 *
 * <p>Cell values by {@link ColumnType}: TEXT → {@link String}, INTEGER → {@link Long}, DECIMAL →
 * {@link Double}, SECONDS → {@link Double} (seconds, relative to the capture's first packet where the column
 * says so), BOOLEAN → {@link Boolean}; {@code null} is an empty cell.
 *
 * <p>Rows are kept in parts: rows added one by one, the parts of tables appended with {@link #addAll} (shared,
 * not copied) and {@linkplain #generated generated} parts whose rows are made on access from compact state, so
 * that a table of a million connections can be written out without a million row arrays in memory.
 */
public final class DataTable {

    /** How a column's values are typed and printed. */
    public enum ColumnType { TEXT, INTEGER, DECIMAL, SECONDS, BOOLEAN }

    /**
     * One column.
     *
     * @param name     the contract name, lower_snake_case (e.g. {@code rate_kBps})
     * @param type     value type
     * @param decimals digits after the point when printed (DECIMAL/SECONDS); -1 = shortest exact form
     * @param unit     unit for headers and axis labels (e.g. {@code "s"}, {@code "kB/s (1 kB = 1000 B)"}), or ""
     * @param description one sentence for readers (xlsx comments, HTML tooltips), or ""
     */
    public record Column(String name, ColumnType type, int decimals, String unit, String description) {
        public Column {
            Objects.requireNonNull(name);
            Objects.requireNonNull(type);
            unit = unit == null ? "" : unit;
            description = description == null ? "" : description;
        }

        public static Column text(String name, String description) {
            return new Column(name, ColumnType.TEXT, -1, "", description);
        }

        public static Column integer(String name, String unit, String description) {
            return new Column(name, ColumnType.INTEGER, -1, unit, description);
        }

        public static Column decimal(String name, int decimals, String unit, String description) {
            return new Column(name, ColumnType.DECIMAL, decimals, unit, description);
        }

        /** Seconds printed with 6 decimals (microsecond resolution), the export convention for times. */
        public static Column seconds(String name, String description) {
            return new Column(name, ColumnType.SECONDS, 6, "s", description);
        }

        public static Column bool(String name, String description) {
            return new Column(name, ColumnType.BOOLEAN, -1, "", description);
        }
    }

    private final String name;
    private final String title;
    private final List<Column> columns;
    /** The parts, in order; the last one is {@link #added} once a row has been added after other parts. */
    private final List<List<Object[]>> parts = new ArrayList<>();
    private List<Object[]> added;
    private int rowCount;

    public DataTable(String name, String title, List<Column> columns) {
        this.name = Objects.requireNonNull(name);
        this.title = Objects.requireNonNull(title);
        this.columns = List.copyOf(columns);
    }

    /**
     * A table of {@code rowCount} rows made on access by {@code row} (index → values matching the columns, a
     * fresh array each call), for tables as large as the captures' connection count. {@code row} must be
     * thread-safe and give equal rows for equal indices; it is not checked against the column types.
     */
    public static DataTable generated(String name, String title, List<Column> columns, int rowCount,
                                      java.util.function.IntFunction<Object[]> row) {
        DataTable t = new DataTable(name, title, columns);
        if (rowCount > 0) {
            t.parts.add(new Generated(rowCount, row));
            t.rowCount = rowCount;
        }
        return t;
    }

    /** Rows made on access; immutable, so shared by {@link #addAll}. */
    private static final class Generated extends java.util.AbstractList<Object[]> implements java.util.RandomAccess {
        private final int size;
        private final java.util.function.IntFunction<Object[]> row;

        Generated(int size, java.util.function.IntFunction<Object[]> row) {
            this.size = size;
            this.row = row;
        }

        @Override public Object[] get(int i) {
            Objects.checkIndex(i, size);
            return row.apply(i);
        }

        @Override public int size() { return size; }
    }

    /** Contract name used by {@code --table}, e.g. {@code subflows}. */
    public String name() { return name; }

    /** Human title, e.g. "MPTCP subflows". */
    public String title() { return title; }

    public List<Column> columns() { return columns; }

    /** Index of the column called {@code columnName}, or -1. */
    public int columnIndex(String columnName) {
        for (int i = 0; i < columns.size(); i++) if (columns.get(i).name().equals(columnName)) return i;
        return -1;
    }

    /** Appends a row; values must match the column types (checked). The array is copied. */
    public DataTable add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(name + ": row has " + values.length + " values for "
                    + columns.size() + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) continue;
            boolean ok = switch (columns.get(i).type()) {
                case TEXT -> v instanceof String;
                case INTEGER -> v instanceof Long;
                case DECIMAL, SECONDS -> v instanceof Double;
                case BOOLEAN -> v instanceof Boolean;
            };
            if (!ok) {
                throw new IllegalArgumentException(name + "." + columns.get(i).name() + ": " + v.getClass()
                        .getSimpleName() + " is not " + columns.get(i).type());
            }
        }
        if (added == null) {
            added = new ArrayList<>();
            parts.add(added);
        }
        added.add(values.clone());
        rowCount++;
        return this;
    }

    /**
     * Appends every row of {@code other}, which must have the same columns (its generated parts are shared, its
     * added rows copied as references).
     */
    public DataTable addAll(DataTable other) {
        if (!other.columns.equals(columns)) throw new IllegalArgumentException("column mismatch: " + other.name);
        for (List<Object[]> p : List.copyOf(other.parts)) {
            parts.add(p instanceof Generated ? p : new ArrayList<>(p));
            rowCount += p.size();
        }
        added = null;
        return this;
    }

    /** Rows in insertion order (unmodifiable view; do not change the arrays). */
    public List<Object[]> rows() {
        if (parts.isEmpty()) return List.of();
        if (parts.size() == 1) return Collections.unmodifiableList(parts.get(0));
        return new java.util.AbstractList<Object[]>() {
            @Override public Object[] get(int i) {
                Objects.checkIndex(i, rowCount);
                for (List<Object[]> p : parts) {
                    if (i < p.size()) return p.get(i);
                    i -= p.size();
                }
                throw new IndexOutOfBoundsException(i);
            }

            @Override public int size() { return rowCount; }
        };
    }

    public int rowCount() { return rowCount; }

    /** The value at (row, column name). */
    public Object get(int row, String columnName) {
        int c = columnIndex(columnName);
        if (c < 0) throw new IllegalArgumentException(name + " has no column " + columnName);
        return rows().get(row)[c];
    }

    /** An empty table with the same name and columns. */
    public DataTable emptyCopy() { return new DataTable(name, title, columns); }
}
