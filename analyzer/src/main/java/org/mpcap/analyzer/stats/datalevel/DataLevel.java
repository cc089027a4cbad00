package org.mpcap.analyzer.stats.datalevel;

import java.util.Arrays;

/**
 * What the data-level analyses share: direction names, time formatting and lazily grown per-connection-direction
 * arrays (index {@code 2 × connection + direction}, direction 0 = sent by the connection's client, as
 * {@link org.mpcap.analyzer.stats.PacketContext#dataDirection}). Relative DSNs start where {@link
 * org.mpcap.analyzer.stats.DsnOrigin} says.
 */
final class DataLevel {
    static final String[] DIRECTION = {"c2s", "s2c"};

    private DataLevel() {}

    /** Nanoseconds as seconds rounded to the microsecond, the resolution of exported times. */
    static double seconds(long nanos) {
        return Math.round(nanos / 1e3) / 1e6;
    }

    /** {@code v} without trailing zeros, never in exponent notation ("0.5", "20", "0.001"): for titles. */
    static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Nanoseconds as milliseconds rounded to the microsecond. */
    static double millis(long nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }

    /** {@code a} grown (doubling) to hold index {@code i}, new cells set to {@code fill}. */
    static int[] grow(int[] a, int i, int fill) {
        if (i < a.length) return a;
        int old = a.length;
        int[] b = Arrays.copyOf(a, Math.max(i + 1, Math.max(16, old * 2)));
        Arrays.fill(b, old, b.length, fill);
        return b;
    }

    static long[] grow(long[] a, int i) {
        return i < a.length ? a : Arrays.copyOf(a, Math.max(i + 1, Math.max(16, a.length * 2)));
    }
}
