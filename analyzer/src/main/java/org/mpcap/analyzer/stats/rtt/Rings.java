package org.mpcap.analyzer.stats.rtt;

/**
 * Growing the struct-of-arrays rings of the estimators (power-of-two capacity, {@code head} + {@code count}):
 * each method returns an array of twice the capacity holding the {@code count} live entries unrolled from index
 * 0, so the caller sets {@code head = 0} after growing all of its arrays.
 */
final class Rings {
    /**
     * Capacity a ring starts with: small, because every TCP stream has a few rings and a capture may hold a
     * million streams that never carry data (a SYN flood); a bulk flow doubles its rings in its first packets.
     */
    static final int INITIAL = 2;

    private Rings() {}

    static int[] grow(int[] a, int head, int count) {
        int[] b = new int[a.length * 2];
        for (int k = 0, mask = a.length - 1; k < count; k++) b[k] = a[(head + k) & mask];
        return b;
    }

    static long[] grow(long[] a, int head, int count) {
        long[] b = new long[a.length * 2];
        for (int k = 0, mask = a.length - 1; k < count; k++) b[k] = a[(head + k) & mask];
        return b;
    }

    static boolean[] grow(boolean[] a, int head, int count) {
        boolean[] b = new boolean[a.length * 2];
        for (int k = 0, mask = a.length - 1; k < count; k++) b[k] = a[(head + k) & mask];
        return b;
    }
}
