package org.mpcap.reports.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.mpcap.analyzer.table.DataTable;

/**
 * Row picking on {@link DataTable}s by column name, tolerant of absent columns (a missing column reads as an
 * empty cell), so the model works with whatever version of a table the analyzer produced. No arithmetic.
 */
final class Tables {
    private Tables() {}

    /** A row of a table, read by column name. */
    record Row(DataTable table, Object[] values) {
        Object get(String column) {
            int c = table.columnIndex(column);
            return c < 0 ? null : values[c];
        }

        String text(String column) {
            Object v = get(column);
            return v == null ? null : v.toString();
        }

        /** The value as a double, NaN when empty or absent. */
        double number(String column) {
            Object v = get(column);
            return v instanceof Number n ? n.doubleValue() : Double.NaN;
        }

        /** The value as a long, or {@code otherwise} when empty or absent. */
        long integer(String column, long otherwise) {
            Object v = get(column);
            return v instanceof Number n ? n.longValue() : otherwise;
        }

        boolean is(String column, Object value) {
            return Objects.equals(get(column), value);
        }
    }

    /**
     * Every row of {@code t}, as a view whose elements are made on access (a table of a million connections is not
     * copied into a million {@code Row}s to be read once).
     */
    static List<Row> rows(DataTable t) {
        List<Object[]> rows = t.rows();
        return new java.util.AbstractList<Row>() {
            @Override public Row get(int i) { return new Row(t, rows.get(i)); }

            @Override public int size() { return rows.size(); }
        };
    }

    static List<Row> rows(DataTable t, Predicate<Row> keep) {
        List<Row> out = new ArrayList<>();
        for (Object[] r : t.rows()) {
            Row row = new Row(t, r);
            if (keep.test(row)) out.add(row);
        }
        return out;
    }

    /** A table with the same name and columns holding the rows {@code keep} accepts. */
    static DataTable filter(DataTable t, Predicate<Row> keep) {
        DataTable out = t.emptyCopy();
        for (Object[] r : t.rows()) if (keep.test(new Row(t, r))) out.add(r);
        return out;
    }

    /** The address columns an alias names: a client interface, or an address of the per-address table. */
    static final List<String> ALIASED = List.of("client_addr", "address");

    /**
     * With aliases: a column {@code interface} ("wifi (10.0.2.6)") right after the table's client address column,
     * for document tables; the table itself without aliases or such a column.
     */
    static DataTable withInterfaceNames(DataTable t, ReportOptions o) {
        return interfaceColumn(t, o, false);
    }

    /** As {@link #withInterfaceNames}, the column appended at the end (full tables: columns are only added there). */
    static DataTable withInterfaceNamesAtEnd(DataTable t, ReportOptions o) {
        return interfaceColumn(t, o, true);
    }

    private static DataTable interfaceColumn(DataTable t, ReportOptions o, boolean atEnd) {
        if (o.aliases().isEmpty() || t.columnIndex("interface") >= 0) return t;
        int src = -1;
        for (String c : ALIASED) if (src < 0) src = t.columnIndex(c);
        if (src < 0) return t;
        int at = atEnd ? t.columns().size() : src + 1;
        List<DataTable.Column> cols = new ArrayList<>(t.columns());
        cols.add(at, DataTable.Column.text("interface", "Name of " + t.columns().get(src).name()
                + " given with --alias, and the address"));
        // made on access from the table's own rows: no copy of a table that may hold millions of rows
        List<Object[]> rows = t.rows();
        int from = src;
        return DataTable.generated(t.name(), t.title(), cols, t.rowCount(), i -> {
            Object[] r = rows.get(i);
            Object[] v = new Object[r.length + 1];
            System.arraycopy(r, 0, v, 0, at);
            v[at] = r[from] == null ? null : o.interfaceName(r[from].toString());
            System.arraycopy(r, at, v, at + 1, r.length - at);
            return v;
        });
    }

    /** The table without column {@code column} (the same table when it has none). */
    static DataTable drop(DataTable t, String column) {
        int c = t.columnIndex(column);
        if (c < 0) return t;
        List<DataTable.Column> cols = new ArrayList<>(t.columns());
        cols.remove(c);
        DataTable out = new DataTable(t.name(), t.title(), cols);
        for (Object[] r : t.rows()) {
            Object[] v = new Object[r.length - 1];
            System.arraycopy(r, 0, v, 0, c);
            System.arraycopy(r, c + 1, v, c, r.length - c - 1);
            out.add(v);
        }
        return out;
    }

    /** The first {@code limit} rows. */
    static DataTable head(DataTable t, int limit) {
        if (t.rowCount() <= limit) return t;
        DataTable out = t.emptyCopy();
        for (int i = 0; i < limit; i++) out.add(t.rows().get(i));
        return out;
    }

    /** Rows grouped by the text of {@code column}, groups in order of first appearance. */
    static Map<String, List<Row>> groupBy(List<Row> rows, String column) {
        Map<String, List<Row>> m = new LinkedHashMap<>();
        for (Row r : rows) m.computeIfAbsent(String.valueOf(r.get(column)), k -> new ArrayList<>()).add(r);
        return m;
    }

    /** The column's values as doubles (NaN for empty). */
    static double[] column(List<Row> rows, String column) {
        double[] a = new double[rows.size()];
        for (int i = 0; i < a.length; i++) a[i] = rows.get(i).number(column);
        return a;
    }

    /** The column's values as doubles multiplied by {@code scale} (a unit change, e.g. B → MB). */
    static double[] column(List<Row> rows, String column, double scale) {
        double[] a = column(rows, column);
        for (int i = 0; i < a.length; i++) a[i] *= scale;
        return a;
    }

    /** Concatenates tables of the same name (rows in order); tables with other columns are skipped. */
    static DataTable concat(List<DataTable> parts) {
        DataTable out = parts.get(0).emptyCopy();
        for (DataTable p : parts) {
            if (p.columns().equals(out.columns())) out.addAll(p);
        }
        return out;
    }
}
