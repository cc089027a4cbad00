package org.mpcap.analyzer.stats.rtt;

/**
 * Estimator {@code data}: MPTCP data-level RTT of one connection (RFC 8684 §3.3), both directions.
 *
 * <p>A DSS mapping ({@code dsn}, data-level length {@code len}; a DATA_FIN is included in {@code len}) sent in
 * one direction is outstanding until the first data ACK from the other direction, on any subflow, that covers
 * its end ({@code data_ack ≥ dsn + len}, unsigned 64-bit); the sample is {@code t(data ACK) − t(last segment
 * carrying the mapping)}, attributed to the subflow (and tcp stream) that carried the mapping. The mapping is
 * repeated on every segment it spans (Linux maps up to 64 KB at once), and its last segment carries its last
 * byte: measuring from the first segment would add the time to transmit the whole mapping (100 ms for 64 KB at
 * 5 Mbit/s) to the RTT. A cumulative data ACK completes every mapping it covers, so mappings held up behind a
 * lost or late one show the head-of-line delay the application saw — this is the data-level RTT, not a path
 * RTT.
 *
 * <p>A repeat of a mapping on the same subflow is the same transmission unless its TCP sequence number does
 * not advance (a TCP retransmission). Karn's rule: a mapping
 * sent again after a TCP retransmission, or on another subflow (reinjection), or overlapping a mapping already
 * sent (repacketised reinjection), gives no sample, and neither does the mapping it overlaps. An infinite
 * mapping ({@code len = 0}, fallback) is ignored.
 *
 * <p>DSNs and data ACKs are the 64-bit values the MPTCP tracker publishes per packet ({@code PacketContext}: it
 * expands 4-byte values, RFC 8684 §3.3.1, and knows each subflow's connection direction). Relative DSNs are {@code dsn − IDSN} when the IDSN is known ({@link #setIdsn}), so the first data byte is 1 as
 * in Wireshark; otherwise {@code dsn − (first DSN seen − 1)}.
 *
 * <p>Memory: two rings of at most {@value #MAX_PENDING} outstanding mappings; the oldest is dropped (no
 * sample) when full. Nothing is allocated per packet once the rings have grown. The ring of a DSN space whose
 * DATA_FIN was mapped ({@link #dataFin}) is let go when its last mapping is acknowledged (an empty ring holds
 * nothing but its capacity).
 */
final class DataRttEstimator {
    /** Most outstanding mappings kept per direction. */
    static final int MAX_PENDING = 4096;

    private final Space[] spaces = {new Space(), new Space()};

    /**
     * A DSS mapping seen in a packet.
     *
     * @param direction  direction of the packet ({@link RttSink#C2S} = sent by the connection's client): the
     *                   DSN space the mapping belongs to
     * @param subflow    subflow index of the packet
     * @param tcpStream  tcp stream of the packet
     * @param dsn64      64-bit DSN where the mapping starts
     * @param length     data-level length (DATA_FIN included); 0 = infinite mapping
     * @param tcpSeq     raw TCP sequence number of the packet
     * @param payloadLen TCP payload length of the packet
     */
    void onMapping(int direction, int subflow, int tcpStream, long dsn64, int length, int tcpSeq,
                   int payloadLen, long timeNanos) {
        if (length == 0) return;
        Space sp = spaces[direction];
        long start = dsn64;
        if (!sp.baseSet) {
            sp.base = start - 1;
            sp.baseSet = true;
        }
        long end = start + (length & 0xffffL);
        if (sp.ackSet && Long.compareUnsigned(end, sp.lastAck) <= 0) return; // already acknowledged data
        sp.mapping(start, end, subflow, tcpStream, tcpSeq, payloadLen, timeNanos);
    }

