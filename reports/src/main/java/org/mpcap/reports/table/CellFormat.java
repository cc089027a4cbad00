package org.mpcap.reports.table;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.mpcap.analyzer.table.DataTable;

/**
 * Text form of one table cell, shared by every text renderer (CSV, JSON, Markdown, LaTeX, HTML) so that a
 * number reads the same everywhere. Independent of the default locale: '.' is the decimal separator, no
 * grouping, never scientific notation.
 *
 * <ul>
 *   <li>INTEGER: plain digits ({@code -12}).</li>
 *   <li>DECIMAL: with {@code decimals() >= 0}, exactly that many digits after the point, rounded as C's
 *       {@code printf} (and so tshark) rounds: the double's exact binary value, ties to even ({@code 0.125} with
 *       2 → {@code 0.12}, {@code 2.675} (really 2.67499…) → {@code 2.67}); this keeps columns such as
 *       Wireshark's ip_hosts percent equal to tshark's digit for digit; a value rounding
 *       to zero prints without a sign ({@code 0.000}, never {@code -0.000}). With {@code decimals() < 0}, the
 *       shortest exact plain form ({@code 1.5}, {@code 0.00001}, {@code 3}).</li>
 *   <li>SECONDS: always 6 digits after the point (microseconds), the export convention for times.</li>
 *   <li>BOOLEAN: {@code true}/{@code false}.</li>
 *   <li>TEXT: the string itself (renderers escape it for their format).</li>
 *   <li>{@code null}, NaN and ±infinity: the empty string — an empty cell means "no value", in every
 *       format (JSON writes {@code null}).</li>
 * </ul>
 */
public final class CellFormat {
    /** Digits after the point for SECONDS columns. */
    public static final int SECONDS_DECIMALS = 6;

    private CellFormat() {}

    /**
     * Formats {@code value} as column {@code c} prints it.
     *
     * @param c     the column (its type and decimals decide the form)
     * @param value the cell value as stored in a {@link DataTable} (String, Long, Double, Boolean) or null;
     *              any {@link Number} is accepted for numeric columns
     * @return never null; "" for an empty cell
     */
    public static String format(DataTable.Column c, Object value) {
        if (value == null) return "";
        return switch (c.type()) {
            case TEXT -> value.toString();
            case BOOLEAN -> value.toString();
            case INTEGER -> value instanceof Number n && !(value instanceof Double || value instanceof Float)
                    ? Long.toString(n.longValue()) : decimal(((Number) value).doubleValue(), 0);
            case DECIMAL -> decimal(((Number) value).doubleValue(), c.decimals());
            case SECONDS -> decimal(((Number) value).doubleValue(), SECONDS_DECIMALS);
        };
    }

    /** True if {@code value} prints as an empty cell in column {@code c}. */
    public static boolean isEmpty(DataTable.Column c, Object value) {
        if (value == null) return true;
        if (value instanceof Double d) return d.isNaN() || d.isInfinite();
        if (value instanceof Float f) return f.isNaN() || f.isInfinite();
        return c.type() == DataTable.ColumnType.TEXT && value.toString().isEmpty();
    }

    /** True for the column types that hold numbers (right-aligned, typed as numbers in JSON/xlsx). */
    public static boolean isNumeric(DataTable.Column c) {
        return switch (c.type()) {
            case INTEGER, DECIMAL, SECONDS -> true;
            case TEXT, BOOLEAN -> false;
        };
    }

    /** {@code d} with {@code decimals} fixed digits (printf rounding), or the shortest exact form when negative. */
    static String decimal(double d, int decimals) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return "";
        String fast = decimals >= 0 ? fixedFast(d, decimals) : shortestFast(d);
        return fast != null ? fast : decimalExact(d, decimals);
    }

    /** 10^k for the digits the fast path handles. */
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    /** Scaled magnitudes below this keep a fraction of at least 2^-3 resolution and an exact integer part. */
    private static final double FAST_LIMIT = 0x1p49;

    /**
     * {@link #decimalExact} without BigDecimal when the answer is certain, else null. The product
     * {@code |d| × 10^decimals} is off the exact one by at most half an ulp, so unless its fraction is within two
     * ulps of one half, rounding it to the nearest integer rounds the exact value the same way (ties, the only
     * place where "ties to even" matters, always take the exact path). Far cheaper per cell than BigDecimal, and
     * far less code for the JIT to compile (BigDecimal's inlined formatting cost a report a second of C2 time).
     */
    private static String fixedFast(double d, int decimals) {
        if (decimals >= POW10.length) return null;
        double p = Math.abs(d) * POW10[decimals];
        if (!(p < FAST_LIMIT)) return null;
        double floor = Math.floor(p);
        double frac = p - floor;
        if (Math.abs(frac - 0.5) <= 2 * Math.ulp(p)) return null;
        long r = (long) floor + (frac > 0.5 ? 1 : 0);
        String digits = Long.toString(r);
        StringBuilder b = new StringBuilder(digits.length() + decimals + 3);
        if (d < 0 && r != 0) b.append('-');
        if (decimals == 0) return b.append(digits).toString();
        for (int i = digits.length(); i <= decimals; i++) b.append('0');
        b.append(digits);
        b.insert(b.length() - decimals, '.');
        return b.toString();
    }

    /**
     * The shortest form without BigDecimal when {@link Double#toString} has no exponent (10^-3 <= |d| < 10^7),
     * else null: the same digits, with a trailing ".0" dropped.
     */
    private static String shortestFast(double d) {
        if (d == 0) return "0";
        String s = Double.toString(d);
        if (s.indexOf('E') >= 0) return null;
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** The reference forms, through BigDecimal. */
    static String decimalExact(double d, int decimals) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return "";
        // Fixed digits: round the exact binary value, ties to even, as glibc's printf does. BigDecimal has no
        // negative zero, so -0.0004 with 3 digits prints 0.000.
        if (decimals >= 0) return new BigDecimal(d).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        // Shortest form: BigDecimal.valueOf uses Double.toString, the shortest decimal that round-trips.
        BigDecimal b = BigDecimal.valueOf(d);
        if (b.signum() == 0) return "0";
        return b.stripTrailingZeros().toPlainString();
    }
}
