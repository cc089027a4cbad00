package org.mpcap.reports.parquet;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;
import org.mpcap.reports.table.TableFormat;
import org.mpcap.reports.table.TableWriter;

/**
 * Turns a Parquet file back into the CSV mpcap would write for the same rows: columns named by the CSV's header
 * (the Parquet file's extra columns are left out), typed by DuckDB's reading of the file, decimals as in the
 * CSV (the digits after the point when every cell of the column has the same number of them, else shortest
 * form). A test then compares the text with the CSV byte for byte.
 */
public final class ParquetCsv {
    private ParquetCsv() {}

    public static String csvOf(DuckDb db, Path parquet, Path csv) throws Exception {
        return csvOf(db, "read_parquet(" + DuckDb.literal(parquet) + ", file_row_number = true)", "file_row_number",
                csv);
    }

    /** As above for the rows of a FROM clause (e.g. a glob with a WHERE), in {@code orderBy} order. */
    public static String csvOf(DuckDb db, String from, String orderBy, Path csv) throws Exception {
        List<List<String>> cells = parse(Files.readString(csv, StandardCharsets.UTF_8));
        List<String> header = cells.get(0);
        Map<String, String> types = db.describe(from);
        List<Column> cols = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            String type = types.get(name);
            if (type == null) throw new AssertionError(from + " has no column " + name + "; has " + types.keySet());
            cols.add(switch (type) {
                case "VARCHAR" -> Column.text(name, "");
                case "BIGINT" -> Column.integer(name, "", "");
                case "BOOLEAN" -> Column.bool(name, "");
                case "DOUBLE" -> Column.decimal(name, decimals(cells, c), "", "");
                default -> throw new AssertionError(from + ": column " + name + " has type " + type);
            });
        }
        DataTable like = new DataTable("t", "t", cols);
        StringWriter w = new StringWriter();
        TableWriter.write(db.read(from, orderBy, like), TableFormat.CSV, w);
        return w.toString();
    }

    private static int decimals(List<List<String>> cells, int c) {
        int d = Integer.MIN_VALUE;
        for (int r = 1; r < cells.size(); r++) {
            String v = cells.get(r).get(c);
            if (v.isEmpty() || !v.matches("-?[0-9]+(\\.[0-9]+)?")) continue;
            int dot = v.indexOf('.');
            int k = dot < 0 ? 0 : v.length() - dot - 1;
            if (d == Integer.MIN_VALUE) d = k;
            else if (d != k) return -1;
        }
        return d == Integer.MIN_VALUE ? -1 : d;
    }

    /** RFC 4180 records (quoted fields, doubled quotes, CRLF). */
    static List<List<String>> parse(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    f.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(f.toString());
                f.setLength(0);
            } else if (ch == '\r' || ch == '\n') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                row.add(f.toString());
                f.setLength(0);
                out.add(row);
                row = new ArrayList<>();
            } else {
                f.append(ch);
            }
        }
        if (f.length() > 0 || !row.isEmpty()) {
            row.add(f.toString());
            out.add(row);
        }
        return out;
    }
}