    /**
     * The IDSN of {@code space} (RFC 8684 §3.1, as the MPTCP tracker derived it from the key of the side sending
     * in that space, when the MP_CAPABLE keys are in the capture): the base of relative DSNs (the first data
     * byte, IDSN + 1, is relative DSN 1, as in Wireshark). Ignored once set.
     */
    void setIdsn(int space, long idsn) {
        Space sp = spaces[space];
        if (sp.idsnSet) return;
        sp.idsnSet = true;
        sp.base = idsn;
        sp.baseSet = true;
    }

    /** The IDSN of {@code space} if {@link #setIdsn} was called. */
    boolean idsnKnown(int space) { return spaces[space].idsnSet; }

    /** The IDSN of {@code space}; meaningful only if {@link #idsnKnown}. */
    long idsn(int space) { return spaces[space].base; }

    /**
     * A data ACK seen in a packet.
     *
     * @param direction direction of the packet; it acknowledges the other direction's DSN space
     * @param ack64     the 64-bit data ACK
     * @param frame     frame number of the packet
     */
    void onDataAck(int direction, long ack64, long timeNanos, long frame, RttSink sink) {
        int acked = direction ^ 1;
        Space sp = spaces[acked];
        long ack = ack64;
        if (sp.ackSet && Long.compareUnsigned(ack, sp.lastAck) <= 0) return;
        sp.lastAck = ack;
        sp.ackSet = true;
        sp.acknowledge(ack, acked, timeNanos, frame, sink);
    }

    /**
     * The MPTCP tracker moved the DSNs it published in {@code space} by {@code delta} (their upper 32 bits had been
     * guessed from 4-byte values, {@code PacketContext.rebased}): move what is kept.
     */
    void rebase(int space, long delta) {
        Space sp = spaces[space];
        int mask = sp.start.length - 1;
        for (int k = 0; k < sp.count; k++) {
            int i = (sp.head + k) & mask;
            sp.start[i] += delta;
            sp.end[i] += delta;
        }
        if (sp.baseSet && !sp.idsnSet) sp.base += delta;
        if (sp.ackSet) sp.lastAck += delta;
        if (sp.maxSet) sp.maxEnd += delta;
    }

    /**
     * The DATA_FIN of {@code space} was mapped (RFC 8684 §3.3.3): the sender has no more data, so the space's ring
     * is let go once its mappings are acknowledged.
     */
    void dataFin(int space) {
        spaces[space].closed = true;
    }

    /** Outstanding mappings in {@code direction}'s DSN space (for tests). */
    int outstanding(int direction) { return spaces[direction].count; }

    /** Mappings the ring of {@code direction}'s DSN space has room for (for tests). */
    int capacity(int direction) { return spaces[direction].start.length; }

    /** One direction's DSN space: relative base and outstanding mappings, oldest first, in a ring. */
    static final class Space {
        boolean baseSet, ackSet, maxSet, idsnSet;
        long base, lastAck, maxEnd;
        long[] start = Rings.NO_LONGS;
        long[] end = Rings.NO_LONGS;
        long[] time = Rings.NO_LONGS;
        int[] subflow = Rings.NO_INTS;
        int[] stream = Rings.NO_INTS;
        int[] tcpEnd = Rings.NO_INTS;
        boolean[] ambiguous = Rings.NO_BOOLEANS;
        boolean[] inverted = Rings.NO_BOOLEANS;
        int head, count, invertedLive;
        /** The space's DATA_FIN was mapped: the ring is let go once empty. */
        boolean closed;

