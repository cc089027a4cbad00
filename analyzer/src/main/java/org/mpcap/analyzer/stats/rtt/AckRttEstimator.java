package org.mpcap.analyzer.stats.rtt;

/**
 * Estimator {@code ack}: Wireshark's {@code tcp.analysis.ack_rtt}, for one TCP stream (both directions).
 *
 * <p>Wireshark 4.0 ({@code epan/dissectors/packet-tcp.c}, {@code tcp_analyze_sequence_number}) keeps, per
 * direction, the list of segments not yet acknowledged ({@code ual}): every segment that occupies sequence
 * space (payload, or SYN/FIN, which count one byte; retransmissions included) is added with its end
 * {@code nextseq = seq + len (+1 for SYN/FIN)}, unless the list already holds
 * {@value #MAX_UNACKED} segments ({@code TCP_MAX_UNACKED_SEGMENTS}). Each packet's acknowledgement number
 * {@code ack} is then applied to the list of the other direction:
 * <ul>
 *   <li>{@code ack == nextseq}: the segment is acknowledged exactly; it gives the sample
 *       {@code t(ack) − t(segment)} and is removed. When several segments end there (a retransmission of the
 *       same range) the oldest one wins: Wireshark walks newest → oldest and overwrites, so the sample is
 *       measured from the original transmission;</li>
 *   <li>{@code ack} after {@code nextseq} (a cumulative ACK passing the segment's end): removed, no sample;</li>
 *   <li>{@code ack} before {@code nextseq} (partial or old ACK): kept, no sample. (Wireshark also trims the
 *       segment's start to {@code ack}; the start never changes a later decision, so it is not kept.)</li>
 * </ul>
 * Wireshark shows {@code ack_rtt} only when the delta is non-zero; so does this estimator. All sequence
 * comparisons are modulo 2^32. Pure ACKs, duplicate ACKs, window updates and zero-length keep-alives occupy
 * no sequence space and are never added; a one-byte keep-alive or zero-window probe is added like any
 * segment (as Wireshark does). Divergence: the acknowledgement number is applied only when the ACK flag is
 * set (Wireshark applies the field of every segment, including a RST or SYN without ACK whose field is
 * meaningless) — see {@code tshark-divergences.md}.
 *
 * <p>Memory: two ring buffers of at most {@value #MAX_UNACKED} entries each; nothing allocated per packet
 * once the rings have grown to the stream's largest window. The ring of a direction that sent its FIN (or a RST) is
 * let go when its last entry is acknowledged: an empty ring holds nothing but its capacity, so results are the
 * same, and a capture of many finished connections keeps no rings (a later segment of that direction, rare, makes
 * a new one). Work per ACK is proportional to the number of
 * entries it removes (entries are kept in insertion order and the scan stops at the first entry still
 * outstanding unless an out-of-order insertion — a retransmission — is still pending behind it).
 */
final class AckRttEstimator {
    /** Wireshark's {@code TCP_MAX_UNACKED_SEGMENTS} (packet-tcp.h). */
    static final int MAX_UNACKED = 10_000;

    private final Flow[] flows = {new Flow(), new Flow()};

    /**
     * Feeds one TCP segment.
     *
     * @param direction  {@link RttSink#C2S} if sent by the client, else {@link RttSink#S2C}
     * @param seq        raw 32-bit sequence number
     * @param ack        raw 32-bit acknowledgement number
     * @param payloadLen TCP payload length on the wire (from the IP length)
     * @param flags      TCP flags ({@code TcpView} constants)
     * @param timeNanos  capture time
     * @param frame      frame number
     * @param sink       receives at most one sample (for the other direction's data)
     */
    void onSegment(int direction, int seq, int ack, int payloadLen, int flags, long timeNanos, long frame,
                   RttSink sink) {
        Flow fwd = flows[direction];
        Flow rev = flows[direction ^ 1];
        boolean syn = (flags & Tcp.SYN) != 0, fin = (flags & Tcp.FIN) != 0, hasAck = (flags & Tcp.ACK) != 0;
        // relative sequence numbers as Wireshark numbers them (base = ISN, or seq - 1 without a SYN)
        if (!fwd.baseSet) {
            fwd.base = syn ? seq : seq - 1;
            fwd.baseSet = true;
        }
        if (!rev.baseSet && hasAck) {
            rev.base = ack - 1;
            rev.baseSet = true;
        }
        if ((payloadLen > 0 || syn || fin) && fwd.count < MAX_UNACKED) {
            fwd.add(seq, seq + payloadLen + (syn || fin ? 1 : 0), timeNanos);
        }
        if (fin || (flags & Tcp.RST) != 0) fwd.closed = true;
        if (hasAck && rev.count > 0) {
            int hit = rev.acknowledge(ack);
            if (hit >= 0) {
                long rtt = timeNanos - rev.hitTime;
                if (rtt != 0) {
                    sink.sample(direction ^ 1, -1, -1, timeNanos, Integer.toUnsignedLong(rev.hitSeq - rev.base),
                            rtt, frame);
                }
            }
        }
    }

