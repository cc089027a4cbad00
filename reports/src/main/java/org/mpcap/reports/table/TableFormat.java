package org.mpcap.reports.table;

import java.util.Locale;

/** The text formats a {@link org.mpcap.analyzer.table.DataTable} can be written in by {@link TableWriter}. */
public enum TableFormat {
    /** RFC 4180 comma-separated values, header = column names, CRLF line ends. */
    CSV("csv"),
    /** One JSON object per table with typed values. */
    JSON("json"),
    /** A GitHub-flavoured Markdown pipe table. */
    MARKDOWN("md"),
    /** A LaTeX {@code table} float with a booktabs {@code tabular}. */
    LATEX("tex");

    private final String extension;

    TableFormat(String extension) { this.extension = extension; }

    /** File name extension without the dot, e.g. {@code "csv"}. */
    public String extension() { return extension; }

    /** {@code name + "." + extension()}. */
    public String fileName(String name) { return name + "." + extension; }

    /**
     * The format called {@code s} (enum name, case-insensitive) or whose extension is {@code s}
     * ({@code md}, {@code tex}).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static TableFormat parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT);
        for (TableFormat f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(k) || f.extension.equals(k)) return f;
        }
        throw new IllegalArgumentException("unknown table format '" + s + "' (expected csv, json, markdown or latex)");
    }
}
