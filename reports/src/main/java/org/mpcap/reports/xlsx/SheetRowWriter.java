package org.mpcap.reports.xlsx;

import org.mpcap.reports.output.Utf8Writer;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SheetDataWriter;

/**
 * SXSSF's writer of one sheet's temporary {@code <sheetData>} XML, which also takes data rows straight from
 * {@link XlsxWriter}, without POI's row and cell objects: through SXSSF each cell was an {@code SXSSFCell}, a
 * {@code CellReference} formatted to a new string, a style lookup and a dozen small writes, most of the time of
 * writing a workbook. Rows SXSSF flushes itself (the header, with its comments) go through POI's own
 * {@link SheetDataWriter#writeRow}; SXSSF then copies the file into the sheet part as usual.
 *
 * <p>The XML is what {@code SheetDataWriter} writes for the same cells (SpreadsheetML, ECMA-376 Part 1 §18.3.1.4
 * {@code c}, §18.3.1.73 {@code row}), byte for byte, but for two equivalent forms of numbers: no {@code t="n"}
 * (number is the default cell type, §18.18.11), and a number with an integer value below 10^15 written as an
 * integer ({@code 14076}, where POI writes {@code 14076.0}, and from 10^7 on {@code 1.2345678E7}), the same
 * {@code xsd:double}, read back exactly by Excel, LibreOffice and POI. Together they make the sheet XML about a
 * tenth shorter, and so the zip's deflate, the largest part of writing a workbook, as much cheaper. Other numbers
 * are written by {@link Double#toString(double)}, as POI does, which round-trips every double. Text is an inline
 * string escaped as POI escapes it: {@code < > & "} as entities; tab, line feed, carriage return and no-break
 * space as character references; other control characters, U+FFFE, U+FFFF and unpaired surrogates (which XML
 * cannot hold) as {@code ?}; {@code xml:space="preserve"} when the text starts or ends with white space.
 *
 * <p>Data rows must be written after SXSSF has flushed every row it holds for the sheet ({@link XlsxWriter} flushes
 * the header first) and in ascending order, and no row may be created through POI afterwards. One thread only.
 */
final class SheetRowWriter extends SheetDataWriter {
    private final Utf8Writer xml;
    private final Consumer<SheetRowWriter> onPoiRow;
    /** {@code <c r="} and the column's letters, per column index, made on first use. */
    private byte[][] cellOpen = new byte[0][];
    /** Per value kind and style index: the attributes after the reference and the start of the value. */
    private final byte[][][] heads = new byte[KINDS.length][0][];
    /** The current row's 1-based number in ASCII. */
    private final byte[] rowDigits = new byte[10];
    private int rowDigitsLength;
    /** One cell's markup and value, assembled here and handed to {@link #xml} in one piece. */
    private final byte[] cell = new byte[256];
    private int cellLength;
    /** Per column, the escaped texts it wrote last. */
    private TextCache[] texts = new TextCache[0];

    /** The value kinds' {@code t} attribute and value start. A number needs no {@code t}: "n" is the default. */
    private static final String[] KINDS = {"><v>", " t=\"b\"><v>", " t=\"inlineStr\"><is><t>",
            " t=\"inlineStr\"><is><t xml:space=\"preserve\">"};
    private static final int NUMBER = 0;
    private static final int BOOLEAN = 1;
    private static final int TEXT = 2;
    private static final int SPACED_TEXT = 3;

    private static final byte[] ROW_OPEN = ascii("<row r=\"");
    private static final byte[] ROW_OPEN_END = ascii("\">\n");
    private static final byte[] ROW_END = ascii("</row>\n");
    private static final byte[] VALUE_END = ascii("</v></c>");
    private static final byte[] TEXT_END = ascii("</t></is></c>");
    /** Integers below this print exactly as longs; it is also Excel's 15 significant digits. */
    private static final double INTEGER_LIMIT = 1e15;
    private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

    /**
     * A writer over a temporary file made by POI (as {@link SheetDataWriter#SheetDataWriter()}), written through
     * {@link Utf8Writer}.
     *
     * @param onPoiRow told after every row SXSSF flushes through this writer, so that the caller learns which
     *                 sheet it belongs to
     */
    SheetRowWriter(Consumer<SheetRowWriter> onPoiRow) throws IOException {
        super();
        this.xml = (Utf8Writer) _out;
        this.onPoiRow = onPoiRow;
    }

    /** A writer into {@code out} (no temporary file), for tests. */
    SheetRowWriter(Utf8Writer out) throws IOException {
        super(out);
        this.xml = out;
        this.onPoiRow = w -> {};
    }

