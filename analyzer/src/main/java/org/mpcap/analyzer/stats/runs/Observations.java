package org.mpcap.analyzer.stats.runs;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A table of observations read from CSV: one header line, then one record per observation (e.g. the testbed's
 * {@code runs.csv}: {@code scenario,run,bytes,time_s,rate_kBps,kernel}, or numbers measured outside mpcap).
 *
 * <p>Parsing follows RFC 4180: fields separated by commas, optionally enclosed in double quotes, a quote inside
 * a quoted field written twice, quoted fields may hold commas and line breaks; records end with CRLF or LF. Also
 * accepted: a UTF-8 byte order mark, a last record without line break, and blank lines (ignored). Fields are
 * not trimmed. Every record must have as many fields as the header; header names must be unique and non-empty.
 *
 * <p>Numbers: decimal notation with optional sign, fraction and exponent ({@code 12}, {@code -0.5},
 * {@code 1.2e-3}), nothing else (no NaN, Infinity, thousands separators or decimal commas). An empty cell is a
 * missing value: it is left out of that metric's statistics.
 */
public final class Observations {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    /** Column names that identify an observation rather than measure it (compared case-insensitively). */
    public static final Set<String> IDENTIFIER_COLUMNS = Set.of("run", "obs", "id", "index");

    private final String source;
    private final List<String> header;
    private final List<String[]> records;
    private final int[] lines;
    /** File of each record when concatenated from several ({@link #concat}), else null (all from source). */
    private final String[] rowSources;

    private Observations(String source, List<String> header, List<String[]> records, int[] lines) {
        this(source, header, records, lines, null);
    }

    private Observations(String source, List<String> header, List<String[]> records, int[] lines,
                         String[] rowSources) {
        this.source = source;
        this.header = List.copyOf(header);
        this.records = records;
        this.lines = lines;
        this.rowSources = rowSources;
    }

    /**
     * Several files of observations as one (e.g. the testbed's one runs.csv per scenario): the header is the union
     * of the headers in order of first appearance, a record gets empty cells (missing values) for the columns its
     * file does not have, and messages about a record still name its own file and line.
     */
    public static Observations concat(List<Observations> parts) {
        if (parts.size() == 1) return parts.get(0);
        List<String> header = new ArrayList<>();
        for (Observations o : parts) for (String h : o.header) if (!header.contains(h)) header.add(h);
        List<String[]> records = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (Observations o : parts) {
            int[] at = new int[header.size()];
            for (int c = 0; c < at.length; c++) at[c] = o.header.indexOf(header.get(c));
            for (int r = 0; r < o.records.size(); r++) {
                String[] v = new String[header.size()];
                for (int c = 0; c < v.length; c++) v[c] = at[c] < 0 ? "" : o.records.get(r)[at[c]];
                records.add(v);
                sources.add(o.rowSource(r));
                lines.add(o.lines[r]);
            }
        }
        List<String> names = new ArrayList<>();
        for (Observations o : parts) names.add(o.source);
        int[] l = new int[lines.size()];
        for (int i = 0; i < l.length; i++) l[i] = lines.get(i);
        return new Observations(String.join(", ", names), header, records, l, sources.toArray(new String[0]));
    }

    /**
     * A result table as observations, without a CSV round trip: numbers in Java's shortest round-trip form (so
     * the statistics see exactly the table's values), non-finite numbers and empty cells as missing values, other
     * cells as their text. Line numbers are the table's row numbers + 1 (as if it had a header line).
     */
    public static Observations fromTable(org.mpcap.analyzer.table.DataTable t) {
        List<String> header = new ArrayList<>();
        for (org.mpcap.analyzer.table.DataTable.Column c : t.columns()) header.add(c.name());
        List<String[]> records = new ArrayList<>(t.rowCount());
        int[] lines = new int[t.rowCount()];
        for (int r = 0; r < t.rowCount(); r++) {
            Object[] row = t.rows().get(r);
            String[] v = new String[header.size()];
            for (int c = 0; c < v.length; c++) {
                Object x = row[c];
                if (x == null) v[c] = "";
                else if (x instanceof Double d) v[c] = Double.isFinite(d) ? Double.toString(d) : "";
                else if (x instanceof Float f) v[c] = Float.isFinite(f) ? Double.toString(f) : "";
                else if (x instanceof Number n) v[c] = Long.toString(n.longValue());
                else v[c] = x.toString();
            }
            records.add(v);
            lines[r] = r + 2;
        }
        return new Observations(t.name(), header, records, lines);
    }

    /** File that record {@code row} comes from. */
    public String rowSource(int row) {
        return rowSources == null ? source : rowSources[row];
    }

