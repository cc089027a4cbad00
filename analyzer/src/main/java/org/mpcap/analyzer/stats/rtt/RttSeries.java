package org.mpcap.analyzer.stats.rtt;

import java.util.Arrays;

/**
 * The RTT series of one capture in columns indexed by series id (in order of creation): the key (tcp stream,
 * direction, estimator; connection and subflow) and the samples' summary. A series' first {@value #INLINE} samples
 * are kept in two {@code long} columns; its {@link RttSummary} is made at the next sample and fed those first, in
 * their order, so its statistics are those of a summary fed every sample as it came. Most series of a capture of
 * many short connections hold one or two samples (the handshake's, one data segment's): about 40 bytes each
 * instead of a summary object with its arrays. Not thread-safe.
 */
final class RttSeries {
    /** Samples of a series kept in columns before its {@link RttSummary} is made. */
    static final int INLINE = 2;

    private final int exactCap;
    private int size;
    private int[] stream = new int[16], connection = new int[16], subflow = new int[16];
    /** direction | estimator << 1. */
    private byte[] code = new byte[16];
    /** Samples so far, while at most {@link #INLINE}. */
    private byte[] inlineCount = new byte[16];
    private long[] first = new long[16], second = new long[16];
    /** The summary of a series with more than {@link #INLINE} samples, else null. */
    private RttSummary[] summary = new RttSummary[16];

    RttSeries(int exactCap) {
        if (exactCap < 1) throw new IllegalArgumentException("exact cap must be >= 1");
        this.exactCap = exactCap;
    }

    /** A new series; its id is {@link #size()} before the call. */
    int add(int connection, int subflow, int tcpStream, int direction, int estimator) {
        int id = size++;
        if (id == stream.length) {
            int n = id * 2;
            stream = Arrays.copyOf(stream, n);
            this.connection = Arrays.copyOf(this.connection, n);
            this.subflow = Arrays.copyOf(this.subflow, n);
            code = Arrays.copyOf(code, n);
            inlineCount = Arrays.copyOf(inlineCount, n);
            first = Arrays.copyOf(first, n);
            second = Arrays.copyOf(second, n);
            summary = Arrays.copyOf(summary, n);
        }
        stream[id] = tcpStream;
        this.connection[id] = connection;
        this.subflow[id] = subflow;
        code[id] = (byte) (direction | estimator << 1);
        return id;
    }

    /** One sample of series {@code id}, in nanoseconds. */
    void sample(int id, long rttNanos) {
        RttSummary s = summary[id]; // (not after dropSummaries: the pass has ended)
        if (s != null) {
            s.add(rttNanos);
            return;
        }
        int n = inlineCount[id];
        if (n == 0) {
            first[id] = rttNanos;
        } else if (n == 1) {
            second[id] = rttNanos;
        } else {
            s = summary[id] = new RttSummary(exactCap);
            s.add(first[id]);
            s.add(second[id]);
            s.add(rttNanos);
            return;
        }
        inlineCount[id] = (byte) (n + 1);
    }

    int size() { return size; }

    int stream(int id) { return stream[id]; }

    int connection(int id) { return connection[id]; }

    int subflow(int id) { return subflow[id]; }

    int direction(int id) { return code[id] & 1; }

    int estimator(int id) { return code[id] >> 1; }

    /** Sets the connection and subflow a series is listed under (a stream's series: the stream's, at the end). */
    void setOwner(int id, int connection, int subflow) {
        this.connection[id] = connection;
        this.subflow[id] = subflow;
    }

    /**
     * The summary of series {@code id}: its own, or for a series of at most {@link #INLINE} samples a new one fed
     * them (a fresh object each call, so callers on several threads do not share one).
     */
    RttSummary summary(int id) {
        RttSummary s = summary == null ? null : summary[id];
        if (s != null) return s;
        if (inlineCount[id] == DROPPED) throw new IllegalStateException("summary of series " + id + " dropped");
        s = new RttSummary(exactCap);
        int n = inlineCount[id];
        if (n > 0) s.add(first[id]);
        if (n > 1) s.add(second[id]);
        return s;
    }

    /** True if series {@code id} has its own {@link RttSummary} (more than {@link #INLINE} samples). */
    boolean hasSummary(int id) { return summary != null && summary[id] != null; }

    /** {@link #inlineCount} of a series whose summary {@link #dropSummaries} let go. */
    private static final byte DROPPED = -1;

    /**
     * Lets the series' own summaries go (the caller has read what it needs of them); {@link #summary} still serves
     * the series of at most {@link #INLINE} samples.
     */
    void dropSummaries() {
        for (int id = 0; id < size; id++) if (summary[id] != null) inlineCount[id] = DROPPED;
        summary = null;
    }
}
