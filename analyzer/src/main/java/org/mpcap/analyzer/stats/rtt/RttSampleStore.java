package org.mpcap.analyzer.stats.rtt;

import java.util.Arrays;

/**
 * The RTT samples of one capture, for the {@code rtt} table, in primitive arrays bounded by {@link #cap()}.
 *
 * <p>Every sample is kept until the store holds {@code cap} of them. Then it switches to a min/max downsample:
 * time is cut into buckets of width {@link #bucketNanos()} (1 ms, doubled until the kept points fit in half the
 * cap) and, per series and bucket, only the sample with the smallest and the one with the largest RTT are
 * kept (one point if the bucket has one sample). Later samples are folded into their bucket as they come; when
 * the store fills again the width doubles and everything is folded again. A plot of the kept points shows
 * the same envelope as a plot of all samples at any scale coarser than the bucket; summary statistics are
 * computed elsewhere from every sample ({@link RttSummary}). When there are so many series that even one
 * bucket spanning all their samples leaves more than half the cap (a capture with more than about cap/4 series),
 * the cap grows to hold that minimum and maximum per series, rather than doubling the width for ever.
 *
 * <p>{@link #add} allocates only when the arrays grow (doubling, up to the cap).
 *
 * <p>Public because the data-level analyses ({@code stats.datalevel}) bound their point tables the same way: there
 * {@code rtt} is the value whose minimum and maximum are kept (a data sequence number, a window in bytes) and
 * {@code seq} any value carried along.
 */
public final class RttSampleStore {
    /** Default global cap on kept samples per capture. */
    static final int DEFAULT_CAP = org.mpcap.analyzer.AnalysisOptions.DEFAULT_RTT_SAMPLE_CAP;
    /** First bucket width when downsampling starts. */
    static final long FIRST_BUCKET_NANOS = 1_000_000L;

    private final int cap;
    /** The cap in force: {@link #cap} unless the series outnumber it (see the class comment). */
    private int limit;
    private long minTime = Long.MAX_VALUE;
    private long maxTime = Long.MIN_VALUE;
    private int size;
    private int[] series = new int[64];
    private long[] time = new long[64];
    private long[] seq = new long[64];
    private long[] rtt = new long[64];
    private long[] frame = new long[64];
    private long bucketNanos;
    // bucketOf's last answer: bucket cachedBucket of width cachedWidth starts at cachedStart
    private long cachedBucket, cachedStart, cachedWidth;
    private long added;
    // per series, while downsampling: current bucket and the slots of its min and max
    private long[] lastBucket = new long[0];
    private int[] minSlot = new int[0];
    private int[] maxSlot = new int[0];

    public RttSampleStore(int cap) {
        if (cap < 4) throw new IllegalArgumentException("sample cap must be >= 4");
        this.cap = cap;
        this.limit = cap;
    }

    public int cap() { return cap; }

    /** Kept samples. */
    public int size() { return size; }

    /** Samples offered in total. */
    public long added() { return added; }

    /** 0 while every sample is kept, else the width of the min/max buckets. */
    public long bucketNanos() { return bucketNanos; }

    public int series(int i) { return series[i]; }

    public long time(int i) { return time[i]; }

    public long seq(int i) { return seq[i]; }

    public long rtt(int i) { return rtt[i]; }

    public long frame(int i) { return frame[i]; }

    public void add(int s, long t, long sq, long r, long f) {
        added++;
        minTime = Math.min(minTime, t);
        maxTime = Math.max(maxTime, t);
        if (bucketNanos == 0) {
            if (size < limit) {
                append(s, t, sq, r, f);
                return;
            }
            bucketNanos = FIRST_BUCKET_NANOS;
            compact();
        }
        fold(s, t, sq, r, f);
    }

