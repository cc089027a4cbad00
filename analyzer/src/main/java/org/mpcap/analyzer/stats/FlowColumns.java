package org.mpcap.analyzer.stats;

import java.util.Arrays;

/**
 * What the flow statistics' parts share to keep their state in primitive columns and to make their tables' rows
 * on access ({@link org.mpcap.analyzer.table.DataTable#generated}): array growth, the boxing of cells and a
 * stable sort of row indices that allocates two {@code int[]}, not an {@code Integer} per row.
 */
final class FlowColumns {
    private FlowColumns() {}

    /** Relative nanoseconds as seconds rounded to the microsecond, the export's resolution for times. */
    static double seconds(long nanos) {
        return Math.round(nanos / 1e3) / 1e6;
    }

    /** Above it {@link #secondsText} leaves the formatting to {@link String#format}. */
    private static final long PLAIN_MICROS_MAX = 1_000_000_000_000_000L; // 31 years

    /**
     * {@link #seconds} of {@code nanos} with 6 decimals, as {@code String.format(Locale.ROOT, "%.6f", ...)} prints
     * it (the microseconds are exact below 31 years), at a tenth of its cost: for a detail made on access.
     */
    static String secondsText(long nanos) {
        long micros = Math.round(nanos / 1e3);
        if (Math.abs(micros) >= PLAIN_MICROS_MAX) {
            return String.format(java.util.Locale.ROOT, "%.6f", seconds(nanos));
        }
        long a = Math.abs(micros), whole = a / 1_000_000, frac = a % 1_000_000;
        StringBuilder sb = new StringBuilder(24);
        if (micros < 0) sb.append('-');
        sb.append(whole).append('.');
        for (long d = 100_000; d > frac && d > 1; d /= 10) sb.append('0');
        return sb.append(frac).toString();
    }

    /** An index as a cell: empty for a negative value (not known, not applicable). */
    static Long boxOrNull(int v) {
        return v < 0 ? null : (long) v;
    }

    /** {@code a} grown to length {@code n}, the new elements set to {@code fill}. */
    static int[] grow(int[] a, int n, int fill) {
        int old = a.length;
        a = Arrays.copyOf(a, n);
        Arrays.fill(a, old, n, fill);
        return a;
    }

    static long[] grow(long[] a, int n, long fill) {
        int old = a.length;
        a = Arrays.copyOf(a, n);
        Arrays.fill(a, old, n, fill);
        return a;
    }

    /** A capacity of at least {@code min}, doubling {@code capacity} so that growing one by one stays linear. */
    static int capacity(int min, int capacity, int smallest) {
        return Math.max(min, Math.max(smallest, capacity * 2));
    }

    /** Orders two indices: negative, zero or positive as for {@link java.util.Comparator}. */
    interface IndexOrder {
        int compare(int a, int b);
    }

    /**
     * {@code 0 .. n-1} sorted by {@code order}, indices that compare equal in ascending order (what a stable sort
     * of the rows in index order gives). A merge sort: n log n comparisons, no boxing.
     */
    static int[] sortedIndices(int n, IndexOrder order) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        if (n > 1) mergeSort(a, new int[n], 0, n, order);
        return a;
    }

    private static final int INSERTION_SORT_MAX = 16;

    private static void mergeSort(int[] a, int[] tmp, int from, int to, IndexOrder order) {
        if (to - from <= INSERTION_SORT_MAX) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i], j = i - 1;
                while (j >= from && order.compare(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, order);
        mergeSort(a, tmp, mid, to, order);
        if (order.compare(a[mid - 1], a[mid]) <= 0) return; // already in order
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from, j = mid, k = from;
        while (i < mid && j < to) a[k++] = order.compare(tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
        while (i < mid) a[k++] = tmp[i++];
        while (j < to) a[k++] = tmp[j++];
    }

    /**
     * Which group (series, run, connection …) a row of a generated table belongs to: group {@code g} holds rows
     * {@code start[g] .. start[g + 1] - 1} (the last one up to {@code end}). Rows are mostly read in order, so the
     * group of the last look-up, or the next one, is tried before a binary search. That hint is shared by the
     * threads reading the table without synchronisation: it is only a guess, checked before it is used.
     */
    static final class Groups {
        private final int[] start;
        private final int n, end;
        private int hint;

        /** @param start first row of each of the {@code n} groups, ascending; {@code end}: rows in all */
        Groups(int[] start, int n, int end) {
            this.start = start;
            this.n = n;
            this.end = end;
        }

        /** The group of {@code row}, {@code 0 <= row < end}. */
        int of(int row) {
            int g = hint;
            if (holds(g, row)) return g;
            if (holds(g + 1, row)) return hint = g + 1;
            int lo = 0, hi = n - 1; // the last group starting at or before row: empty groups before it are skipped
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (start[mid] <= row) lo = mid;
                else hi = mid - 1;
            }
            return hint = lo;
        }

        private boolean holds(int g, int row) {
            return g < n && start[g] <= row && row < (g + 1 < n ? start[g + 1] : end);
        }
    }
}
