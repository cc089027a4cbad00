package org.mpcap.analyzer.stats;

import java.util.Arrays;

/**
 * The segments sent in one direction of one MPTCP connection, by data sequence number: for each frame with
 * payload, its DSN range, frame number, time and subflow. {@link #onSegment} answers, for a new frame, which
 * earlier frames of <em>other</em> subflows carried any of its bytes: the frame is then a reinjection
 * (RFC 8684 §3.3.6: data may be sent again on any subflow, also after it was acknowledged at the data level).
 * This is Wireshark's {@code mptcp.reinjection_of} with {@code mptcp.analyze_mappings} and
 * {@code mptcp.intersubflows_retransmission}: frames compared by their own DSN range, not by mapping.
 *
 * <p>Memory: a ring of at most {@code capacity} entries sorted by DSN start (it starts small and doubles);
 * when full, the entry with the lowest DSN is forgotten, and a later frame below the forgotten mark is counted
 * in {@link #unchecked()} instead of being compared. DSNs are kept relative to the first one seen, so the
 * unsigned 64-bit space may wrap. Nothing is allocated per packet except when the ring or the result buffer grows.
 */
final class SentSegments {
    static final int DEFAULT_CAPACITY = 1 << 16;
    private static final int INITIAL = 64;

    private final int capacity;
    private long[] st, en, fr, tm;
    private int[] sub;
    private int ring, head, size;

    private boolean started;
    private long origin;
    private long highestEnd = Long.MIN_VALUE;
    private long maxLength;
    private long forgottenBelow = Long.MIN_VALUE;
    private long unchecked;

    // result of the last onSegment
    private long[] hitFrames = new long[8];
    private int hits;
    private long hitFirstNanos;
    private int hitFirstSubflow;
    private long hitBytes;

    SentSegments() {
        this(DEFAULT_CAPACITY);
    }

    SentSegments(int capacity) {
        if (capacity < 4) throw new IllegalArgumentException("capacity must be >= 4");
        this.capacity = capacity;
        ring = Math.min(INITIAL, capacity);
        st = new long[ring];
        en = new long[ring];
        fr = new long[ring];
        tm = new long[ring];
        sub = new int[ring];
    }

    /**
     * A frame of {@code subflow} carrying {@code length} bytes from 64-bit DSN {@code dsn}.
     *
     * @return the number of earlier frames of other subflows that carried some of these bytes (0: not a
     *         reinjection); they are then {@link #hitFrame}(0 … n-1), in order of DSN
     */
    int onSegment(int subflow, long dsn, int length, long frame, long nanos) {
        hits = 0;
        if (!started) {
            started = true;
            origin = dsn;
        }
        long a = dsn - origin, b = a + length;
        if (size == 0 || a >= highestEnd) { // new data beyond everything sent: the common case
            insertAt(size, a, b, frame, nanos, subflow);
            return 0;
        }
        if (a < forgottenBelow) unchecked++;
        // entries overlapping [a, b) start in [a - maxLength, b)
        int i = lowerBound(a - maxLength);
        long covered = a; // bytes of [a, b) already counted in hitBytes, for the union of the overlaps
        hitBytes = 0;
        for (; i < size; i++) {
            int p = phys(i);
            if (st[p] >= b) break;
            if (en[p] <= a || sub[p] == subflow) continue;
            if (hits == hitFrames.length) hitFrames = Arrays.copyOf(hitFrames, hits * 2);
            hitFrames[hits] = fr[p];
            if (hits == 0 || tm[p] < hitFirstNanos) {
                hitFirstNanos = tm[p];
                hitFirstSubflow = sub[p];
            }
            hits++;
            long from = Math.max(covered, st[p]), to = Math.min(b, en[p]);
            if (to > from) {
                hitBytes += to - from;
                covered = to;
            }
        }
        insertAt(upperBound(a), a, b, frame, nanos, subflow);
        return hits;
    }

    /** Frame number of the {@code k}-th earlier frame found by the last {@link #onSegment}. */
    long hitFrame(int k) { return hitFrames[k]; }

    /** Capture time of the earliest of those frames. */
    long hitFirstNanos() { return hitFirstNanos; }

    /** Subflow of the earliest of those frames. */
    int hitFirstSubflow() { return hitFirstSubflow; }

    /** Bytes of the last segment that those frames had carried already. */
    long hitBytes() { return hitBytes; }

    /** First DSN seen (relative values are from it). */
    long origin() { return origin; }

    /** Frames with a DSN below the forgotten mark: not compared (the ring was full). */
    long unchecked() { return unchecked; }

    /** Entries held (for tests of the memory bound). */
    int held() { return size; }

    // ---------------------------------------------------------------- sorted ring

    private int phys(int i) {
        int p = head + i;
        return p >= ring ? p - ring : p;
    }

    /** First index whose start is at least {@code x}. */
    private int lowerBound(long x) {
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (st[phys(mid)] < x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** First index whose start is above {@code x}. */
    private int upperBound(long x) {
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (st[phys(mid)] <= x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private void insertAt(int i, long s, long e, long frame, long nanos, int subflow) {
        if (size == ring && ring < capacity) grow();
        if (size == capacity) {
            if (i == 0) { // below everything held: forget it at once
                if (e > forgottenBelow) forgottenBelow = e;
                return;
            }
            int p = head;
            if (en[p] > forgottenBelow) forgottenBelow = en[p];
            head = head + 1 == ring ? 0 : head + 1;
            size--;
            i--;
        }
        for (int k = size; k > i; k--) { // short: frames come nearly in DSN order
            int to = phys(k), from = phys(k - 1);
            st[to] = st[from];
            en[to] = en[from];
            fr[to] = fr[from];
            tm[to] = tm[from];
            sub[to] = sub[from];
        }
        int p = phys(i);
        st[p] = s;
        en[p] = e;
        fr[p] = frame;
        tm[p] = nanos;
        sub[p] = subflow;
        size++;
        if (e > highestEnd) highestEnd = e;
        if (e - s > maxLength) maxLength = e - s;
    }

    private void grow() {
        int n = Math.min(capacity, ring * 2);
        st = unroll(st, n);
        en = unroll(en, n);
        fr = unroll(fr, n);
        tm = unroll(tm, n);
        int[] s = new int[n];
        for (int i = 0; i < size; i++) s[i] = sub[phys(i)];
        sub = s;
        head = 0;
        ring = n;
    }

    private long[] unroll(long[] a, int n) {
        long[] b = new long[n];
        for (int i = 0; i < size; i++) b[i] = a[phys(i)];
        return b;
    }
}
