package org.mpcap.reports.table;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/**
 * Writes a {@link DataTable} as CSV, JSON, Markdown or LaTeX. Every number is printed by {@link CellFormat}, so
 * the output is identical under every default locale; rows keep the table's order. The writer is not closed
 * (nor flushed beyond what is written).
 *
 * <ul>
 *   <li><b>CSV</b> (RFC 4180): header line = column names (the contract names, no units); a field is quoted
 *       when it contains a comma, a double quote, CR or LF, with quotes doubled; records end with CRLF as
 *       RFC 4180 §2 prescribes (Excel, LibreOffice, pandas and R all read it; {@code tr -d '\r'} gives LF).
 *       Empty cells are empty fields. No byte-order mark.</li>
 *   <li><b>JSON</b> (through {@link JsonWriter}, the one JSON writer): {@code {"table":name,"title":title,"columns":[{"name","type","unit","description"}],
 *       "rows":[{column:value,...}]}}, keys in column order, one row per line; INTEGER/DECIMAL/SECONDS are
 *       JSON numbers printed as in CSV, BOOLEAN true/false, TEXT strings, empty cells {@code null}.</li>
 *   <li><b>Markdown</b>: a GitHub pipe table, header "name (unit)", numeric columns right-aligned, '|' escaped
 *       as {@code \|}, line breaks in cells replaced by spaces, columns padded for plain-text reading. The title
 *       is not written (the caller places headings).</li>
 *   <li><b>LaTeX</b>: a {@code table} float with caption (title) and label {@code tab:name} around a booktabs
 *       {@code tabular} (needs the booktabs package); numeric columns {@code r}, others {@code l};
 *       special characters escaped; negative numbers use a math minus. Meant for tables that fit a page.</li>
 * </ul>
 */
public final class TableWriter {
    private static final String CRLF = "\r\n";

    private TableWriter() {}

    /**
     * Writes {@code t} in format {@code f} to {@code out}.
     *
     * @throws IOException from {@code out}
     */
    public static void write(DataTable t, TableFormat f, Writer out) throws IOException {
        switch (f) {
            case CSV -> csv(t, out);
            case JSON -> json(t, out);
            case MARKDOWN -> markdown(t, out);
            case LATEX -> latex(t, out);
        }
    }

    /** {@code t} in format {@code f} as a string. */
    public static String toString(DataTable t, TableFormat f) {
        java.io.StringWriter w = new java.io.StringWriter();
        try {
            write(t, f, w);
        } catch (IOException e) {
            throw new IllegalStateException(e); // StringWriter does not throw
        }
        return w.toString();
    }

    /**
     * The header text of a column for human-facing formats: {@code "name (unit)"}, or the name when the column
     * has no unit.
     */
    public static String header(Column c) {
        return c.unit().isEmpty() ? c.name() : c.name() + " (" + c.unit() + ")";
    }

    // ---------------------------------------------------------------- CSV

    private static void csv(DataTable t, Writer out) throws IOException {
        List<Column> cols = t.columns();
        for (int i = 0; i < cols.size(); i++) {
            if (i > 0) out.write(',');
            out.write(csvField(cols.get(i).name()));
        }
        out.write(CRLF);
        for (Object[] row : t.rows()) {
            for (int i = 0; i < cols.size(); i++) {
                if (i > 0) out.write(',');
                String cell = CellFormat.format(cols.get(i), row[i]);
                if (cols.get(i).type() == DataTable.ColumnType.TEXT) cell = neutraliseFormula(cell);
                out.write(csvField(cell));
            }
            out.write(CRLF);
        }
    }

    /**
     * A text cell that a spreadsheet would take for a formula ({@code = + - @}, tab or CR first: a capture named
     * {@code =1+2.pcap}, an observation cell {@code @SUM(A1)}) gets a leading apostrophe, as OWASP's "CSV
     * Injection" page recommends, so Excel and LibreOffice show it as text. Only text columns: numbers (also
     * negative ones) are never changed. xlsx needs nothing (cells are typed inline strings).
     */
    static String neutraliseFormula(String s) {
        if (s.isEmpty()) return s;
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
    }

    /** One CSV field, quoted per RFC 4180 §2.6-2.7 when needed. */
    static String csvField(String s) {
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char ch = s.charAt(i);
            quote = ch == ',' || ch == '"' || ch == '\r' || ch == '\n';
        }
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    // ---------------------------------------------------------------- JSON