    /** Reads {@code file} (UTF-8). Never modifies it. */
    public static Observations read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ObservationsException(file.toString(), 0, null, "not UTF-8 text");
        }
        return parse(text, file.toString());
    }

    /** Parses CSV text read from {@code reader}; {@code source} names it in error messages. */
    public static Observations parse(Reader reader, String source) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        for (int n; (n = reader.read(buf)) > 0; ) sb.append(buf, 0, n);
        return parse(sb.toString(), source);
    }

    private static Observations parse(String text, String source) throws ObservationsException {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        List<String[]> all = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        int line = 1;
        int i = 0, n = text.length();
        while (i < n) {
            int recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean endOfRecord = false;
            while (!endOfRecord) {
                if (i < n && text.charAt(i) == '"') {
                    // quoted field
                    i++;
                    while (true) {
                        if (i >= n) {
                            throw new ObservationsException(source, recordLine, null,
                                    "quoted field not closed before the end of the file");
                        }
                        char c = text.charAt(i++);
                        if (c == '"') {
                            if (i < n && text.charAt(i) == '"') { field.append('"'); i++; continue; }
                            break;
                        }
                        if (c == '\n') line++;
                        field.append(c);
                    }
                    if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                        throw new ObservationsException(source, line, null,
                                "unexpected character after a closing quote (a quote inside a quoted field is "
                                        + "written twice)");
                    }
                } else {
                    while (i < n) {
                        char c = text.charAt(i);
                        if (c == ',' || c == '\n' || c == '\r') break;
                        if (c == '"') {
                            throw new ObservationsException(source, line, null,
                                    "quote inside an unquoted field (enclose the field in quotes and double it)");
                        }
                        field.append(c);
                        i++;
                    }
                }
                fields.add(field.toString());
                field.setLength(0);
                if (i >= n) {
                    endOfRecord = true;
                } else {
                    char c = text.charAt(i++);
                    if (c == ',') continue;
                    if (c == '\r' && i < n && text.charAt(i) == '\n') i++;
                    line++;
                    endOfRecord = true;
                }
            }
            if (fields.size() == 1 && fields.get(0).isEmpty()) continue; // blank line
            all.add(fields.toArray(new String[0]));
            starts.add(recordLine);
        }
        if (all.isEmpty()) throw new ObservationsException(source, 0, null, "empty file (no header line)");
        List<String> header = List.of(all.get(0));
        Set<String> seen = new HashSet<>();
        for (String h : header) {
            if (h.isEmpty()) throw new ObservationsException(source, starts.get(0), null, "empty column name");
            if (!seen.add(h)) throw new ObservationsException(source, starts.get(0), h, "duplicate column name");
        }
        List<String[]> records = new ArrayList<>(all.subList(1, all.size()));
        int[] lines = new int[records.size()];
        for (int r = 0; r < records.size(); r++) {
            lines[r] = starts.get(r + 1);
            if (records.get(r).length != header.size()) {
                throw new ObservationsException(source, lines[r], null, records.get(r).length + " fields, the header has "
                        + header.size());
            }
        }
        return new Observations(source, header, records, lines);
    }

    /** File name as given, for messages. */
    public String source() { return source; }

    /** Column names in file order. */
    public List<String> header() { return header; }

    /** Number of observations (records after the header). */
    public int size() { return records.size(); }

    /** The text of record {@code row}'s cell in {@code column}. */
    public String cell(int row, String column) {
        return records.get(row)[require(column)];
    }

    /** 1-based line where record {@code row} starts. */
    public int line(int row) { return lines[row]; }

    /** Index of {@code column}; throws an {@link ObservationsException} naming the file if there is none. */
    public int require(String column) {
        int c = header.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException(column);
        }
        return c;
    }

    /** Checks that {@code column} exists. */
    public void checkColumn(String column) throws ObservationsException {
        if (!header.contains(column)) {
            throw new ObservationsException(source, 1, column, "no such column; the header has " + header);
        }
    }

    /**
     * The default metrics when none are named: every column, in file order, other than {@code groupColumn} and
     * the identifiers ({@link #IDENTIFIER_COLUMNS}: run, obs, id, index, any case), whose cells are all numbers
     * or empty, with at least one number.
     */
    public List<String> defaultMetrics(String groupColumn) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            if (name.equals(groupColumn) || IDENTIFIER_COLUMNS.contains(name.toLowerCase(Locale.ROOT))) continue;
            boolean any = false, numeric = true;
            for (String[] r : records) {
                if (r[c].isEmpty()) continue;
                if (!isNumber(r[c])) { numeric = false; break; }
                any = true;
            }
            if (numeric && any) out.add(name);
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The number in record {@code row}, column {@code column}, or NaN if the cell is empty.
     *
     * @throws ObservationsException naming file, line and column if the cell is not a number
     */
    public double number(int row, String column) throws ObservationsException {
        String s = records.get(row)[require(column)];
        if (s.isEmpty()) return Double.NaN;
        if (!isNumber(s)) {
            throw new ObservationsException(rowSource(row), lines[row], column, "not a number: \"" + s + "\"");
        }
        double v = Double.parseDouble(s);
        if (Double.isInfinite(v)) {
            throw new ObservationsException(rowSource(row), lines[row], column, "number out of range: " + s);
        }
        return v;
    }

    static boolean isNumber(String s) {
        return NUMBER.matcher(s).matches();
    }
}
