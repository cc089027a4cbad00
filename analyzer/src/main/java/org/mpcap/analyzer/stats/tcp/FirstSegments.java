package org.mpcap.analyzer.stats.tcp;

import java.util.Arrays;

/**
 * The first segment of each TCP stream, in columns indexed by {@code tcp.stream}, with the flags
 * {@link SequenceAnalysis} gave it: {@link TcpAnalysisCollector} judges a stream's first segment on a fresh state and
 * makes the stream's own state only at its second segment, replaying the first into it. The analysis of a stream
 * depends on that stream's segments alone, so the flags are the same; a stream of one segment (a SYN flood, a scan:
 * a million streams) costs these 39 bytes instead of its two directions' state (about 0.2 kB). Not thread-safe.
 */
final class FirstSegments {
    private static final byte PRESENT = 1, DIR_1 = 2;

    private byte[] meta = new byte[0];
    private byte[] flags = new byte[0], windowScale = new byte[0];
    private char[] window = new char[0], analysis = new char[0];
    private int[] seq = new int[0], ack = new int[0], length = new int[0], mptcpOps = new int[0];
    private long[] time = new long[0], frame = new long[0];

    /** True if {@link #keep} was called for {@code stream}. */
    boolean has(int stream) {
        return stream < meta.length && meta[stream] != 0;
    }

    /**
     * Keeps the first segment of {@code stream} as {@link SequenceAnalysis#onSegment} was given it (flags: the low
     * eight bits are used; window: the 16-bit field; window scale: the option's shift, -1 if absent) and its
     * result {@code analysis} (flag bits below 2^16).
     */
    void keep(int stream, int dir, int seq, int ack, int length, int flags, int window, int windowScale, long nanos,
              long frame, int mptcpOps, int analysis) {
        if (stream >= meta.length) grow(stream);
        meta[stream] = (byte) (PRESENT | (dir == 1 ? DIR_1 : 0));
        this.flags[stream] = (byte) flags;
        // SequenceAnalysis uses at most 14 of the option's shift (RFC 7323 §2.3)
        this.windowScale[stream] = (byte) Math.min(windowScale, 14);
        this.window[stream] = (char) window;
        this.analysis[stream] = (char) analysis;
        this.seq[stream] = seq;
        this.ack[stream] = ack;
        this.length[stream] = length;
        this.mptcpOps[stream] = mptcpOps;
        this.time[stream] = nanos;
        this.frame[stream] = frame;
    }

    private void grow(int stream) {
        int n = Math.max(stream + 1, Math.max(64, meta.length * 2));
        meta = Arrays.copyOf(meta, n);
        flags = Arrays.copyOf(flags, n);
        windowScale = Arrays.copyOf(windowScale, n);
        window = Arrays.copyOf(window, n);
        analysis = Arrays.copyOf(analysis, n);
        seq = Arrays.copyOf(seq, n);
        ack = Arrays.copyOf(ack, n);
        length = Arrays.copyOf(length, n);
        mptcpOps = Arrays.copyOf(mptcpOps, n);
        time = Arrays.copyOf(time, n);
        frame = Arrays.copyOf(frame, n);
    }

    /** The segment's direction (0: from the stream's lower endpoint). */
    int dir(int stream) { return (meta[stream] & DIR_1) != 0 ? 1 : 0; }

    int flags(int stream) { return flags[stream] & 0xff; }

    int windowScale(int stream) { return windowScale[stream]; }

    int window(int stream) { return window[stream]; }

    /** The flags {@link SequenceAnalysis} gave the segment. */
    int analysis(int stream) { return analysis[stream]; }

    int seq(int stream) { return seq[stream]; }

    int ack(int stream) { return ack[stream]; }

    int length(int stream) { return length[stream]; }

    int mptcpOps(int stream) { return mptcpOps[stream]; }

    long time(int stream) { return time[stream]; }

    long frame(int stream) { return frame[stream]; }
}
