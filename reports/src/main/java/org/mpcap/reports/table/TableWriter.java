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
        return withUnit(c.name(), c.unit());
    }

    /**
     * {@code "name (unit)"} with the unit's parenthesised remark left out ({@code "kB/s (1 kB = 1000 B)"} heads
     * a column as {@code "rate_kBps (kB/s)"}, not {@code "rate_kBps (kB/s (1 kB = 1000 B))"}: the remark is in
     * the column's description), and the name alone when it has no unit or the unit repeats it
     * ({@code "packets"}, not {@code "packets (packets)"}; {@code "min_ms"}, not {@code "min_ms (ms)"}: a name
     * ending in {@code _UNIT} already says it).
     */
    static String withUnit(String name, String unit) {
        String u = shortUnit(unit);
        return u.isEmpty() || u.equals(name) || name.endsWith("_" + u) ? name : name + " (" + u + ")";
    }

    /** A unit without its parenthesised remark ({@code "kB/s (1 kB = 1000 B)"} → {@code "kB/s"}). */
    public static String shortUnit(String unit) {
        int p = unit.indexOf(" (");
        return p > 0 && unit.endsWith(")") ? unit.substring(0, p) : unit;
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
        markdown(t, null, List.of(), out);
    }

    /**
     * {@code t} as a Markdown pipe table whose {@code linkColumn} cells link to anchors in the same document:
     * row {@code r}'s cell becomes {@code [text](#id)} with {@code id = rowLinks.get(r)} (ids of letters, digits,
     * '-' and '_' only; a null id, or a row past the list, leaves the cell plain). {@code linkColumn} null: no links.
     */
    public static void markdown(DataTable t, String linkColumn, List<String> rowLinks, Writer out)
            throws IOException {
        List<Column> cols = t.columns();
        int link = linkColumn == null ? -1 : t.columnIndex(linkColumn);
        HumanFormat human = HumanFormat.of(t);
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
                String v = human.text(rows.get(r), i);
                cells[r][i] = cols.get(i).type() == DataTable.ColumnType.TEXT ? markdownText(v) : markdownCell(v);
                String id = i == link && r < rowLinks.size() ? rowLinks.get(r) : null;
                if (id != null && id.matches("[A-Za-z0-9_-]+") && !v.isEmpty()) cells[r][i] = "[" + cells[r][i] + "](#" + id + ")";
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

    // ---------------------------------------------------------------- header groups

    /**
     * A run of adjacent columns under one upper header: columns named {@code "GROUP: label"} with the same
     * GROUP (the side-by-side tables of {@code compare}: "default: rate", "default: time" under "default", as
     * the report's Tables 3 and 4 put Rate and Time under Fullmesh and Default). A column without a group is a
     * group of its own with an empty title.
     *
     * @param title the upper header, "" for an ungrouped column
     * @param first index of the first column
     * @param count number of columns
     */
    public record HeaderGroup(String title, int first, int count) {}

    /** The header groups of {@code cols}, left to right, covering every column once. */
    public static List<HeaderGroup> headerGroups(List<Column> cols) {
        List<HeaderGroup> out = new java.util.ArrayList<>();
        int i = 0;
        while (i < cols.size()) {
            String g = group(cols.get(i).name());
            int j = i + 1;
            if (g != null) while (j < cols.size() && g.equals(group(cols.get(j).name()))) j++;
            out.add(new HeaderGroup(g == null ? "" : g, i, j - i));
            i = j;
        }
        return out;
    }

    /** True if at least one column is in a named group (then a table gets two header rows). */
    public static boolean hasHeaderGroups(List<Column> cols) {
        for (Column c : cols) if (group(c.name()) != null) return true;
        return false;
    }

    /** The header of a column under its group: {@code "rate (kB/s)"} for "default: rate" in kB/s. */
    public static String groupedHeader(Column c) {
        String g = group(c.name());
        String name = g == null ? c.name() : c.name().substring(g.length() + 2);
        return withUnit(name, c.unit());
    }

    /** Tables with more columns are split into parts for pages (print CSS, LaTeX): no page holds them. */
    public static final int PAGE_SPLIT_COLUMNS = 20;
    /** Most columns of one part of a split table, its repeated key columns included (a landscape page). */
    public static final int PAGE_PART_COLUMNS = 16;
    /** Most leading key columns (text or integer: group, run, capture; connection, subflow) a part repeats. */
    public static final int PAGE_KEY_COLUMNS = 3;

    /**
     * The columns of each part of a table set on pages: one part with every column when the table has at most
     * {@value #PAGE_SPLIT_COLUMNS}; otherwise parts of at most {@value #PAGE_PART_COLUMNS} columns, of about
     * equal width, each starting with the table's leading key columns (up to {@value #PAGE_KEY_COLUMNS} text or
     * integer columns) so every row of every part says which run or subflow it is. Column indices in table order.
     */
    public static List<int[]> pageParts(List<Column> cols) {
        int n = cols.size();
        if (n <= PAGE_SPLIT_COLUMNS) return List.of(java.util.stream.IntStream.range(0, n).toArray());
        int keys = 0;
        while (keys < PAGE_KEY_COLUMNS && (cols.get(keys).type() == DataTable.ColumnType.TEXT
                || cols.get(keys).type() == DataTable.ColumnType.INTEGER)) {
            keys++;
        }
        int rest = n - keys;
        int parts = (rest + PAGE_PART_COLUMNS - keys - 1) / (PAGE_PART_COLUMNS - keys);
        int size = (rest + parts - 1) / parts;
        List<int[]> out = new java.util.ArrayList<>(parts);
        for (int from = keys; from < n; from += size) {
            int to = Math.min(n, from + size);
            int[] idx = new int[keys + to - from];
            for (int k = 0; k < keys; k++) idx[k] = k;
            for (int c = from; c < to; c++) idx[keys + c - from] = c;
            out.add(idx);
        }
        return out;
    }

    /** The columns {@code idx} of {@code t} (every row), named {@code name} and titled {@code title}. */
    public static DataTable columns(DataTable t, int[] idx, String name, String title) {
        List<Column> cols = new java.util.ArrayList<>(idx.length);
        for (int i : idx) cols.add(t.columns().get(i));
        DataTable out = new DataTable(name, title, cols);
        for (Object[] r : t.rows()) {
            Object[] v = new Object[idx.length];
            for (int k = 0; k < idx.length; k++) v[k] = r[idx[k]];
            out.add(v);
        }
        return out;
    }

    private static String group(String name) {
        int k = name.indexOf(": ");
        return k > 0 && k + 2 < name.length() ? name.substring(0, k) : null;
    }

    // ---------------------------------------------------------------- LaTeX

    /** Tables with more rows are written as a {@code longtable} (breaks across pages) instead of a float. */
    public static final int LATEX_FLOAT_ROWS = 40;
    /** Text columns with longer cells wrap (a {@code p} column, needs the array package). */
    public static final int LATEX_WRAP_CHARS = 36;

    private static int longestText(DataTable t, int col) {
        int n = 0;
        for (Object[] r : t.rows()) if (r[col] != null) n = Math.max(n, r[col].toString().length());
        return n;
    }

    /** Float tables with more columns are scaled to the line width. */
    public static final int LATEX_WIDE_COLUMNS = 6;

    private static void latex(DataTable t, Writer out) throws IOException {
        List<Column> cols = t.columns();
        HumanFormat human = HumanFormat.of(t);
        boolean long_ = t.rowCount() > LATEX_FLOAT_ROWS;
        boolean wide = cols.size() > LATEX_WIDE_COLUMNS;
        StringBuilder spec = new StringBuilder();
        for (int i = 0; i < cols.size(); i++) {
            Column c = cols.get(i);
            if (CellFormat.isNumeric(c)) {
                spec.append('r');
            } else if (longestText(t, i) > LATEX_WRAP_CHARS) {
                // Long text (event details, paths) wraps in a column of its own width instead of running off the page.
                spec.append(">{\\raggedright\\arraybackslash}p{").append(long_ ? "5cm" : "6cm").append('}');
            } else {
                spec.append('l');
            }
        }
        StringBuilder head = new StringBuilder();
        if (hasHeaderGroups(cols)) {
            StringBuilder rules = new StringBuilder();
            List<HeaderGroup> groups = headerGroups(cols);
            for (int k = 0; k < groups.size(); k++) {
                HeaderGroup g = groups.get(k);
                if (k > 0) head.append(" & ");
                if (g.title().isEmpty()) {
                    head.append(" & ".repeat(g.count() - 1));
                } else {
                    head.append("\\multicolumn{").append(g.count()).append("}{c}{").append(latexEscape(g.title()))
                            .append('}');
                    rules.append(String.format(Locale.ROOT, "\\cmidrule(lr){%d-%d}", g.first() + 1,
                            g.first() + g.count()));
                }
            }
            head.append(" \\\\\n    ").append(rules).append("\n    ");
        }
        for (int i = 0; i < cols.size(); i++) {
            if (i > 0) head.append(" & ");
            head.append(latexEscape(groupedHeader(cols.get(i))));
        }
        head.append(" \\\\\n");
        StringBuilder b = new StringBuilder();
        if (long_) {
            b.append("{").append(wide ? "\\scriptsize\\setlength{\\tabcolsep}{3pt}" : "\\small").append('\n');
            b.append("\\begin{longtable}{").append(spec).append("}\n");
            b.append("  \\caption{").append(latexEscape(t.title())).append("}\n");
            b.append("  \\label{tab:").append(latexLabel(t.name())).append("} \\\\\n");
            b.append("    \\toprule\n    ").append(head).append("    \\midrule\n    \\endfirsthead\n");
            b.append("    \\multicolumn{").append(cols.size()).append("}{l}{\\emph{")
                    .append(latexEscape(t.title())).append(" (continued)}} \\\\\n");
            b.append("    \\toprule\n    ").append(head).append("    \\midrule\n    \\endhead\n");
            b.append("    \\bottomrule\n    \\endfoot\n");
        } else {
            b.append("\\begin{table}[htbp]\n  \\centering\n");
            b.append("  \\caption{").append(latexEscape(t.title())).append("}\n");
            b.append("  \\label{tab:").append(latexLabel(t.name())).append("}\n");
            if (wide) b.append("  \\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%\n");
            b.append("  \\begin{tabular}{").append(spec).append("}\n    \\toprule\n    ").append(head)
                    .append("    \\midrule\n");
        }
        out.write(b.toString());
        for (Object[] row : t.rows()) {
            b.setLength(0);
            b.append("    ");
            for (int i = 0; i < cols.size(); i++) {
                if (i > 0) b.append(" & ");
                Column c = cols.get(i);
                String s = human.text(row, i);
                if (CellFormat.isNumeric(c) && s.startsWith("-")) {
                    b.append("$-$").append(s, 1, s.length());
                } else {
                    b.append(latexEscape(s));
                }
            }
            out.write(b.append(" \\\\\n").toString());
        }
        if (long_) {
            out.write("\\end{longtable}\n}\n");
        } else {
            out.write("    \\bottomrule\n  \\end{tabular}" + (wide ? "}" : "") + "\n\\end{table}\n");
        }
    }

    /**
     * Escapes text for LaTeX's text mode so that the result is plain ASCII that pdflatex accepts with any
     * preamble (no inputenc or font encoding needed): {@code \ & % $ # _ { } ~ ^} escaped, {@code < > |} as
     * text commands (in the default OT1 encoding they would print as other glyphs), line breaks as spaces, and
     * the non-ASCII characters mpcap writes as LaTeX commands (σ, µ, ±, −, →, ×, ≤, ≥, ·, …, dashes, quotes, the
     * degree and Latin accented letters); any other character becomes {@code ?}.
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
                case '<' -> b.append("\\textless{}");
                case '>' -> b.append("\\textgreater{}");
                case '|' -> b.append("\\textbar{}");
                case '\r', '\n', '\t' -> b.append(' ');
                default -> {
                    if (ch < 128) {
                        b.append(ch);
                    } else {
                        b.append(latexNonAscii(ch));
                    }
                }
            }
        }
        return b.toString();
    }

    private static String latexNonAscii(char ch) {
        switch (ch) {
            case '\u03c3': return "\\ensuremath{\\sigma}";
            case '\u03bc', '\u00b5': return "\\ensuremath{\\mu}";
            case '\u00b1': return "\\ensuremath{\\pm}";
            case '\u2212': return "\\ensuremath{-}";
            case '\u2192': return "\\ensuremath{\\rightarrow}";
            case '\u2190': return "\\ensuremath{\\leftarrow}";
            case '\u00d7': return "\\ensuremath{\\times}";
            case '\u2264': return "\\ensuremath{\\le}";
            case '\u2265': return "\\ensuremath{\\ge}";
            case '\u2248': return "\\ensuremath{\\approx}";
            case '\u00b7', '\u22c5': return "\\ensuremath{\\cdot}";
            case '\u221e': return "\\ensuremath{\\infty}";
            case '\u0394': return "\\ensuremath{\\Delta}";
            case '\u00b0': return "\\ensuremath{^\\circ}";
            case '\u2026': return "\\ldots{}";
            case '\u2013': return "--";
            case '\u2014': return "---";
            case '\u2018', '\u2019': return "'";
            case '\u201c': return "``";
            case '\u201d': return "''";
            case '\u00a0', '\u202f', '\u2009': return "~";
            case '\u203a': return "\\ensuremath{\\rangle}";
            case '\u26a0': return "(!)";
            default: break;
        }
        String d = java.text.Normalizer.normalize(String.valueOf(ch), java.text.Normalizer.Form.NFD);
        if (d.length() == 2 && d.charAt(0) < 128 && Character.isLetter(d.charAt(0))) {
            String accent = switch (d.charAt(1)) {
                case '\u0301' -> "\\'";
                case '\u0300' -> "\\`";
                case '\u0302' -> "\\^";
                case '\u0308' -> "\\\"";
                case '\u0303' -> "\\~";
                case '\u0327' -> "\\c";
                default -> null;
            };
            if (accent != null) return "{" + accent + "{" + d.charAt(0) + "}}";
        }
        return "?";
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
