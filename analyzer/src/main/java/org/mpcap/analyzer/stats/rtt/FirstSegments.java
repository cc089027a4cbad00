package org.mpcap.analyzer.stats.rtt;

import java.util.Arrays;

/**
 * The first segment of each TCP stream, in columns indexed by {@code tcp.stream}, kept until the stream's second
 * segment: only then does {@link RttCollector} make the stream's estimators and feed them both. A first segment
 * never gives a sample (every estimator needs an earlier segment of the stream: the ring of the other direction is
 * empty, no SYN or SYN/ACK was seen before it), so feeding it late changes nothing, and a stream that never sends a
 * second segment (a SYN flood, a scan: a million streams) costs these 34 bytes instead of its estimators' half
 * kilobyte. Not thread-safe.
 */
final class FirstSegments {
    private static final byte PRESENT = 1, FROM_SERVER = 2, HAS_TS = 4;

    private byte[] meta = new byte[0];
    private byte[] flags = new byte[0];
    private int[] seq = new int[0], ack = new int[0], length = new int[0], tsVal = new int[0];
    private int[] connection = new int[0], subflow = new int[0];
    private long[] time = new long[0];

    /** True if {@link #keep} was called for {@code stream}. */
    boolean has(int stream) {
        return stream < meta.length && meta[stream] != 0;
    }

    /**
     * Keeps the first segment of {@code stream}: what {@link RttCollector} reads of a segment (TCP flags as
     * {@code TcpView.flags()}, of which the estimators use the low eight bits; raw 32-bit numbers).
     */
    void keep(int stream, int direction, int seq, int ack, int length, int flags, boolean hasTs, int tsVal,
              long timeNanos, int connection, int subflow) {
        if (stream >= meta.length) grow(stream);
        meta[stream] = (byte) (PRESENT | (direction == RttSink.S2C ? FROM_SERVER : 0) | (hasTs ? HAS_TS : 0));
        this.flags[stream] = (byte) flags;
        this.seq[stream] = seq;
        this.ack[stream] = ack;
        this.length[stream] = length;
        this.tsVal[stream] = tsVal;
        this.time[stream] = timeNanos;
        this.connection[stream] = connection;
        this.subflow[stream] = subflow;
    }

    private void grow(int stream) {
        int n = Math.max(stream + 1, Math.max(64, meta.length * 2));
        meta = Arrays.copyOf(meta, n);
        flags = Arrays.copyOf(flags, n);
        seq = Arrays.copyOf(seq, n);
        ack = Arrays.copyOf(ack, n);
        length = Arrays.copyOf(length, n);
        tsVal = Arrays.copyOf(tsVal, n);
        time = Arrays.copyOf(time, n);
        connection = Arrays.copyOf(connection, n);
        subflow = Arrays.copyOf(subflow, n);
    }

    int direction(int stream) { return (meta[stream] & FROM_SERVER) != 0 ? RttSink.S2C : RttSink.C2S; }

    boolean hasTs(int stream) { return (meta[stream] & HAS_TS) != 0; }

    /** The low eight bits of the segment's TCP flags (FIN, SYN, RST, PSH, ACK, URG, ECE, CWR). */
    int flags(int stream) { return flags[stream] & 0xff; }

    int seq(int stream) { return seq[stream]; }

    int ack(int stream) { return ack[stream]; }

    int length(int stream) { return length[stream]; }

    int tsVal(int stream) { return tsVal[stream]; }

    long time(int stream) { return time[stream]; }

    int connection(int stream) { return connection[stream]; }

    int subflow(int stream) { return subflow[stream]; }
}
