package org.mpcap.analyzer.stats;

import java.util.Arrays;

/**
 * One direction of one MPTCP connection at the data level (RFC 8684 §3.3): which ranges of data sequence numbers
 * (DSN) were mapped, by which subflow first (its share of new data), how far the peer's data ACK got and when the
 * DATA_FIN was acknowledged. Reinjections are not found here but per frame ({@link Reinjections}).
 *
 * <p>Fed with the 64-bit values the MPTCP tracker publishes ({@link PacketContext#mappingDsn},
 * {@link PacketContext#dataAck}; it expands 4-byte values, RFC 8684 §3.3.1): {@link #onMapping} for every
 * mapping seen in this direction and {@link #onDataAck} for every data ACK the peer sends about it. DSNs are kept
 * relative to the first value seen, so the unsigned 64-bit space may wrap.
 *
 * <p>Memory: the map of mapped ranges is a sorted ring of at most {@code capacity} disjoint ranges (made at the
 * first mapping with 2 ranges, doubled as needed); ranges wholly below the peer's data ACK are forgotten, and when
 * the ring is full the lowest range is dropped. Data below the forgotten mark is not counted again. Per packet
 * nothing is allocated except when a subflow index grows.
 */
final class DataSequenceSpace {
    static final int DEFAULT_CAPACITY = 8192;

    /**
     * Ring size at the first mapping: small, because a capture may hold a million connections; before it, the
     * ring and the per-subflow arrays are shared empty arrays (a direction without data costs no arrays).
     */
    private static final int INITIAL_RING = 2;
    private static final long[] NO_LONGS = new long[0];
    private static final int[] NO_INTS = new int[0];
    private final int capacity;
    // sorted ring of disjoint ranges [start, end) relative to origin; grows by doubling up to capacity
    private long[] rs, re;
    private int ring;
    private int head, size;

    private boolean started;
    private long origin;          // absolute DSN that maps to relative 0
    private long lowest = Long.MAX_VALUE; // lowest relative DSN of data or ack
    private long highestEnd = Long.MIN_VALUE;
    private long forgottenBelow = Long.MIN_VALUE;

    private boolean hasFin;
    private long finRel;
    private long finNanos = -1;
    private boolean hasAck;
    private long highestAck;
    private long finAckedNanos = -1;
    private long finsMoved;
    private long mappings;

    // per subflow, grown to the highest subflow index seen
    private long[] lastMapStart = NO_LONGS;
    private int[] lastMapLen = NO_INTS;
    private long[] unique = NO_LONGS;
    private int subflows;

    DataSequenceSpace() {
        this(DEFAULT_CAPACITY);
    }

    DataSequenceSpace(int capacity) {
        if (capacity < 4) throw new IllegalArgumentException("capacity must be >= 4");
        this.capacity = capacity;
        rs = re = NO_LONGS;
    }

    /** The DSNs published so far were {@code delta} off (their upper 32 bits guessed): move them. */
    void rebase(long delta) {
        if (started) origin += delta;
    }

    /** {@code value} relative to the first value of this space. */
    private long relative(long value) {
        if (!started) {
            started = true;
            origin = value;
        }
        return value - origin;
    }

    /**
     * A DSS mapping sent on {@code subflow} at {@code nanos}.
     *
     * @param dsn64        the 64-bit data sequence number where the mapping starts
     * @param dataLevelLength the mapping's data-level length; 0 is the infinite mapping of a fallback (§3.7) and
     *                     is ignored here
     * @param dataFin      the DSS F flag: the DATA_FIN takes the last DSN of the mapping (§3.3.3)
     * @return bytes of this mapping never mapped before (new data at the data level)
     */
    long onMapping(int subflow, long dsn64, int dataLevelLength, boolean dataFin, long nanos) {
        if (dataLevelLength <= 0) return 0;
        long a = relative(dsn64);
        int dataLen = dataFin ? dataLevelLength - 1 : dataLevelLength;
        mappings++;
        if (dataFin) {
            // RFC 8684 §3.3.3: the DATA_FIN is the end of the data; when several are sent at different DSNs, the
            // last one sent counts (a repeat at the same DSN, e.g. on another subflow, changes nothing)
            long fin = a + dataLen;
            if (!hasFin || fin != finRel) {
                if (hasFin) finsMoved++;
                finNanos = nanos;
                hasFin = true;
                finRel = fin;
                finAckedNanos = -1;
            }
            checkFinAcked(nanos);
        }
        if (dataLen <= 0) return 0;
        ensureSubflow(subflow);
        if (lastMapStart[subflow] == a && lastMapLen[subflow] == dataLen) return 0; // same mapping again
        lastMapStart[subflow] = a;
        lastMapLen[subflow] = dataLen;
        long b = a + dataLen;
        if (a < lowest) lowest = a;
        if (size == 0 || a >= highestEnd) { // fresh data in order: the common case
            if (b <= forgottenBelow) return 0;
            if (a < forgottenBelow) a = forgottenBelow;
            insertAt(size, a, b);
            unique[subflow] += b - a;
            highestEnd = b;
            return b - a;
        }
        return overlapping(subflow, a, b);
    }

    /** Inserts the gaps of {@code [a, b)} between the ranges already mapped; returns their size (new data). */
    private long overlapping(int subflow, long a, long b) {
        if (b <= forgottenBelow) return 0;
        if (a < forgottenBelow) a = forgottenBelow;
        long fresh = 0;
        long cursor = a;
        int i = firstEndingAfter(a);
        while (cursor < b) {
            if (i >= size || get(rs, i) >= b) { // tail gap
                insertAt(i, cursor, b);
                fresh += b - cursor;
                break;
            }
            long s = get(rs, i);
            if (cursor < s) { // gap before range i
                i = insertAt(i, cursor, s) + 1;
                fresh += s - cursor;
            }
            cursor = Math.max(cursor, get(re, i));
            i++;
        }
        if (b > highestEnd) highestEnd = b;
        unique[subflow] += fresh;
        return fresh;
    }

