package org.mpcap.analyzer.stats.tcp;

import java.util.Arrays;

/**
 * Wireshark 4.0's TCP sequence analysis ({@code epan/dissectors/packet-tcp.c}, {@code tcp_analyze_sequence_number},
 * with the default preferences: {@code tcp.analyze_sequence_numbers} and {@code tcp.fastrt_supersedes_ooo} on),
 * decision for decision, for the flags researchers count: {@code tcp.analysis.retransmission},
 * {@code fast_retransmission}, {@code spurious_retransmission}, {@code out_of_order}, {@code lost_segment},
 * {@code ack_lost_segment}, {@code duplicate_ack} (+ {@code duplicate_ack_num}, {@code duplicate_ack_frame}) and the
 * keep-alive / zero-window flags that steer them. One state per TCP stream ({@code tcp.stream}) and direction.
 *
 * <p>Per direction Wireshark keeps: {@code nextseq} (highest sequence end seen; the raw value 0 means "not yet
 * seen", as in Wireshark), {@code maxseqtobeacked} (end of the contiguous data), {@code lastack} and its time, the
 * last window, the duplicate-ACK counter and the frame of the last non-duplicate ACK, the flags of the last
 * segment. Per stream the initial RTT ({@code tcp.analysis.initial_rtt}: first pure ACK minus the most recent SYN).
 * A segment that carries data (or SYN/FIN) and starts before {@code nextseq} is, in this order: spurious (it ends at
 * or before the other side's last ACK), a fast retransmission (≥ 2 duplicate ACKs for exactly its sequence number
 * in the other direction, the last one less than 20 ms ago), out-of-order (less than the initial RTT — 3 ms when
 * unknown — after the segment that set {@code nextseq}, and not ending at {@code nextseq}), else a retransmission.
 * A zero-length segment repeating the direction's last seq, ACK and non-zero window is a duplicate ACK.
 *
 * <p>Acknowledgements of data not captured ({@code ack_lost_segment}) follow Wireshark 4.0: the flag, then the other
 * direction's contiguous end moves to its {@code nextseq} so that one gap is reported once (newer Wireshark versions
 * gate it on the duplicate-ACK counter instead; 4.0.17's output agrees with the former).
 *
 * <p>Not reproduced (see {@code tshark-divergences.md}): Wireshark adds one to a SYN's or FIN's end only while fewer
 * than 10 000 of its segments are unacknowledged (a one-sided capture with a huge window); mpcap always does.
 *
 * <p>Memory: primitive arrays indexed by {@code stream * 2 + direction}, grown by doubling; nothing allocated per
 * packet. "Stream" is the caller's index of a stream's state (TcpAnalysisCollector gives one only to streams with a
 * second segment, and judges first segments on a {@link #reset} scratch state). Not thread-safe.
 */
final class SequenceAnalysis {
    // Flags of one segment (bit values are mpcap's; names are Wireshark's TCP_A_*)
    static final int RETRANSMISSION = 1, FAST_RETRANSMISSION = 1 << 1, SPURIOUS_RETRANSMISSION = 1 << 2,
            OUT_OF_ORDER = 1 << 3, LOST_PACKET = 1 << 4, ACK_LOST_PACKET = 1 << 5, DUPLICATE_ACK = 1 << 6,
            KEEP_ALIVE = 1 << 7, KEEP_ALIVE_ACK = 1 << 8, ZERO_WINDOW = 1 << 9, ZERO_WINDOW_PROBE = 1 << 10,
            ZERO_WINDOW_PROBE_ACK = 1 << 11, WINDOW_UPDATE = 1 << 12;
    /** The flags for which tshark shows {@code tcp.analysis.retransmission} (its expert info is added to all three). */
    static final int ANY_RETRANSMISSION = RETRANSMISSION | FAST_RETRANSMISSION | SPURIOUS_RETRANSMISSION;

    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, ACK = 0x10;
    /** packet-tcp.c: a fast retransmission comes less than 20 ms after the last duplicate ACK. */
    static final long FAST_RETRANSMISSION_WINDOW_NANOS = 20_000_000L;
    /** packet-tcp.c: out-of-order threshold while the initial RTT is unknown (3 ms). */
    static final long DEFAULT_OOO_THRESHOLD_NANOS = 3_000_000L;

