package org.mpcap.analyzer.stats;

import org.mpcap.analyzer.decode.mptcp.DataSequence;

import java.util.Arrays;

/**
 * One direction of one MPTCP connection at the data level (RFC 8684 §3.3): which subflow first sent each range
 * of data sequence numbers (DSN), which ranges were sent again on another subflow (reinjections), how far the
 * peer's data ACK got and when the DATA_FIN was acknowledged.
 *
 * <p>Fed with primitives: {@link #onMapping} for every DSS mapping (M flag) seen in this direction and
 * {@link #onDataAck} for every data ACK the peer sends about this direction. DSNs are kept relative to the first
 * value seen, so the unsigned 64-bit space may wrap. 4-byte DSNs and data ACKs are expanded against the last
 * 64-bit value of this space (RFC 8684 §3.3.1, {@link #expand32}).
 *
 * <p>Memory: the first-sender map is a sorted ring of at most {@code capacity} disjoint ranges (made at the first
 * mapping with 2 ranges, doubled as needed); ranges wholly below the peer's data ACK are forgotten (data
 * acknowledged at the data level is never legitimately reinjected), and when the ring is full the lowest range is
 * dropped. Data below the forgotten mark is neither counted again nor checked for reinjection. A mapping is taken as sent, whole, at the time of the first segment
 * that carries it. Per packet nothing is allocated except when a subflow index or a reinjection log grows.
 */
final class DataSequenceSpace {
    static final int DEFAULT_CAPACITY = 8192;
    /** Reinjection records kept per space; later ones are only counted ({@link #reinjectionsDropped()}). */
    static final int MAX_REINJECTION_RECORDS = 100_000;

    /**
     * Ring size at the first mapping: small, because a capture may hold a million connections; before it, the
     * ring and the per-subflow arrays are shared empty arrays (a direction without data costs no arrays).
     */
    private static final int INITIAL_RING = 2;
    private static final long[] NO_LONGS = new long[0];
    private static final int[] NO_INTS = new int[0];
    private final int capacity;
    // sorted ring of disjoint ranges [start, end) relative to origin; grows by doubling up to capacity
    private long[] rs, re, rt, rmask;
    private int[] rowner;
    private int ring;
    private int head, size;

    private boolean started;
    private long origin;          // absolute DSN that maps to relative 0
    private long lastAbs;         // last absolute 64-bit value seen (for 4-byte expansion)
    private boolean upperKnown;   // an 8-byte value has been seen: absolute values are the real ones
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
    private long lastAckNanos = -1;
    private long mappings;

    // per subflow, grown to the highest subflow index seen
    private long[] lastMapStart = NO_LONGS;
    private int[] lastMapLen = NO_INTS;
    private long[] unique = NO_LONGS;
    private long[] reinjected = NO_LONGS;
    private int subflows;

    // reinjection log (primitive columns)
    private long[] ljStart = NO_LONGS, ljEnd = NO_LONGS, ljTime = NO_LONGS, ljDelay = NO_LONGS;
    private int[] ljFrom = NO_INTS, ljTo = NO_INTS;
    private int logSize;
    private long logDropped;

    DataSequenceSpace() {
        this(DEFAULT_CAPACITY);
    }

    DataSequenceSpace(int capacity) {
        if (capacity < 4) throw new IllegalArgumentException("capacity must be >= 4");
        this.capacity = capacity;
        rs = re = rt = rmask = NO_LONGS;
        rowner = NO_INTS;
    }

    /**
     * Expands a 4-byte DSN or data ACK (the low 32 bits of the 64-bit value, RFC 8684 §3.3.1) to the 64-bit value
     * nearest to {@code last}, the last 64-bit value known in the same space; handles wrap in both directions.
     */
    static long expand32(long last, long value32) {
        return DataSequence.expand32(last, value32);
    }