    /**
     * A data ACK sent by the peer about this direction (RFC 8684 §3.3.2): everything below it was received.
     *
     * @param ack64 the 64-bit data ACK
     */
    void onDataAck(long ack64, long nanos) {
        long rel = relative(ack64);
        if (!hasAck || rel > highestAck) {
            hasAck = true;
            highestAck = rel;
            if (rel < lowest) lowest = rel;
            while (size > 0 && get(re, 0) <= rel) removeHead();
            if (rel > forgottenBelow) forgottenBelow = rel;
        }
        checkFinAcked(nanos);
    }

    private void checkFinAcked(long nanos) {
        if (hasFin && hasAck && finAckedNanos < 0 && highestAck > finRel) finAckedNanos = nanos;
    }

    // ---------------------------------------------------------------- results

    /** Number of DSS mappings seen (repeats included). */
    long mappings() { return mappings; }

    boolean hasData() { return lowest != Long.MAX_VALUE; }

    boolean hasAck() { return hasAck; }

    /**
     * Data bytes transferred: from the lowest DSN seen up to the highest data ACK (capped at the DATA_FIN, which
     * takes one DSN but is not data), or, without data ACKs, up to the end of the highest mapping.
     */
    long dataBytes() {
        if (!hasData()) return 0;
        long end;
        if (hasAck) end = hasFin ? Math.min(highestAck, finRel) : highestAck;
        else end = hasFin ? Math.max(finRel, highestEnd) : highestEnd;
        if (end == Long.MIN_VALUE) return 0;
        return Math.max(0, end - lowest);
    }

    /**
     * {@link #dataBytes()} counting only data below the 64-bit DSN {@code dsn64} (an MP_FAIL's DSN, RFC 8684
     * §3.7: the data from there on failed and went on as plain TCP).
     */
    long dataBytesBelow(long dsn64) {
        if (!hasData()) return 0;
        long rel = dsn64 - origin;
        return Math.max(0, Math.min(lowest + dataBytes(), rel) - lowest);
    }

    boolean hasDataFin() { return hasFin; }

    /** DATA_FINs that moved the end of the data to another DSN (0 when all DATA_FINs agree). */
    long dataFinsMoved() { return finsMoved; }

    /** Capture time of the first DATA_FIN at the last DATA_FIN's DSN, or -1. */
    long dataFinNanos() { return finNanos; }

    /** Capture time of the first data ACK covering the DATA_FIN, or -1. */
    long dataFinAckedNanos() { return finAckedNanos; }

    int subflowSlots() { return subflows; }

    /** Bytes first mapped on {@code subflow}. */
    long uniqueBytes(int subflow) { return subflow < subflows ? unique[subflow] : 0; }

    /** Absolute 64-bit DSN of relative value {@code rel}. */
    long absolute(long rel) { return origin + rel; }

    /** Ranges held in the map of mapped ranges (for tests of the memory bound). */
    int heldRanges() { return size; }

    // ---------------------------------------------------------------- ring helpers

    private void ensureSubflow(int subflow) {
        if (subflow < subflows) return;
        if (subflow >= lastMapStart.length) {
            int n = Math.max(subflow + 1, lastMapStart.length * 2);
            lastMapStart = Arrays.copyOf(lastMapStart, n);
            int old = lastMapLen.length;
            lastMapLen = Arrays.copyOf(lastMapLen, n);
            Arrays.fill(lastMapLen, old, n, -1);
            unique = Arrays.copyOf(unique, n);
        }
        subflows = subflow + 1;
    }

    private int phys(int i) {
        int p = head + i;
        return p >= ring ? p - ring : p;
    }

    /** Makes the ring or doubles it (never beyond capacity), unrolling it so that the head is at 0. */
    private void growRing() {
        int n = Math.min(capacity, ring == 0 ? INITIAL_RING : ring * 2);
        rs = unroll(rs, n);
        re = unroll(re, n);
        head = 0;
        ring = n;
    }

    private long[] unroll(long[] a, int n) {
        long[] b = new long[n];
        for (int i = 0; i < size; i++) b[i] = a[phys(i)];
        return b;
    }

    private long get(long[] a, int i) { return a[phys(i)]; }


    /** Index of the first range whose end is above {@code x} (ends are sorted since ranges are disjoint). */
    private int firstEndingAfter(long x) {
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (get(re, mid) <= x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private void removeHead() {
        if (re[head] > forgottenBelow) forgottenBelow = re[head];
        head = head + 1 == ring ? 0 : head + 1;
        size--;
        if (size == 0) head = 0;
    }

    /**
     * Inserts a range at logical index {@code i} and returns its index. When the ring is full the lowest range is
     * forgotten first (the index moves down by one); if the new range is itself the lowest it is not kept and
     * {@code i - 1} is returned, so that {@code result + 1} is always the index of the range after it.
     */
    private int insertAt(int i, long s, long e) {
        if (size == ring && ring < capacity) growRing();
        if (size == capacity) {
            if (i == 0) {
                if (e > forgottenBelow) forgottenBelow = e;
                return -1;
            }
            removeHead();
            i--;
            if (s < forgottenBelow) s = forgottenBelow;
            if (s >= e) return i - 1;
        }
        for (int k = size; k > i; k--) { // shift the tail up by one (short: data arrive nearly in order)
            int to = phys(k), from = phys(k - 1);
            rs[to] = rs[from];
            re[to] = re[from];
        }
        int p = phys(i);
        rs[p] = s;
        re[p] = e;
        size++;
        return i;
    }
}