    private static void json(DataTable t, Writer out) throws IOException {
        List<Column> cols = t.columns();
        JsonWriter w = new JsonWriter(out);
        try {
            w.beginObject().name("table").value(t.name()).name("title").value(t.title()).name("columns").beginArray();
            for (Column c : cols) {
                w.indent("\n  ").beginObject().name("name").value(c.name())
                        .name("type").value(c.type().name().toLowerCase(Locale.ROOT))
                        .name("unit").value(c.unit()).name("description").value(c.description()).endObject();
            }
            w.endArray().indent("\n").name("rows").beginArray();
            for (Object[] row : t.rows()) {
                w.indent("\n  ").beginObject();
                for (int i = 0; i < cols.size(); i++) w.name(cols.get(i).name()).rawValue(jsonValue(cols.get(i), row[i]));
                w.endObject();
            }
            w.endArray().endObject().whitespace("\n");
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String jsonValue(Column c, Object v) {
        if (v == null || (c.type() != DataTable.ColumnType.TEXT && CellFormat.isEmpty(c, v))) return "null";
        String s = CellFormat.format(c, v);
        return c.type() == DataTable.ColumnType.TEXT ? jsonString(s) : s;
    }

    /** A JSON string literal ({@link JsonWriter#quote}). */
    static String jsonString(String s) {
        return JsonWriter.quote(s);
    }

    // ---------------------------------------------------------------- Markdown

    private static void markdown(DataTable t, Writer out) throws IOException {
        List<Column> cols = t.columns();
        int n = cols.size();
        String[][] cells = new String[t.rowCount()][n];
        int[] width = new int[n];
        String[] head = new String[n];
        for (int i = 0; i < n; i++) {
            head[i] = markdownText(header(cols.get(i)));
            width[i] = Math.max(3, head[i].length());
        }
        List<Object[]> rows = t.rows();
        for (int r = 0; r < rows.size(); r++) {
            for (int i = 0; i < n; i++) {
                String v = CellFormat.format(cols.get(i), rows.get(r)[i]);
                cells[r][i] = cols.get(i).type() == DataTable.ColumnType.TEXT ? markdownText(v) : markdownCell(v);
                width[i] = Math.max(width[i], cells[r][i].length());
            }
        }
        StringBuilder line = new StringBuilder();
        line.append('|');
        for (int i = 0; i < n; i++) line.append(' ').append(pad(head[i], width[i], false)).append(" |");
        out.write(line.append('\n').toString());
        line.setLength(0);
        line.append('|');
        for (int i = 0; i < n; i++) {
            boolean right = CellFormat.isNumeric(cols.get(i));
            line.append(' ').append("-".repeat(width[i] - (right ? 1 : 0))).append(right ? ":" : "").append(" |");
        }
        out.write(line.append('\n').toString());
        for (String[] row : cells) {
            line.setLength(0);
            line.append('|');
            for (int i = 0; i < n; i++) {
                line.append(' ').append(pad(row[i], width[i], CellFormat.isNumeric(cols.get(i)))).append(" |");
            }
            out.write(line.append('\n').toString());
        }
    }

    /**
     * Text from the data (file names, addresses, CSV cells) for a Markdown document: on one line, with the
     * characters that could start a link, an image, raw HTML, code or emphasis backslash-escaped (CommonMark
     * §2.4 allows a backslash before any ASCII punctuation), so {@code [x](javascript:…)} or
     * {@code <img src=x onerror=…>} in a capture's name is shown as text, never as a link or an element.
     * Underscores inside words stay as they are (they never make emphasis).
     */
    public static String markdownText(String s) {
        String one = s.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
        StringBuilder b = new StringBuilder(one.length() + 8);
        for (int i = 0; i < one.length(); i++) {
            char ch = one.charAt(i);
            switch (ch) {
                case '\\', '`', '*', '[', ']', '<', '>', '|', '!', '&', '~' -> b.append('\\').append(ch);
                case '_' -> {
                    boolean inWord = i > 0 && i + 1 < one.length() && Character.isLetterOrDigit(one.charAt(i - 1))
                            && Character.isLetterOrDigit(one.charAt(i + 1));
                    if (!inWord) b.append('\\');
                    b.append(ch);
                }
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    static String markdownCell(String s) {
        return s.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').replace("|", "\\|");
    }

    private static String pad(String s, int width, boolean right) {
        if (s.length() >= width) return s;
        String spaces = " ".repeat(width - s.length());
        return right ? spaces + s : s + spaces;
    }

    // ---------------------------------------------------------------- LaTeX

    private static void latex(DataTable t, Writer out) throws IOException {
        List<Column> cols = t.columns();
        StringBuilder b = new StringBuilder();
        b.append("\\begin{table}[htbp]\n  \\centering\n");
        b.append("  \\caption{").append(latexEscape(t.title())).append("}\n");
        b.append("  \\label{tab:").append(latexLabel(t.name())).append("}\n");
        b.append("  \\begin{tabular}{");
        for (Column c : cols) b.append(CellFormat.isNumeric(c) ? 'r' : 'l');
        b.append("}\n    \\toprule\n    ");
        for (int i = 0; i < cols.size(); i++) {
            if (i > 0) b.append(" & ");
            b.append(latexEscape(header(cols.get(i))));
        }
        b.append(" \\\\\n    \\midrule\n");
        out.write(b.toString());
        for (Object[] row : t.rows()) {
            b.setLength(0);
            b.append("    ");
            for (int i = 0; i < cols.size(); i++) {
                if (i > 0) b.append(" & ");
                Column c = cols.get(i);
                String s = CellFormat.format(c, row[i]);
                if (CellFormat.isNumeric(c) && s.startsWith("-")) {
                    b.append("$-$").append(s, 1, s.length());
                } else {
                    b.append(latexEscape(s));
                }
            }
            out.write(b.append(" \\\\\n").toString());
        }
        out.write("    \\bottomrule\n  \\end{tabular}\n\\end{table}\n");
    }

    /**
     * Escapes LaTeX's special characters for text mode: {@code \ & % $ # _ { } ~ ^} (and line breaks become
     * spaces, so a cell stays on one row).
     */
    public static String latexEscape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> b.append('\\').append(ch);
                case '~' -> b.append("\\textasciitilde{}");
                case '^' -> b.append("\\textasciicircum{}");
                case '\r', '\n' -> b.append(' ');
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    private static String latexLabel(String name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            b.append(Character.isLetterOrDigit(ch) && ch < 128 || ch == '-' || ch == '_' || ch == '.' ? ch : '-');
        }
        return b.toString();
    }
}
