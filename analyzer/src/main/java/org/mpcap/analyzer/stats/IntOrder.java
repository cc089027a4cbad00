package org.mpcap.analyzer.stats;

import java.util.function.IntBinaryOperator;

/**
 * Orders of row indices without boxing them: a table of a million rows is sorted as an {@code int[]} (4 MB), not as
 * an {@code Integer[]} with its million objects. Public for the statistics' sub-packages.
 */
public final class IntOrder {
    private IntOrder() {}

    /** 0, 1, …, n - 1 ordered by {@code cmp}, ties in index order (a stable sort, as {@code Arrays.sort} of objects). */
    public static int[] sorted(int n, IntBinaryOperator cmp) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        sort(a, cmp);
        return a;
    }

    /** Sorts {@code a} by {@code cmp} (negative: the first argument comes first), keeping the order of ties. */
    public static void sort(int[] a, IntBinaryOperator cmp) {
        int n = a.length;
        int[] src = a, dst = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int from = 0; from < n; from += 2 * width) {
                int mid = Math.min(from + width, n), to = Math.min(from + 2 * width, n);
                int i = from, j = mid, k = from;
                while (i < mid && j < to) dst[k++] = cmp.applyAsInt(src[j], src[i]) < 0 ? src[j++] : src[i++];
                while (i < mid) dst[k++] = src[i++];
                while (j < to) dst[k++] = src[j++];
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) System.arraycopy(src, 0, a, 0, n);
    }
}
