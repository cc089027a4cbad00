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
 * <p>Cost: the union of every range sent so far (a few disjoint ranges: the gaps between what the subflows
 * have sent) answers at once for a frame of new data, nearly every frame; only a frame that overlaps it (a TCP
 * retransmission or a reinjection) is looked up in the other subflows' frames. Each subflow keeps its frames in
 * a ring sorted by DSN (they are sent nearly in order, so inserting is appending).
 *
 * <p>Memory: at most {@code perSubflow} frames per subflow (the ring starts small and doubles); when full, the
 * frame with the lowest DSN is forgotten, and a later frame overlapping forgotten data is counted in
 * {@link #unchecked()}. DSNs are kept relative to the first one seen, so the unsigned 64-bit space may wrap, and a
 * {@link #rebase} (the MPTCP tracker corrected the upper 32 bits it had guessed) moves only that origin.
 * Nothing is allocated per packet except when a ring, the union or the result buffer grows.
 */
final class SentSegments {
    static final int DEFAULT_PER_SUBFLOW = 1 << 12;
    /**
     * Frames a subflow's ring starts with: small, because a capture may hold a million connections of a few
     * frames each; a bulk subflow doubles its ring in its first frames.
     */
    private static final int INITIAL = 2;

    private final int perSubflow;
    private Ring[] rings = new Ring[1];

    // union of everything sent: disjoint sorted ranges [us, ue)
    private long[] us = new long[2], ue = new long[2];
    private int unionSize;

    private boolean started;
    private long origin;
    private long unchecked;

    // result of the last onSegment; the arrays are made at the first reinjection
    private long[] hitFrames;
    private int hits;
    private long hitFirstNanos;
    private int hitFirstSubflow;
    private long hitBytes;
    /** Bytes of the last segment inside the union before it was added, and what it brought beyond. */
    private long covered, freshBytes;
    // scratch for the union of the overlaps (bytes of this segment already sent elsewhere)
    private long[] ovS, ovE;

    SentSegments() {
        this(DEFAULT_PER_SUBFLOW);
    }

    SentSegments(int perSubflow) {
        if (perSubflow < 4) throw new IllegalArgumentException("perSubflow must be >= 4");
        this.perSubflow = perSubflow;
    }

    /**
     * The DSNs given so far were {@code delta} off ({@link PacketContext#rebased}: their upper 32 bits guessed from
     * 4-byte values, all by the same amount): what is kept is relative to the first one, so only that moves.
     */
    void rebase(long delta) {
        if (started) origin += delta;
    }

    /**
     * A frame of {@code subflow} carrying {@code length} bytes from 64-bit DSN {@code dsn}.
     *
     * @return the number of earlier frames of other subflows that carried some of these bytes (0: not a
     *         reinjection); they are then {@link #hitFrame}(0 … n-1), in no particular order
     */
    int onSegment(int subflow, long dsn, int length, long frame, long nanos) {
        hits = 0;
        if (!started) {
            started = true;
            origin = dsn;
        }
        long a = dsn - origin, b = a + length;
        covered = 0;
        boolean fresh = extendsOwnRange(subflow, a, b) || addToUnion(subflow, a, b);
        if (!fresh) lookUp(subflow, a, b);
        freshBytes = length - covered;
        ring(subflow).insert(a, b, frame, nanos);
        return hits;
    }

    /** Earlier frames of the other subflows overlapping [a, b): the slow path. */
    private void lookUp(int subflow, long a, long b) {
        overlaps = 0;
        for (int s = 0; s < rings.length; s++) {
            Ring r = rings[s];
            if (s == subflow || r == null || r.isEmpty() || a >= r.maxEnd) continue;
            if (a < r.forgottenBelow) unchecked++;
            for (int i = r.lowerBound(a - r.maxLength); i < r.size; i++) {
                int p = 4 * r.phys(i);
                long[] v = r.rr;
                if (v[p] >= b) break;
                if (v[p + 1] > a) hit(s, a, b, v[p], v[p + 1], v[p + 2], v[p + 3]);
            }
            for (int i = r.sideLowerBound(a - r.maxLength); i < r.side; i++) {
                if (r.ss[i] >= b) break;
                if (r.se[i] > a) hit(s, a, b, r.ss[i], r.se[i], r.sf[i], r.stm[i]);
            }
        }
        hitBytes = unionLength(overlaps);
    }

    private int overlaps;

    private void hit(int s, long a, long b, long start, long end, long frame, long nanos) {
        if (hitFrames == null) {
            hitFrames = new long[8];
            ovS = new long[8];
            ovE = new long[8];
        }
        if (hits == hitFrames.length) hitFrames = Arrays.copyOf(hitFrames, hits * 2);
        hitFrames[hits] = frame;
        if (hits == 0 || nanos < hitFirstNanos) {
            hitFirstNanos = nanos;
            hitFirstSubflow = s;
        }
        hits++;
        if (overlaps == ovS.length) {
            ovS = Arrays.copyOf(ovS, overlaps * 2);
            ovE = Arrays.copyOf(ovE, overlaps * 2);
        }
        ovS[overlaps] = Math.max(a, start);
        ovE[overlaps] = Math.min(b, end);
        overlaps++;
    }

    /** Length of the union of the overlap pieces in ovS/ovE (few: sorted by insertion). */
    private long unionLength(int n) {
        if (n == 0) return 0;
        for (int i = 1; i < n; i++) { // insertion sort by start
            long s = ovS[i], e = ovE[i];
            int j = i - 1;
            while (j >= 0 && ovS[j] > s) {
                ovS[j + 1] = ovS[j];
                ovE[j + 1] = ovE[j];
                j--;
            }
            ovS[j + 1] = s;
            ovE[j + 1] = e;
        }
        long total = 0, curS = ovS[0], curE = ovE[0];
        for (int i = 1; i < n; i++) {
            if (ovS[i] > curE) {
                total += curE - curS;
                curS = ovS[i];
                curE = ovE[i];
            } else if (ovE[i] > curE) {
                curE = ovE[i];
            }
        }
        return total + curE - curS;
    }

    /**
     * The common case: the subflow goes on where its last frame ended, inside a gap of the union (the other
     * subflows send other parts of the data meanwhile). Then the range it extended last time ends at {@code a},
     * and the next range starts at or after {@code b}.
     */
    private boolean extendsOwnRange(int subflow, long a, long b) {
        if (subflow >= hint.length) return false;
        int k = hint[subflow];
        if (k >= unionSize || ue[k] != a || (k + 1 < unionSize && us[k + 1] <= b)) return false;
        ue[k] = b;
        return true;
    }

    /** Per subflow, the union range its last frame ended in (a hint, checked before use). */
    private int[] hint = new int[0];

    private void setHint(int subflow, int k) {
        if (subflow >= hint.length) hint = Arrays.copyOf(hint, Math.max(subflow + 1, 4));
        hint[subflow] = k;
    }

    /** Adds [a, b) to the union; true if it overlapped nothing sent before. */
    private boolean addToUnion(int subflow, long a, long b) {
        int n = unionSize;
        if (n == 0 || a >= ue[n - 1]) { // beyond everything: extend or append
            if (n > 0 && a == ue[n - 1]) ue[n - 1] = b;
            else insertRange(n, a, b);
            setHint(subflow, unionSize - 1);
            return true;
        }
        // first range ending after a
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ue[mid] <= a) lo = mid + 1;
            else hi = mid;
        }
        int i = lo;
        boolean fresh = us[i] >= b;
        // merge [a, b) with every range touching it
        int j = i;
        long ns = a, ne = b;
        if (i > 0 && ue[i - 1] == a) { // touches the range before
            i--;
            j = i;
        }
        while (j < n && us[j] <= ne) {
            long overlap = Math.min(b, ue[j]) - Math.max(a, us[j]);
            if (overlap > 0) covered += overlap;
            ns = Math.min(ns, us[j]);
            ne = Math.max(ne, ue[j]);
            j++;
        }
        int merged = j - i;
        setHint(subflow, i);
        if (merged == 0) {
            insertRange(i, ns, ne);
        } else {
            us[i] = ns;
            ue[i] = ne;
            if (merged > 1) {
                System.arraycopy(us, j, us, i + 1, n - j);
                System.arraycopy(ue, j, ue, i + 1, n - j);
                unionSize = n - (merged - 1);
            }
        }
        return fresh;
    }

    private void insertRange(int i, long s, long e) {
        if (unionSize == us.length) {
            us = Arrays.copyOf(us, unionSize * 2);
            ue = Arrays.copyOf(ue, unionSize * 2);
        }
        System.arraycopy(us, i, us, i + 1, unionSize - i);
        System.arraycopy(ue, i, ue, i + 1, unionSize - i);
        us[i] = s;
        ue[i] = e;
        unionSize++;
    }

    private Ring ring(int subflow) {
        if (subflow >= rings.length) rings = Arrays.copyOf(rings, Math.max(subflow + 1, rings.length * 2));
        Ring r = rings[subflow];
        if (r == null) r = rings[subflow] = new Ring(Math.min(INITIAL, perSubflow), perSubflow);
        return r;
    }

    /** Frame number of the {@code k}-th earlier frame found by the last {@link #onSegment}. */
    long hitFrame(int k) { return hitFrames[k]; }

    /** Capture time of the earliest of those frames. */
    long hitFirstNanos() { return hitFirstNanos; }

    /** Subflow of the earliest of those frames. */
    int hitFirstSubflow() { return hitFirstSubflow; }

    /** Bytes of the last segment that those frames had carried already. */
    long hitBytes() { return hitBytes; }

    /** Bytes of the last segment that no earlier frame (of any subflow) had carried: new data. */
    long freshBytes() { return freshBytes; }

    /** First DSN seen (relative values are from it). */
    long origin() { return origin; }

    /** Frames overlapping data whose frames were forgotten (a ring was full): their lists may be short. */
    long unchecked() { return unchecked; }

    /** Frames held over all subflows (for tests of the memory bound). */
    int held() {
        int n = 0;
        for (Ring r : rings) if (r != null) n += r.size + r.side;
        return n;
    }

    /** Ranges in the union of everything sent (for tests). */
    int unionRanges() { return unionSize; }

    /**
     * One subflow's frames, sorted by DSN start: a ring that doubles up to its capacity for the frames sent in DSN
     * order (appended), and a small sorted side buffer for the others (retransmissions, reinjections of old data),
     * merged into the ring when full, so that a frame far back in DSN never shifts the whole ring. The side
     * buffer is made at the first frame out of order and doubles up to {@value #SIDE} frames.
     */
    private static final class Ring {
        static final int SIDE = 512;
        private static final int SIDE_INITIAL = 8;
        private static final long[] NONE = new long[0];
        final int capacity;
        /**
         * The ring's frames interleaved, 4 longs each (start, end, frame, time at 4·slot + 0..3): a frame's values
         * share a cache line, and appending the next frame touches the line the last one was read from.
         */
        long[] rr;
        int ring, head, size;
        long[] ss = NONE, se = NONE, sf = NONE, stm = NONE;
        int side;
        long maxEnd = Long.MIN_VALUE, maxLength, forgottenBelow = Long.MIN_VALUE;

        Ring(int initial, int capacity) {
            this.capacity = capacity;
            ring = initial;
            rr = new long[4 * ring];
        }

        boolean isEmpty() { return size == 0 && side == 0; }

        int phys(int i) {
            int p = head + i;
            return p >= ring ? p - ring : p;
        }

        int lowerBound(long x) {
            int lo = 0, hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (rr[4 * phys(mid)] < x) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }

        int sideLowerBound(long x) {
            int lo = 0, hi = side;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ss[mid] < x) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }

        void insert(long s, long e, long frame, long nanos) {
            if (e > maxEnd) maxEnd = e;
            if (e - s > maxLength) maxLength = e - s;
            if (size > 0 && rr[4 * phys(size - 1)] > s) {
                insertSide(s, e, frame, nanos);
                return;
            }
            if (size == ring && ring < capacity) grow(Math.min(capacity, ring * 2));
            if (size == capacity) forgetLowest();
            int p = 4 * phys(size);
            long[] r = rr;
            r[p] = s;
            r[p + 1] = e;
            r[p + 2] = frame;
            r[p + 3] = nanos;
            size++;
        }

        private void forgetLowest() {
            if (rr[4 * head + 1] > forgottenBelow) forgottenBelow = rr[4 * head + 1];
            head = head + 1 == ring ? 0 : head + 1;
            size--;
        }

        private void insertSide(long s, long e, long frame, long nanos) {
            if (side == SIDE) mergeSide();
            else if (side == ss.length) growSide(side == 0 ? SIDE_INITIAL : Math.min(SIDE, side * 2));
            int lo = 0, hi = side;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ss[mid] <= s) lo = mid + 1;
                else hi = mid;
            }
            int n = side - lo;
            System.arraycopy(ss, lo, ss, lo + 1, n);
            System.arraycopy(se, lo, se, lo + 1, n);
            System.arraycopy(sf, lo, sf, lo + 1, n);
            System.arraycopy(stm, lo, stm, lo + 1, n);
            ss[lo] = s;
            se[lo] = e;
            sf[lo] = frame;
            stm[lo] = nanos;
            side++;
        }

        private void growSide(int n) {
            ss = Arrays.copyOf(ss, n);
            se = Arrays.copyOf(se, n);
            sf = Arrays.copyOf(sf, n);
            stm = Arrays.copyOf(stm, n);
        }

        /** Merges the side buffer into the ring (both sorted); the lowest frames beyond the capacity are forgotten. */
        private void mergeSide() {
            int total = size + side, keep = Math.min(total, capacity), drop = total - keep;
            int n = Math.max(keep, Math.min(capacity, ring));
            long[] nrr = new long[4 * n];
            int i = 0, j = 0, k = 0;
            for (int out = 0; out < total; out++) {
                boolean fromRing = j >= side || (i < size && rr[4 * phys(i)] <= ss[j]);
                long s0, e0, f0, t0;
                if (fromRing) {
                    int p = 4 * phys(i++);
                    s0 = rr[p]; e0 = rr[p + 1]; f0 = rr[p + 2]; t0 = rr[p + 3];
                } else {
                    s0 = ss[j]; e0 = se[j]; f0 = sf[j]; t0 = stm[j];
                    j++;
                }
                if (out < drop) {
                    if (e0 > forgottenBelow) forgottenBelow = e0;
                    continue;
                }
                nrr[4 * k] = s0; nrr[4 * k + 1] = e0; nrr[4 * k + 2] = f0; nrr[4 * k + 3] = t0;
                k++;
            }
            rr = nrr;
            ring = n;
            head = 0;
            size = k;
            side = 0;
        }

        private void grow(int n) {
            long[] b = new long[4 * n];
            for (int i = 0; i < size; i++) System.arraycopy(rr, 4 * phys(i), b, 4 * i, 4);
            rr = b;
            head = 0;
            ring = n;
        }
    }
}