    // per direction (index stream * 2 + dir)
    private int[] nextSeq = new int[0], maxSeqToBeAcked = new int[0], lastAck = new int[0], window = new int[0],
            dupAckNum = new int[0], lastSegmentFlags = new int[0], mpOperations = new int[0];
    private static final byte SHIFT_UNKNOWN = -1, SHIFT_NONE = -2;
    private byte[] windowShift = new byte[0];
    private boolean[] ackSeen = new boolean[0];
    private long[] nextSeqTime = new long[0], lastAckTime = new long[0], lastNonDupAck = new long[0];
    // per stream
    private long[] mruSyn = new long[0], firstRtt = new long[0];
    private int streams;

    /** Set by {@link #onSegment}: the duplicate ACK's number and the frame it duplicates (when DUPLICATE_ACK). */
    int dupAckNumber;
    long dupAckFrame;

    /**
     * Analyses one TCP segment and returns its flags.
     *
     * @param stream       {@code tcp.stream}
     * @param dir          0 or 1, a fixed direction of the stream (not necessarily client → server)
     * @param seq          raw sequence number
     * @param ack          raw acknowledgement field (used whatever the flags, as Wireshark does)
     * @param seglen       TCP payload length (from the IP length)
     * @param flags        TCP flags
     * @param rawWindow    window field, unscaled
     * @param windowScaleOption the segment's window-scale option (shift count), -1 if absent
     * @param nanos        capture time
     * @param frame        frame number
     * @param mptcpOps     Wireshark's {@code mp_operations} of the segment's MPTCP connection, or -1 when the stream is
     *                     not (yet) an MPTCP subflow: a duplicate ACK is not flagged when it changed since the
     *                     direction's previous segment
     */
    int onSegment(int stream, int dir, int seq, int ack, int seglen, int flags, int rawWindow, int windowScaleOption,
                  long nanos, long frame, int mptcpOps) {
        ensure(stream);
        int fwd = stream * 2 + dir, rev = fwd ^ 1;
        boolean sfr = (flags & (SYN | FIN | RST)) != 0;
        int window = scaledWindow(fwd, rev, flags, rawWindow, windowScaleOption);
        // initial RTT (dissect_tcp): the most recent SYN's time, and the first pure ACK after it
        if ((flags & (SYN | ACK)) == SYN) mruSyn[stream] = nanos;
        if ((flags & (SYN | ACK)) == ACK && mruSyn[stream] != Long.MIN_VALUE && firstRtt[stream] == 0) {
            firstRtt[stream] = nanos - mruSyn[stream];
        }
        int ta = 0;
        dupAckNumber = 0;
        dupAckFrame = 0;
        int fNext = nextSeq[fwd];
        fwdChecks:
        {
            // ZERO WINDOW PROBE: one byte at nextseq while the other side's window is 0
            if (seglen == 1 && seq == fNext && this.window[rev] == 0) {
                ta |= ZERO_WINDOW_PROBE;
                break fwdChecks;
            }
            if (window == 0 && !sfr) ta |= ZERO_WINDOW;
            // LOST PACKET: beyond nextseq ("previous segment not captured")
            if (fNext != 0 && gt(seq, fNext) && (flags & RST) == 0) ta |= LOST_PACKET;
            // KEEP ALIVE: 0 or 1 byte one before nextseq
            if ((seglen == 0 || seglen == 1) && seq == fNext - 1 && !sfr) ta |= KEEP_ALIVE;
            boolean repeats = seglen == 0 && seq == fNext && ack == lastAck[fwd] && !sfr;
            if (repeats && window != 0 && window != this.window[fwd]) ta |= WINDOW_UPDATE;
            if (repeats && window != 0 && window == this.window[fwd] && (lastSegmentFlags[rev] & KEEP_ALIVE) != 0) {
                ta |= KEEP_ALIVE_ACK;
                break fwdChecks;
            }
            if (repeats && window == 0 && this.window[fwd] == 0 && (lastSegmentFlags[rev] & ZERO_WINDOW_PROBE) != 0) {
                ta |= ZERO_WINDOW_PROBE_ACK;
                break fwdChecks;
            }
            if (repeats && window != 0 && window == this.window[fwd]) {
                if (mptcpOps >= 0 && mptcpOps != mpOperations[fwd]) {
                    // MPTCP: ignored as a duplicate ACK
                } else {
                    dupAckNum[fwd] = dupAckNum[fwd] == -1 ? 1 : dupAckNum[fwd] + 1;
                    ta |= DUPLICATE_ACK;
                    dupAckNumber = dupAckNum[fwd];
                    dupAckFrame = lastNonDupAck[fwd];
                }
            }
        }
        if (ack != lastAck[fwd]) {
            lastNonDupAck[fwd] = frame;
            dupAckNum[fwd] = 0;
        }
        // ACKED LOST PACKET: acknowledges beyond the other direction's contiguous data
        int rMax = maxSeqToBeAcked[rev];
        if (rMax != 0 && gt(ack, rMax) && (flags & ACK) != 0) {
            ta |= ACK_LOST_PACKET;
            maxSeqToBeAcked[rev] = nextSeq[rev]; // so that the same gap is reported once
        }
        // RETRANSMISSION / FAST RETRANSMISSION / SPURIOUS / OUT-OF-ORDER
        if ((seglen > 0 || (flags & (SYN | FIN)) != 0) && (ta & KEEP_ALIVE) == 0) {
            boolean notAdvanced = fNext != 0 && lt(seq, fNext);
            if (seglen > 1 && fNext - 1 == seq) notAdvanced = false; // after a zero-window probe
            int rAck = lastAck[rev];
            if (seglen > 0 && rAck != 0 && le(seq + seglen, rAck)) {
                ta |= SPURIOUS_RETRANSMISSION;
            } else if (notAdvanced && dupAckNum[rev] >= 2 && rAck == seq
                    && nanos - lastAckTime[rev] < FAST_RETRANSMISSION_WINDOW_NANOS) {
                ta |= FAST_RETRANSMISSION;
            } else {
                long threshold = firstRtt[stream] == 0 ? DEFAULT_OOO_THRESHOLD_NANOS : firstRtt[stream];
                int end = seq + seglen + ((flags & (SYN | FIN)) != 0 ? 1 : 0);
                if (notAdvanced && nanos - nextSeqTime[fwd] < threshold && fNext != end) {
                    ta |= OUT_OF_ORDER;
                } else if (notAdvanced) {
                    ta |= RETRANSMISSION;
                }
            }
        }
        int next = seq + seglen + ((flags & (SYN | FIN)) != 0 ? 1 : 0);
        if ((gt(next, fNext) || fNext == 0) && (ta & ZERO_WINDOW_PROBE) == 0) {
            nextSeq[fwd] = next;
            nextSeqTime[fwd] = nanos;
        }
        if ((seq == maxSeqToBeAcked[fwd] || maxSeqToBeAcked[fwd] == 0) && (ta & ZERO_WINDOW_PROBE) == 0) {
            maxSeqToBeAcked[fwd] = nextSeq[fwd];
        }
        this.window[fwd] = window;
        lastAck[fwd] = ack;
        lastAckTime[fwd] = nanos;
        if (mptcpOps >= 0) mpOperations[fwd] = mptcpOps;
        lastSegmentFlags[fwd] = ta;
        return ta;
    }

