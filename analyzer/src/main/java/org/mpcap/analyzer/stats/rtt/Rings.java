package org.mpcap.analyzer.stats.rtt;

/**
 * Growing the struct-of-arrays rings of the estimators (power-of-two capacity, {@code head} + {@code count}):
 * each method returns an array of twice the capacity (at least {@link #INITIAL}) holding the {@code count} live
 * entries unrolled from index 0, so the caller sets {@code head = 0} after growing all of its arrays. A ring
 * starts as the shared empty arrays below: its first entry makes it (the test is the estimator's existing
 * {@code count == capacity}, nothing more per packet), so a stream without data keeps no ring.
 */
final class Rings {
    /**
     * Capacity a ring starts with: small, because every TCP stream has a few rings and a capture may hold a
     * million streams that never carry data (a SYN flood); a bulk flow doubles its rings in its first packets.
     */
    static final int INITIAL = 2;

    static final int[] NO_INTS = new int[0];
    static final long[] NO_LONGS = new long[0];
    static final boolean[] NO_BOOLEANS = new boolean[0];

    private Rings() {}

    private static int grown(int length) { return Math.max(INITIAL, length * 2); }

    static int[] grow(int[] a, int head, int count) {
        int[] b = new int[grown(a.length)];
        for (int k = 0, mask = a.length - 1; k < count; k++) b[k] = a[(head + k) & mask];
        return b;
    }

    static long[] grow(long[] a, int head, int count) {
        long[] b = new long[grown(a.length)];
        for (int k = 0, mask = a.length - 1; k < count; k++) b[k] = a[(head + k) & mask];
        return b;
    }

    static boolean[] grow(boolean[] a, int head, int count) {
        boolean[] b = new boolean[grown(a.length)];
        for (int k = 0, mask = a.length - 1; k < count; k++) b[k] = a[(head + k) & mask];
        return b;
    }
}
