package org.mpcap.reports.parquet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mpcap.analyzer.table.DataTable;

/** Reads Parquet files back with DuckDB (an independent reader) in tests. */
public final class DuckDb implements AutoCloseable {
    private final Connection c;

    public DuckDb() throws SQLException {
        c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = c.createStatement()) {
            s.execute("SET threads = 1");
        }
    }

    /** Rows of a query, each as its column values (JDBC objects). */
    public List<List<Object>> query(String sql) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) row.add(r.getObject(i));
                out.add(row);
            }
        }
        return out;
    }

    /** Column name → DuckDB type of a Parquet file (or glob), in file order. */
    public Map<String, String> describe(String from) throws SQLException {
        Map<String, String> m = new LinkedHashMap<>();
        for (List<Object> r : query("DESCRIBE SELECT * FROM " + from)) m.put((String) r.get(0), (String) r.get(1));
        return m;
    }

    /**
     * The file's rows read into a table shaped like {@code like} (its columns, by name; extra Parquet columns
     * ignored), in file order.
     */
    public DataTable read(Path file, DataTable like) throws SQLException {
        return read("read_parquet(" + literal(file) + ", file_row_number = true)", "file_row_number", like);
    }

    /**
     * The rows of {@code from} (a FROM clause, with optional WHERE) ordered by {@code orderBy}, into a table
     * shaped like {@code like}.
     */
    public DataTable read(String from, String orderBy, DataTable like) throws SQLException {
        StringBuilder cols = new StringBuilder();
        for (DataTable.Column col : like.columns()) {
            if (cols.length() > 0) cols.append(", ");
            cols.append('"').append(col.name()).append('"');
        }
        DataTable t = like.emptyCopy();
        for (List<Object> r : query("SELECT " + cols + " FROM " + from + " ORDER BY " + orderBy)) {
            t.add(r.toArray());
        }
        return t;
    }

    public static String literal(Path p) { return "'" + p.toString().replace("'", "''") + "'"; }

    @Override
    public void close() throws SQLException { c.close(); }
}