    /**
     * The 64-bit value of a DSN or data ACK. Until the first 8-byte value arrives, the upper 32 bits are unknown
     * and values live in a space of their own (the first 4-byte value zero-extended, later ones expanded); the
     * first 8-byte value then moves that space onto the real one, keeping every relative position (Linux sends
     * 8-byte DSNs but may send 4-byte data ACKs, and the peer's ACK can come before the first mapping).
     */
    private long toAbsolute(long value, boolean eightBytes) {
        long abs;
        if (!started) {
            abs = eightBytes ? value : value & 0xffff_ffffL;
            started = true;
            upperKnown = eightBytes;
            origin = abs;
        } else if (eightBytes) {
            abs = value;
            if (!upperKnown) {
                long delta = value - expand32(lastAbs, value);
                origin += delta;
                upperKnown = true;
            }
        } else {
            abs = expand32(lastAbs, value);
        }
        lastAbs = abs;
        return abs;
    }

    /**
     * A DSS mapping sent on {@code subflow} at {@code nanos}.
     *
     * @param dsn          the data sequence number (4-byte values zero-extended)
     * @param dsn8         true if the DSN was 8 bytes on the wire
     * @param dataLevelLength the mapping's data-level length; 0 is the infinite mapping of a fallback (§3.7) and
     *                     is ignored here
     * @param dataFin      the DSS F flag: the DATA_FIN takes the last DSN of the mapping (§3.3.3)
     * @return bytes of this mapping never mapped before (new data at the data level)
     */
    long onMapping(int subflow, long dsn, boolean dsn8, int dataLevelLength, boolean dataFin, long nanos) {
        if (dataLevelLength <= 0) return 0;
        long a = toAbsolute(dsn, dsn8) - origin;
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
            insertAt(size, a, b, nanos, subflow);
            unique[subflow] += b - a;
            highestEnd = b;
            return b - a;
        }
        return overlapping(subflow, a, b, nanos);
    }

    private long overlapping(int subflow, long a, long b, long nanos) {
        if (b <= forgottenBelow) return 0;
        if (a < forgottenBelow) a = forgottenBelow;
        long fresh = 0;
        long cursor = a;
        int i = firstEndingAfter(a);
        long logFrom = -1, logTo = -1, logFirstTime = 0;
        int logFromSubflow = -1;
        while (cursor < b) {
            if (i >= size || get(rs, i) >= b) { // tail gap
                i = insertAt(i, cursor, b, nanos, subflow) + 1;
                fresh += b - cursor;
                cursor = b;
                break;
            }
            long s = get(rs, i), e = get(re, i);
            if (cursor < s) { // gap before range i
                i = insertAt(i, cursor, s, nanos, subflow) + 1;
                fresh += s - cursor;
                cursor = s;
                continue;
            }
            long pieceEnd = Math.min(b, e);
            int owner = ownerAt(i);
            long bit = bit(subflow);
            if (owner != subflow && (get(rmask, i) & bit) == 0) {
                // split range i so that [cursor, pieceEnd) is its own entry, then mark it
                if (cursor > s) {
                    i = splitAt(i, cursor) + 1;
                }
                if (pieceEnd < get(re, i)) {
                    int k = splitAt(i, pieceEnd);
                    if (k < 0) {
                        cursor = pieceEnd; // the piece was forgotten (ring full); index 0 is now the rest
                        continue;
                    }
                    i = k;
                }
                set(rmask, i, get(rmask, i) | bit);
                long t0 = get(rt, i);
                reinjected[subflow] += pieceEnd - cursor;
                if (logFromSubflow == owner && logTo == cursor) {
                    logTo = pieceEnd;
                    if (t0 < logFirstTime) logFirstTime = t0;
                } else {
                    if (logFromSubflow >= 0) log(logFrom, logTo, logFromSubflow, subflow, nanos, logFirstTime);
                    logFromSubflow = owner;
                    logFrom = cursor;
                    logTo = pieceEnd;
                    logFirstTime = t0;
                }
            }
            cursor = pieceEnd;
            i++;
        }
        if (logFromSubflow >= 0) log(logFrom, logTo, logFromSubflow, subflow, nanos, logFirstTime);
        if (b > highestEnd) highestEnd = b;
        unique[subflow] += fresh;
        return fresh;
    }

    private static long bit(int subflow) {
        return 1L << Math.min(subflow, 63);
    }

    private void log(long from, long to, int firstSubflow, int subflow, long nanos, long firstNanos) {
        if (logSize == MAX_REINJECTION_RECORDS) {
            logDropped++;
            return;
        }
        if (logSize == ljStart.length) {
            int n = Math.max(16, logSize * 2);
            ljStart = Arrays.copyOf(ljStart, n);
            ljEnd = Arrays.copyOf(ljEnd, n);
            ljTime = Arrays.copyOf(ljTime, n);
            ljDelay = Arrays.copyOf(ljDelay, n);
            ljFrom = Arrays.copyOf(ljFrom, n);
            ljTo = Arrays.copyOf(ljTo, n);
        }
        ljStart[logSize] = from;
        ljEnd[logSize] = to;
        ljTime[logSize] = nanos;
        ljDelay[logSize] = nanos - firstNanos;
        ljFrom[logSize] = firstSubflow;
        ljTo[logSize] = subflow;
        logSize++;
    }

    /**
     * A data ACK sent by the peer about this direction (RFC 8684 §3.3.2): everything below it was received.
     *
     * @param ack  the data ACK (4-byte values zero-extended)
     * @param ack8 true if it was 8 bytes on the wire
     */
    void onDataAck(long ack, boolean ack8, long nanos) {
        long rel = toAbsolute(ack, ack8) - origin;
        lastAckNanos = nanos;
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
        long rel = upperKnown ? dsn64 - origin : expand32(lastAbs, dsn64) - origin;
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

    /** Bytes {@code subflow} sent again after another subflow had sent them first. */
    long reinjectedBytes(int subflow) { return subflow < subflows ? reinjected[subflow] : 0; }

    int reinjectionCount() { return logSize; }

    long reinjectionsDropped() { return logDropped; }

    /** Start of reinjected range {@code k}, relative to the first DSN seen in this space. */
    long reinjectionStart(int k) { return ljStart[k]; }

    long reinjectionEnd(int k) { return ljEnd[k]; }

    /** Absolute 64-bit DSN of relative value {@code rel}. */
    long absolute(long rel) { return origin + rel; }

    int reinjectionFirstSubflow(int k) { return ljFrom[k]; }

    int reinjectionSubflow(int k) { return ljTo[k]; }

    long reinjectionNanos(int k) { return ljTime[k]; }

    /** Time between the first sending of the range (its earliest part) and the reinjection. */
    long reinjectionDelayNanos(int k) { return ljDelay[k]; }

    /** Ranges held in the first-sender map (for tests of the memory bound). */
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
            reinjected = Arrays.copyOf(reinjected, n);
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
        rt = unroll(rt, n);
        rmask = unroll(rmask, n);
        int[] o = new int[n];
        for (int i = 0; i < size; i++) o[i] = rowner[phys(i)];
        rowner = o;
        head = 0;
        ring = n;
    }

    private long[] unroll(long[] a, int n) {
        long[] b = new long[n];
        for (int i = 0; i < size; i++) b[i] = a[phys(i)];
        return b;
    }

    private long get(long[] a, int i) { return a[phys(i)]; }

    private void set(long[] a, int i, long v) { a[phys(i)] = v; }

    private int ownerAt(int i) { return rowner[phys(i)]; }

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
    private int insertAt(int i, long s, long e, long t, int owner) {
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
            rt[to] = rt[from];
            rmask[to] = rmask[from];
            rowner[to] = rowner[from];
        }
        int p = phys(i);
        rs[p] = s;
        re[p] = e;
        rt[p] = t;
        rmask[p] = 0;
        rowner[p] = owner;
        size++;
        return i;
    }

    /**
     * Splits range {@code i} at {@code x} (strictly inside it) and returns the index of the lower half, or -1 if
     * the ring was full and range {@code i} was the lowest: then the lower half is forgotten and the upper half
     * is at index 0.
     */
    private int splitAt(int i, long x) {
        if (size == ring && ring < capacity) growRing();
        if (size == capacity) {
            if (i == 0) {
                rs[head] = x;
                if (x > forgottenBelow) forgottenBelow = x;
                return -1;
            }
            removeHead();
            i--;
        }
        int p = phys(i);
        long e = re[p], t = rt[p], m = rmask[p];
        int o = rowner[p];
        re[p] = x;
        int j = insertAt(i + 1, x, e, t, o);
        set(rmask, j, m);
        return i;
    }
}