        void mapping(long s, long e, int sf, int ts, int tcpSeq, int payloadLen, long t) {
            int mask = start.length - 1;
            boolean overlap = false;
            if (maxSet && Long.compareUnsigned(s, maxEnd) < 0) {
                // below the highest end sent: a repeat of a mapping on a following segment (newest first), a
                // reinjection, or a mapping captured out of order across subflows
                for (int k = count - 1; k >= 0; k--) {
                    int i = (head + k) & mask;
                    if (start[i] == s && end[i] == e) {
                        if (stream[i] != ts) {
                            ambiguous[i] = true; // reinjected on another subflow
                        } else if (payloadLen > 0) {
                            if (Tcp.lt(tcpSeq, tcpEnd[i])) {
                                ambiguous[i] = true; // TCP retransmission
                            } else {
                                tcpEnd[i] = tcpSeq + payloadLen;
                                time[i] = t; // the mapping's bytes so far were last sent now
                            }
                        }
                        return;
                    }
                    if (Long.compareUnsigned(s, end[i]) < 0 && Long.compareUnsigned(start[i], e) < 0) {
                        ambiguous[i] = true; // repacketised reinjection: both transmissions are ambiguous
                        overlap = true;
                    }
                }
            }
            add(s, e, sf, ts, tcpSeq + payloadLen, t, overlap);
        }

        private void add(long s, long e, int sf, int ts, int tcpE, long t, boolean amb) {
            if (count == start.length) {
                if (count >= MAX_PENDING) {
                    int h = head;
                    if (inverted[h]) invertedLive--;
                    head = (head + 1) & (start.length - 1);
                    count--;
                } else {
                    grow();
                }
            }
            int i = (head + count) & (start.length - 1);
            start[i] = s;
            end[i] = e;
            time[i] = t;
            subflow[i] = sf;
            stream[i] = ts;
            tcpEnd[i] = tcpE;
            ambiguous[i] = amb;
            boolean inv = maxSet && Long.compareUnsigned(e, maxEnd) < 0;
            inverted[i] = inv;
            if (inv) invertedLive++;
            else {
                maxEnd = e;
                maxSet = true;
            }
            count++;
        }

        private void grow() {
            start = Rings.grow(start, head, count);
            end = Rings.grow(end, head, count);
            time = Rings.grow(time, head, count);
            subflow = Rings.grow(subflow, head, count);
            stream = Rings.grow(stream, head, count);
            tcpEnd = Rings.grow(tcpEnd, head, count);
            ambiguous = Rings.grow(ambiguous, head, count);
            inverted = Rings.grow(inverted, head, count);
            head = 0;
        }

        /** Completes every mapping whose end is at or before {@code ack}, oldest first. */
        void acknowledge(long ack, int direction, long now, long frame, RttSink sink) {
            int mask = start.length - 1;
            int invertedBefore = invertedLive, seen = 0, stop = count;
            for (int k = 0; k < count; k++) {
                int i = (head + k) & mask;
                if (inverted[i]) seen++;
                if (Long.compareUnsigned(ack, end[i]) < 0) {
                    if (seen == invertedBefore) {
                        stop = k;
                        break;
                    }
                    continue;
                }
                if (!ambiguous[i]) {
                    sink.sample(direction, subflow[i], stream[i], now, start[i] - base, now - time[i], frame);
                }
            }
            int write = stop - 1;
            for (int k = stop - 1; k >= 0; k--) {
                int i = (head + k) & mask;
                if (Long.compareUnsigned(ack, end[i]) >= 0) {
                    if (inverted[i]) invertedLive--;
                    continue;
                }
                if (write != k) {
                    int w = (head + write) & mask;
                    start[w] = start[i];
                    end[w] = end[i];
                    time[w] = time[i];
                    subflow[w] = subflow[i];
                    stream[w] = stream[i];
                    tcpEnd[w] = tcpEnd[i];
                    ambiguous[w] = ambiguous[i];
                    inverted[w] = inverted[i];
                }
                write--;
            }
            int removed = write + 1;
            head = (head + removed) & mask;
            count -= removed;
            if (count == 0 && closed) release();
        }

        private void release() {
            start = Rings.NO_LONGS;
            end = Rings.NO_LONGS;
            time = Rings.NO_LONGS;
            subflow = Rings.NO_INTS;
            stream = Rings.NO_INTS;
            tcpEnd = Rings.NO_INTS;
            ambiguous = Rings.NO_BOOLEANS;
            inverted = Rings.NO_BOOLEANS;
            head = 0;
        }
    }
}