    private void fold(int s, long t, long sq, long r, long f) {
        ensureSeries(s);
        long b = bucketOf(t);
        if (lastBucket[s] == b && minSlot[s] >= 0) {
            int lo = minSlot[s], hi = maxSlot[s];
            if (lo == hi) { // one point so far: this one becomes the second
                if (size >= limit) {
                    widen();
                    fold(s, t, sq, r, f);
                    return;
                }
                int i = append(s, t, sq, r, f);
                if (r < rtt[lo]) minSlot[s] = i;
                else maxSlot[s] = i;
            } else if (r < rtt[lo]) {
                set(lo, s, t, sq, r, f);
            } else if (r > rtt[hi]) {
                set(hi, s, t, sq, r, f);
            }
            return;
        }
        if (size >= limit) {
            widen();
            fold(s, t, sq, r, f);
            return;
        }
        int i = append(s, t, sq, r, f);
        lastBucket[s] = b;
        minSlot[s] = i;
        maxSlot[s] = i;
    }

    /**
     * {@code floorDiv(t, bucketNanos)}; samples come in time order and several per bucket, so the bucket of the
     * last sample is tried first (saves a 64-bit division).
     */
    private long bucketOf(long t) {
        if (bucketNanos != cachedWidth || t < cachedStart || t - cachedStart >= bucketNanos) {
            cachedBucket = Math.floorDiv(t, bucketNanos);
            cachedStart = cachedBucket * bucketNanos;
            cachedWidth = bucketNanos;
        }
        return cachedBucket;
    }

    private void widen() {
        bucketNanos *= 2;
        compact();
    }

    /** Folds the kept points into buckets of the current width, doubling it until they fit in half the cap. */
    private void compact() {
        while (true) {
            Arrays.fill(lastBucket, Long.MIN_VALUE);
            Arrays.fill(minSlot, -1);
            Arrays.fill(maxSlot, -1);
            int n = size;
            size = 0;
            for (int i = 0; i < n; i++) {
                int s = series[i];
                ensureSeries(s);
                long b = Math.floorDiv(time[i], bucketNanos);
                if (lastBucket[s] == b && minSlot[s] >= 0) {
                    int lo = minSlot[s], hi = maxSlot[s];
                    if (lo == hi) {
                        int w = size;
                        copy(i, w);
                        size++;
                        if (rtt[w] < rtt[lo]) minSlot[s] = w;
                        else maxSlot[s] = w;
                    } else if (rtt[i] < rtt[lo]) {
                        copy(i, lo);
                    } else if (rtt[i] > rtt[hi]) {
                        copy(i, hi);
                    }
                    continue;
                }
                int w = size;
                copy(i, w);
                size++;
                lastBucket[s] = b;
                minSlot[s] = w;
                maxSlot[s] = w;
            }
            if (size <= limit / 2) return;
            if (bucketNanos / 4 > maxTime - minTime) {
                // Every series already lies in at most two buckets: wider ones cannot make room.
                limit = Math.max(limit, 2 * size);
                return;
            }
            bucketNanos *= 2;
        }
    }

    private void copy(int from, int to) {
        if (from == to) return;
        series[to] = series[from];
        time[to] = time[from];
        seq[to] = seq[from];
        rtt[to] = rtt[from];
        frame[to] = frame[from];
    }

    private void set(int i, int s, long t, long sq, long r, long f) {
        series[i] = s;
        time[i] = t;
        seq[i] = sq;
        rtt[i] = r;
        frame[i] = f;
    }

    private int append(int s, long t, long sq, long r, long f) {
        if (size == series.length) {
            int n = (int) Math.min((long) size * 2, limit);
            series = Arrays.copyOf(series, n);
            time = Arrays.copyOf(time, n);
            seq = Arrays.copyOf(seq, n);
            rtt = Arrays.copyOf(rtt, n);
            frame = Arrays.copyOf(frame, n);
        }
        set(size, s, t, sq, r, f);
        return size++;
    }

    private void ensureSeries(int s) {
        if (s < lastBucket.length) return;
        int n = Math.max(s + 1, lastBucket.length * 2);
        int old = lastBucket.length;
        lastBucket = Arrays.copyOf(lastBucket, n);
        minSlot = Arrays.copyOf(minSlot, n);
        maxSlot = Arrays.copyOf(maxSlot, n);
        Arrays.fill(lastBucket, old, n, Long.MIN_VALUE);
        Arrays.fill(minSlot, old, n, -1);
        Arrays.fill(maxSlot, old, n, -1);
    }
}