    /**
     * The window as Wireshark compares it (dissect_tcp, verify_tcp_window_scaling): a SYN's window option sets the
     * direction's shift; a SYN without it, or a SYN/ACK without it, turns scaling off for both directions (a SYN/ACK
     * without the option after a SYN with it as well). The window of a SYN, and of the first segment of a direction
     * after its SYN ({@code is_first_ack}), is taken unscaled; later ones are shifted when the shift is known. So a
     * pure ACK repeating the handshake's last ACK is not a duplicate ACK when scaling is on (its window differs from
     * the unscaled one).
     */
    private int scaledWindow(int fwd, int rev, int flags, int rawWindow, int wsOption) {
        if ((flags & SYN) != 0) {
            if (wsOption >= 0) windowShift[fwd] = (byte) Math.min(wsOption, 14);
            if (windowShift[fwd] == SHIFT_UNKNOWN) {
                windowShift[fwd] = SHIFT_NONE;
                windowShift[rev] = SHIFT_NONE;
            } else if ((flags & ACK) != 0 && windowShift[rev] == SHIFT_NONE) {
                windowShift[fwd] = SHIFT_NONE;
            }
            return rawWindow;
        }
        if (!ackSeen[fwd]) {
            ackSeen[fwd] = true;
            return rawWindow;
        }
        return windowShift[fwd] >= 0 ? rawWindow << windowShift[fwd] : rawWindow;
    }

