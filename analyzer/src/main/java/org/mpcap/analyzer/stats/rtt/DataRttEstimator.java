package org.mpcap.analyzer.stats.rtt;

import org.mpcap.analyzer.decode.mptcp.DataSequence;

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
 * <p>4-byte DSNs and data ACKs are the low 32 bits of the 64-bit value (RFC 8684 §3.3.1); they are expanded
 * to the 64-bit value nearest the last one known in that DSN space. If only 4-byte values have been seen the
 * high bits start at 0; when an 8-byte value appears later, everything kept is re-expanded against it.
 * Relative DSNs are {@code dsn − IDSN} when the IDSN is known ({@link #setIdsn}), so the first data byte is 1 as
 * in Wireshark; otherwise {@code dsn − (first DSN seen − 1)}.
 *
 * <p>Memory: two rings of at most {@value #MAX_PENDING} outstanding mappings; the oldest is dropped (no
 * sample) when full. Nothing is allocated per packet once the rings have grown.
 */
final class DataRttEstimator {
    /** Most outstanding mappings kept per direction. */
    static final int MAX_PENDING = 4096;
    private static final long LOW32 = 0xffff_ffffL;

    private final Space[] spaces = {new Space(), new Space()};

    /**
     * A DSS mapping seen in a packet.
     *
     * @param direction  direction of the packet ({@link RttSink#C2S} = sent by the connection's client): the
     *                   DSN space the mapping belongs to
     * @param subflow    subflow index of the packet
     * @param tcpStream  tcp stream of the packet
     * @param dsn        DSN as on the wire (4-byte values zero-extended)
     * @param dsn8       the DSN was 8 bytes on the wire
     * @param length     data-level length (DATA_FIN included); 0 = infinite mapping
     * @param tcpSeq     raw TCP sequence number of the packet
     * @param payloadLen TCP payload length of the packet
     */
    void onMapping(int direction, int subflow, int tcpStream, long dsn, boolean dsn8, int length, int tcpSeq,
                   int payloadLen, long timeNanos) {
        if (length == 0) return;
        Space sp = spaces[direction];
        long start = sp.expand(dsn, dsn8);
        if (!sp.baseSet) {
            sp.base = start - 1;
            sp.baseSet = true;
        }
        long end = start + (length & 0xffffL);
        if (sp.ackSet && Long.compareUnsigned(end, sp.lastAck) <= 0) return; // already acknowledged data
        sp.mapping(start, end, subflow, tcpStream, tcpSeq, payloadLen, timeNanos);
    }

    /**
     * The IDSN of {@code space} (RFC 8684 §3.1: from the key of the side sending in that space, when the
     * MP_CAPABLE keys are in the capture). It becomes the 64-bit reference for 4-byte values and the base of
     * relative DSNs (the first data byte, IDSN + 1, is relative DSN 1, as in Wireshark). Ignored once set.
     */
    void setIdsn(int space, long idsn) {
        Space sp = spaces[space];
        if (sp.idsnSet) return;
        sp.idsnSet = true;
        if (sp.refSet && !sp.ref64) sp.rebase(idsn);
        if (!sp.ref64) {
            sp.ref = idsn;
            sp.refSet = true;
            sp.ref64 = true;
        }
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
     * @param dataAck   data ACK as on the wire (4-byte values zero-extended)
     * @param ack8      the data ACK was 8 bytes on the wire
     * @param frame     frame number of the packet
     */
    void onDataAck(int direction, long dataAck, boolean ack8, long timeNanos, long frame, RttSink sink) {
        int acked = direction ^ 1;
        Space sp = spaces[acked];
        long ack = sp.expand(dataAck, ack8);
        if (sp.ackSet && Long.compareUnsigned(ack, sp.lastAck) <= 0) return;
        sp.lastAck = ack;
        sp.ackSet = true;
        sp.acknowledge(ack, acked, timeNanos, frame, sink);
    }

    /**
     * Whether a DSN or data ACK {@code v} really belongs to DSN space {@code expected}, for subflows whose
     * client may be the connection's server (a join opened by the server): the two spaces start at independent
     * random 64-bit IDSNs (RFC 8684 §3.1), so a value lies next to the last value of its own space.
     *
     * @return 0 if {@code v} belongs to {@code expected}, 1 if to the other space, -1 if it cannot be told yet
     */
    int reversal(int expected, long v, boolean eight) {
        Space own = spaces[expected], other = spaces[expected ^ 1];
        if (own.refSet && other.refSet) {
            return Long.compareUnsigned(distance(other.ref, v, eight), distance(own.ref, v, eight)) < 0 ? 1 : 0;
        }
        long near = eight ? NEAR_64 : NEAR_32;
        if (own.refSet) return Long.compareUnsigned(distance(own.ref, v, eight), near) <= 0 ? 0 : eight ? 1 : -1;
        if (other.refSet) return Long.compareUnsigned(distance(other.ref, v, eight), near) <= 0 ? 1 : eight ? 0 : -1;
        return -1;
    }

    /** Distances within which a value is taken to be of a known space when the other space is not known. */
    private static final long NEAR_64 = 1L << 40, NEAR_32 = 1L << 28;

    private static long distance(long ref, long v, boolean eight) {
        return eight ? Math.abs(v - ref) : Math.abs((long) (int) (v - ref));
    }

    /** Outstanding mappings in {@code direction}'s DSN space (for tests). */
    int outstanding(int direction) { return spaces[direction].count; }

    /** One direction's DSN space: expansion reference and outstanding mappings, oldest first, in a ring. */
    static final class Space {
        boolean refSet, ref64, baseSet, ackSet, maxSet, idsnSet;
        long ref, base, lastAck, maxEnd;
        long[] start = Rings.NO_LONGS;
        long[] end = Rings.NO_LONGS;
        long[] time = Rings.NO_LONGS;
        int[] subflow = Rings.NO_INTS;
        int[] stream = Rings.NO_INTS;
        int[] tcpEnd = Rings.NO_INTS;
        boolean[] ambiguous = Rings.NO_BOOLEANS;
        boolean[] inverted = Rings.NO_BOOLEANS;
        int head, count, invertedLive;

        /** RFC 8684 §3.3.1: a 4-byte value is the low 32 bits; expand it next to the last known value. */
        long expand(long raw, boolean eight) {
            if (eight) {
                if (refSet && !ref64) rebase(raw);
                ref = raw;
                refSet = true;
                ref64 = true;
                return raw;
            }
            long low = raw & LOW32;
            if (!refSet) {
                ref = low;
                refSet = true;
                return low;
            }
            long v = DataSequence.expand32(ref, low);
            ref = v;
            return v;
        }

        /** The values kept so far were expanded from 4-byte values with guessed high bits: redo against r. */
        private void rebase(long r) {
            int mask = start.length - 1;
            for (int k = 0; k < count; k++) {
                int i = (head + k) & mask;
                long len = end[i] - start[i];
                start[i] = near(r, start[i]);
                end[i] = start[i] + len;
            }
            if (baseSet) base = near(r, base + 1) - 1;
            if (ackSet) lastAck = near(r, lastAck);
            if (maxSet) maxEnd = near(r, maxEnd);
        }

        private static long near(long r, long v) {
            return DataSequence.expand32(r, v);
        }

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
        }
    }
}