    /** Segments outstanding in {@code direction} (for tests). */
    int outstanding(int direction) { return flows[direction].count; }

    /** Entries the ring of {@code direction} has room for (for tests). */
    int capacity(int direction) { return flows[direction].seq.length; }

    /** One direction's list of unacknowledged segments, oldest first, in a ring. */
    static final class Flow {
        boolean baseSet;
        int base;
        int[] seq = Rings.NO_INTS;
        int[] end = Rings.NO_INTS;
        long[] time = Rings.NO_LONGS;
        /** Entry was added with an end before the largest end added so far (retransmission, reordering). */
        boolean[] inverted = Rings.NO_BOOLEANS;
        int head, count, invertedLive;
        int maxEnd;
        boolean anyAdded;
        /** The direction sent a FIN or a RST: its ring is let go once empty. */
        boolean closed;
        /** Set by {@link #acknowledge}: the acknowledged segment's start and send time. */
        int hitSeq;
        long hitTime;

        void add(int s, int e, long t) {
            if (count == seq.length) grow();
            int i = (head + count) & (seq.length - 1);
            seq[i] = s;
            end[i] = e;
            time[i] = t;
            boolean inv = anyAdded && Tcp.lt(e, maxEnd);
            inverted[i] = inv;
            if (inv) invertedLive++;
            else maxEnd = e;
            anyAdded = true;
            count++;
        }

        private void grow() {
            seq = Rings.grow(seq, head, count);
            end = Rings.grow(end, head, count);
            time = Rings.grow(time, head, count);
            inverted = Rings.grow(inverted, head, count);
            head = 0;
        }

        /**
         * Applies acknowledgement number {@code ack}: removes every entry whose end is at or before it.
         *
         * @return 0 if an entry ended exactly at {@code ack} ({@link #hitSeq}/{@link #hitTime} then describe
         *     the oldest such entry), -1 otherwise
         */
        int acknowledge(int ack) {
            int mask = seq.length - 1;
            // pass 1 (oldest → newest): find the extent to visit and the oldest exact match
            int invertedBefore = invertedLive;
            int seen = 0, stop = count;
            int hit = -1;
            for (int k = 0; k < count; k++) {
                int i = (head + k) & mask;
                if (inverted[i]) seen++;
                if (Tcp.lt(ack, end[i])) {
                    if (seen == invertedBefore) { // nothing inserted out of order lies further on
                        stop = k;
                        break;
                    }
                    continue;
                }
                if (hit < 0 && end[i] == ack) hit = i;
            }
            if (hit >= 0) {
                hitSeq = seq[hit];
                hitTime = time[hit];
            }
            // pass 2 (newest → oldest over [0, stop)): drop acknowledged entries, pack survivors towards stop
            int write = stop - 1;
            for (int k = stop - 1; k >= 0; k--) {
                int i = (head + k) & mask;
                boolean keep = Tcp.lt(ack, end[i]);
                if (!keep) {
                    if (inverted[i]) invertedLive--;
                    continue;
                }
                if (write != k) {
                    int w = (head + write) & mask;
                    seq[w] = seq[i];
                    end[w] = end[i];
                    time[w] = time[i];
                    inverted[w] = inverted[i];
                }
                write--;
            }
            int removed = write + 1;
            head = (head + removed) & mask;
            count -= removed;
            if (count == 0 && closed) release();
            return hit >= 0 ? 0 : -1;
        }

        /** Back to the shared empty arrays (the ring is empty). */
        private void release() {
            seq = Rings.NO_INTS;
            end = Rings.NO_INTS;
            time = Rings.NO_LONGS;
            inverted = Rings.NO_BOOLEANS;
            head = 0;
        }
    }
}