    @Override
    public Writer createWriter(File fd) throws IOException {
        return new Utf8Writer(new FileOutputStream(fd));
    }

    @Override
    protected InputStream decorateInputStream(FileInputStream fis) {
        return new java.io.BufferedInputStream(fis, 1 << 16);
    }

    @Override
    public void writeRow(int rownum, SXSSFRow row) throws IOException {
        super.writeRow(rownum, row);
        onPoiRow.accept(this);
    }

    /** Starts row {@code index} (0-based, as POI counts; the XML's {@code r} is one more). */
    void startRow(int index) throws IOException {
        int r = index + 1;
        int len = 1;
        for (int p = 10; len < 10 && r >= p; p *= 10) len++;
        for (int i = len - 1, v = r; i >= 0; i--, v /= 10) rowDigits[i] = (byte) ('0' + v % 10);
        rowDigitsLength = len;
        xml.writeEncoded(ROW_OPEN);
        xml.writeEncoded(rowDigits, 0, len);
        xml.writeEncoded(ROW_OPEN_END);
    }

    void endRow() throws IOException {
        xml.writeEncoded(ROW_END);
    }

    /** A numeric cell in column {@code col} (0-based) of the current row, in style {@code style} (0: none). */
    void number(int col, int style, double v) throws IOException {
        if (v == (long) v && Math.abs(v) < INTEGER_LIMIT && Double.doubleToRawLongBits(v) != NEGATIVE_ZERO) {
            integer(col, style, (long) v);
            return;
        }
        cellStart(col, style, NUMBER);
        int end = shortDecimal(v, cell, cellLength);
        if (end >= 0) {
            cellLength = end;
        } else {
            String s = Double.toString(v); // ASCII, at most 24 characters
            for (int i = 0, n = s.length(); i < n; i++) cell[cellLength++] = (byte) s.charAt(i);
        }
        append(VALUE_END);
        xml.writeEncoded(cell, 0, cellLength);
    }

