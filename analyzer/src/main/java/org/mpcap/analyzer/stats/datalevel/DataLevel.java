package org.mpcap.analyzer.stats.datalevel;

import java.util.Arrays;
import org.mpcap.analyzer.mptcp.MptcpConnectionInfo;
import org.mpcap.analyzer.stats.TrackingView;

/**
 * What the data-level analyses share: direction names, time formatting, the DSN that relative values start from,
 * and lazily grown per-connection-direction arrays (index {@code 2 × connection + direction}, direction 0 = sent
 * by the connection's client, as {@link org.mpcap.analyzer.stats.PacketContext#dataDirection}).
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

    /**
     * The 64-bit DSN that relative value 0 stands for in direction {@code dir} of {@code connection}: IDSN + 1 of
     * the direction's sender when its key is known (0 = the first data byte, Wireshark's relative DSN minus 1, as
     * the {@code reinjections} table), else {@code firstSeen}, the first DSN (or data ACK) the analysis saw.
     */
    static long base(TrackingView tracking, int connection, int dir, long firstSeen) {
        if (connection < tracking.connections().size()) {
            MptcpConnectionInfo c = tracking.connection(connection);
            if (dir == 0 && c.hasClientKey()) return c.clientIdsn() + 1;
            if (dir == 1 && c.hasServerKey()) return c.serverIdsn() + 1;
        }
        return firstSeen;
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