    /** Puts the state of {@code stream} back to what it is before the stream's first segment. */
    void reset(int stream) {
        ensure(stream);
        for (int d = 2 * stream; d < 2 * stream + 2; d++) {
            nextSeq[d] = 0;
            maxSeqToBeAcked[d] = 0;
            lastAck[d] = 0;
            window[d] = -1;
            dupAckNum[d] = 0;
            windowShift[d] = SHIFT_UNKNOWN;
            ackSeen[d] = false;
            lastSegmentFlags[d] = 0;
            mpOperations[d] = 0;
            nextSeqTime[d] = 0;
            lastAckTime[d] = 0;
            lastNonDupAck[d] = 0;
        }
        mruSyn[stream] = Long.MIN_VALUE;
        firstRtt[stream] = 0;
    }

    private void ensure(int stream) {
        if (stream < streams) return;
        int n = Math.max(stream + 1, Math.max(16, streams * 2));
        int d = n * 2, old = nextSeq.length;
        nextSeq = Arrays.copyOf(nextSeq, d);
        maxSeqToBeAcked = Arrays.copyOf(maxSeqToBeAcked, d);
        lastAck = Arrays.copyOf(lastAck, d);
        window = Arrays.copyOf(window, d);
        Arrays.fill(window, old, d, -1); // Wireshark starts a flow's window at G_MAXUINT32
        dupAckNum = Arrays.copyOf(dupAckNum, d);
        windowShift = Arrays.copyOf(windowShift, d);
        Arrays.fill(windowShift, old, d, SHIFT_UNKNOWN);
        ackSeen = Arrays.copyOf(ackSeen, d);
        lastSegmentFlags = Arrays.copyOf(lastSegmentFlags, d);
        mpOperations = Arrays.copyOf(mpOperations, d);
        nextSeqTime = Arrays.copyOf(nextSeqTime, d);
        lastAckTime = Arrays.copyOf(lastAckTime, d);
        lastNonDupAck = Arrays.copyOf(lastNonDupAck, d);
        int oldStreams = mruSyn.length;
        mruSyn = Arrays.copyOf(mruSyn, n);
        Arrays.fill(mruSyn, oldStreams, n, Long.MIN_VALUE);
        firstRtt = Arrays.copyOf(firstRtt, n);
        streams = n;
    }

    static boolean gt(int a, int b) { return (a - b) > 0; }

    static boolean lt(int a, int b) { return (a - b) < 0; }

    static boolean le(int a, int b) { return (a - b) <= 0; }
}