    /** 10^k, exact as doubles and longs, for the fraction digits {@link #shortDecimal} tries. */
    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
            1_000_000_000};
    /** Integers up to 2^53 are exact doubles. */
    private static final long EXACT_DOUBLE_INTEGER = 1L << 53;

    /**
     * Writes {@code v} into {@code dst} from {@code off} as the decimal with the fewest digits (at most 9) after the
     * point that reads back as {@code v}, and returns the end offset; -1, writing nothing, when {@code v} is outside
     * 10^-3 <= |v| < 10^7 (where {@link Double#toString} uses an exponent) or needs more digits. For such values
     * this is {@code Double.toString}'s text (the shortest that reads back), found in a few multiplications instead
     * of its digit generation, which took most of the time of a sheet of times and milliseconds.
     *
     * <p>It reads back as {@code v}: {@code m} and {@code 10^k} are exact doubles, so {@code m / 10^k} is the double
     * nearest to the decimal {@code m·10^-k}, which is what parsing that decimal gives.
     */
    static int shortDecimal(double v, byte[] dst, int off) {
        double a = Math.abs(v);
        if (!(a >= 1e-3 && a < 1e7)) return -1;
        for (int k = 1; k < POW10.length; k++) {
            long m = Math.round(a * POW10[k]);
            if (m >= EXACT_DOUBLE_INTEGER) return -1;
            if ((double) m / POW10[k] != a) continue;
            int i = off;
            if (v < 0) dst[i++] = '-';
            long whole = m / POW10[k];
            long frac = m % POW10[k];
            int len = 1;
            for (long p = 10; whole >= p; p *= 10) len++;
            for (int j = i + len - 1; j >= i; j--, whole /= 10) dst[j] = (byte) ('0' + whole % 10);
            i += len;
            dst[i++] = '.';
            for (int j = i + k - 1; j >= i; j--, frac /= 10) dst[j] = (byte) ('0' + frac % 10);
            i += k;
            while (dst[i - 1] == '0' && dst[i - 2] != '.') i--; // none expected: k is the fewest digits
            return i;
        }
        return -1;
    }

    /** A numeric cell holding {@code v}, which must be below 10^15 in magnitude (Excel's exact integers). */
    void integer(int col, int style, long v) throws IOException {
        cellStart(col, style, NUMBER);
        if (v < 0) {
            cell[cellLength++] = '-';
            v = -v;
        }
        int len = 1;
        for (long p = 10; len < 18 && v >= p; p *= 10) len++;
        for (int i = cellLength + len - 1; i >= cellLength; i--, v /= 10) cell[i] = (byte) ('0' + v % 10);
        cellLength += len;
        append(VALUE_END);
        xml.writeEncoded(cell, 0, cellLength);
    }

    void bool(int col, int style, boolean v) throws IOException {
        cellStart(col, style, BOOLEAN);
        cell[cellLength++] = (byte) (v ? '1' : '0');
        append(VALUE_END);
        xml.writeEncoded(cell, 0, cellLength);
    }

    /** An inline-string cell; {@code s} is escaped here. */
    void text(int col, int style, String s) throws IOException {
        if (col >= texts.length) texts = java.util.Arrays.copyOf(texts, Math.max(col + 1, 2 * texts.length));
        TextCache cache = texts[col];
        if (cache == null) cache = texts[col] = new TextCache();
        int slot = s.hashCode() & (TextCache.SLOTS - 1);
        String key = cache.keys[slot];
        byte[] body;
        if (key == s || s.equals(key)) {
            body = cache.bodies[slot];
        } else {
            body = escaped(s).getBytes(StandardCharsets.UTF_8);
            if (s.length() <= TextCache.MAX_LENGTH) {
                cache.keys[slot] = s;
                cache.bodies[slot] = body;
            }
        }
        boolean spaced = !s.isEmpty()
                && (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1)));
        cellStart(col, style, spaced ? SPACED_TEXT : TEXT);
        xml.writeEncoded(cell, 0, cellLength);
        xml.writeEncoded(body, 0, body.length);
        xml.writeEncoded(TEXT_END);
    }

    /**
     * The UTF-8 of the escaped texts a column wrote last, by hash: a column repeats its texts (capture names,
     * directions, addresses), and copying their bytes is cheaper than escaping and encoding them again.
     */
    private static final class TextCache {
        static final int SLOTS = 16;
        /** Longer texts are not kept: the cache stays small whatever the texts. */
        static final int MAX_LENGTH = 128;
        final String[] keys = new String[SLOTS];
        final byte[][] bodies = new byte[SLOTS][];
    }

    /** Puts the cell's start, up to its value, into {@link #cell}. */
    private void cellStart(int col, int style, int kind) {
        byte[] open = col < cellOpen.length ? cellOpen[col] : null;
        if (open == null) open = newCellOpen(col);
        byte[][] h = heads[kind];
        byte[] head = style < h.length ? h[style] : null;
        if (head == null) head = newHead(kind, style);
        System.arraycopy(open, 0, cell, 0, open.length);
        int k = open.length;
        System.arraycopy(rowDigits, 0, cell, k, rowDigitsLength);
        k += rowDigitsLength;
        System.arraycopy(head, 0, cell, k, head.length);
        cellLength = k + head.length;
    }

    private void append(byte[] b) {
        System.arraycopy(b, 0, cell, cellLength, b.length);
        cellLength += b.length;
    }

    private byte[] newCellOpen(int col) {
        if (col >= cellOpen.length) cellOpen = java.util.Arrays.copyOf(cellOpen, Math.max(col + 1, 2 * cellOpen.length));
        return cellOpen[col] = ascii("<c r=\"" + CellReference.convertNumToColString(col));
    }

    private byte[] newHead(int kind, int style) {
        if (style >= heads[kind].length) {
            heads[kind] = java.util.Arrays.copyOf(heads[kind], Math.max(style + 1, 2 * heads[kind].length));
        }
        return heads[kind][style] = ascii("\"" + (style == 0 ? "" : " s=\"" + style + "\"") + KINDS[kind]);
    }

    /**
     * {@code s} as XML character data, as POI escapes it (see the class comment); {@code s} itself when nothing
     * needs escaping. Holds no unpaired surrogate, so its UTF-8 is what POI's writer makes of {@code s}.
     */
    static String escaped(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && plain(s.charAt(i))) i++;
        if (i == n) return s;
        StringBuilder b = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (plain(c)) {
                b.append(c);
                continue;
            }
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\n' -> b.append("&#xa;");
                case '\r' -> b.append("&#xd;");
                case '\t' -> b.append("&#x9;");
                case 0xA0 -> b.append("&#xa0;");
                case 0x7F -> b.append(c); // DEL is allowed in XML 1.0 and POI keeps it
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else {
                        b.append('?'); // control character, U+FFFE, U+FFFF or an unpaired surrogate
                    }
                }
            }
        }
        return b.toString();
    }

    /** True for a character written as it is: not markup, not a control character, not a surrogate, not U+FFFE/F. */
    private static boolean plain(char c) {
        return c >= 0x20 && c < 0x7F ? c != '<' && c != '>' && c != '&' && c != '"'
                : c >= 0x80 && c != 0xA0 && c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE && c < 0xFFFE;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
