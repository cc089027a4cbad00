package org.mpcap.analyzer.stats.rtt;

/**
 * Estimator {@code ts}: RTT from TCP timestamps (RFC 7323 §3, §4.3), for one TCP stream (both directions).
 *
 * <p>For each direction, every segment that occupies sequence space (payload, SYN or FIN) and carries a
 * timestamp option registers its TSval with the time it was <em>first</em> sent (many segments share a TSval
 * at a millisecond clock: the first one counts). When the other side's first segment with the ACK flag echoes
 * that TSval in its TSecr, the sample is {@code t(echo) − t(first send of TSval)}; later echoes of the same
 * TSval give nothing. TSvals older than the echoed one are dropped (a receiver's echo only moves forward).
 *
 * <p>Karn's rule: if any segment carrying a TSval was a retransmission (its sequence number does not advance
 * past the highest end already sent, as Wireshark decides it; a one-byte keep-alive counts) the TSval gives
 * no sample, because the echo may answer either transmission. Segments of pure ACKs are not registered: the
 * peer echoes them only when it next sends, which measures the peer's sending, not the path.
 *
 * <p>Memory: two rings of at most {@value #MAX_PENDING} TSvals; the oldest is dropped when a peer never
 * echoes. Nothing is allocated per packet once the rings have grown. The ring of a direction that sent its FIN (or
 * a RST) is let go when its last TSval is echoed (an empty ring holds nothing but its capacity).
 */
final class TimestampRttEstimator {
    /** Most TSvals awaiting an echo per direction. */
    static final int MAX_PENDING = 4096;

    private final Flow[] flows = {new Flow(), new Flow()};

    /**
     * Feeds one TCP segment.
     *
     * @param direction  {@link RttSink#C2S} if sent by the client, else {@link RttSink#S2C}
     * @param seq        raw 32-bit sequence number
     * @param ack        raw 32-bit acknowledgement number (for the relative-sequence base only)
     * @param payloadLen TCP payload length on the wire
     * @param flags      TCP flags
     * @param hasTs      the segment carries a timestamp option
     * @param tsVal      raw TSval
     * @param tsEcr      raw TSecr
     */
    void onSegment(int direction, int seq, int ack, int payloadLen, int flags, boolean hasTs, int tsVal,
                   int tsEcr, long timeNanos, long frame, RttSink sink) {
        Flow fwd = flows[direction];
        Flow rev = flows[direction ^ 1];
        boolean syn = (flags & Tcp.SYN) != 0, fin = (flags & Tcp.FIN) != 0, hasAck = (flags & Tcp.ACK) != 0;
        if (!fwd.baseSet) {
            fwd.base = syn ? seq : seq - 1;
            fwd.baseSet = true;
        }
        if (!rev.baseSet && hasAck) {
            rev.base = ack - 1;
            rev.baseSet = true;
        }
        // the echo first: a segment's TSecr refers to the other side's TSvals
        if (hasTs && hasAck && rev.count > 0) {
            int i = rev.echo(tsEcr);
            if (i >= 0) {
                sink.sample(direction ^ 1, -1, -1, timeNanos, Integer.toUnsignedLong(rev.seq[i] - rev.base),
                        timeNanos - rev.time[i], frame);
            }
            rev.releaseIfDone();
        }
        if (fin || (flags & Tcp.RST) != 0) fwd.closed = true;
        int len = payloadLen + (syn || fin ? 1 : 0);
        if (len > 0) {
            // retransmission test as Wireshark's seq_not_advanced (a segment longer than one byte starting one
            // byte before nextseq, after a zero-window probe, is new data)
            boolean retransmission = fwd.nextSeqSet && Tcp.lt(seq, fwd.nextSeq)
                    && !(payloadLen > 1 && seq == fwd.nextSeq - 1);
            int end = seq + len;
            if (!fwd.nextSeqSet || Tcp.lt(fwd.nextSeq, end)) {
                fwd.nextSeq = end;
                fwd.nextSeqSet = true;
            }
            if (hasTs) fwd.register(tsVal, seq, timeNanos, retransmission);
        }
    }

    /** TSvals awaiting an echo in {@code direction} (for tests). */
    int pending(int direction) { return flows[direction].count; }

    /** TSvals the ring of {@code direction} has room for (for tests). */
    int capacity(int direction) { return flows[direction].tsVal.length; }

    static final class Flow {
        boolean baseSet, nextSeqSet;
        int base, nextSeq;
        int[] tsVal = Rings.NO_INTS;
        int[] seq = Rings.NO_INTS;
        long[] time = Rings.NO_LONGS;
        boolean[] ambiguous = Rings.NO_BOOLEANS;
        int head, count;
        /** The direction sent a FIN or a RST: its ring is let go once empty. */
        boolean closed;

        void register(int ts, int s, long t, boolean retransmission) {
            int mask = tsVal.length - 1;
            if (count > 0) {
                int last = (head + count - 1) & mask;
                if (tsVal[last] == ts) {
                    ambiguous[last] |= retransmission;
                    return;
                }
                if (Tcp.lt(ts, tsVal[last])) {
                    // an older clock value sent after a newer one (reordered capture): mark it if still pending
                    for (int k = count - 1; k >= 0; k--) {
                        int i = (head + k) & mask;
                        if (tsVal[i] == ts) ambiguous[i] |= retransmission;
                        if (Tcp.le(tsVal[i], ts)) break;
                    }
                    return;
                }
            }
            if (count == tsVal.length) {
                if (count >= MAX_PENDING) {
                    head = (head + 1) & mask;
                    count--;
                } else {
                    grow();
                    mask = tsVal.length - 1;
                }
            }
            int i = (head + count) & mask;
            tsVal[i] = ts;
            seq[i] = s;
            time[i] = t;
            ambiguous[i] = retransmission;
            count++;
        }

        private void grow() {
            tsVal = Rings.grow(tsVal, head, count);
            seq = Rings.grow(seq, head, count);
            time = Rings.grow(time, head, count);
            ambiguous = Rings.grow(ambiguous, head, count);
            head = 0;
        }

        /**
         * Applies an echoed TSecr: drops older TSvals; if the oldest pending one equals {@code ecr} it is
         * consumed.
         *
         * @return the ring index of the consumed, unambiguous entry (valid until the next call), or -1
         */
        int echo(int ecr) {
            int mask = tsVal.length - 1;
            while (count > 0 && Tcp.lt(tsVal[head], ecr)) {
                head = (head + 1) & mask;
                count--;
            }
            if (count == 0 || tsVal[head] != ecr) return -1;
            int i = head;
            head = (head + 1) & mask;
            count--;
            return ambiguous[i] ? -1 : i;
        }

        /**
         * Lets the ring go if it is empty and the direction closed. Called by the estimator after it read the
         * entry {@link #echo} returned (its index stays valid until then).
         */
        void releaseIfDone() {
            if (count == 0 && closed) release();
        }

        private void release() {
            tsVal = Rings.NO_INTS;
            seq = Rings.NO_INTS;
            time = Rings.NO_LONGS;
            ambiguous = Rings.NO_BOOLEANS;
            head = 0;
        }
    }
}
