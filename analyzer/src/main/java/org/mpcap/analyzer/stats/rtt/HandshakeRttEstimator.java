package org.mpcap.analyzer.stats.rtt;

/**
 * Estimator {@code initial}: the handshake RTT of one TCP stream (RFC 9293 §3.5), as two samples:
 * <ul>
 *   <li>direction {@code c2s}: SYN → SYN/ACK, measured from the most recent SYN before the first SYN/ACK
 *       that acknowledges it ({@code ack = ISN(client) + 1}); at most one sample;</li>
 *   <li>direction {@code s2c}: SYN/ACK → the first client segment with ACK (and without SYN) acknowledging
 *       the SYN/ACK ({@code ack = ISN(server) + 1}), measured from the most recent SYN/ACK; at most one.</li>
 * </ul>
 * A capture taken on the client sees the c2s sample as the path RTT and the s2c one as its own stack's
 * reaction time; a capture taken on the server the other way round; in the middle of the path each is the
 * RTT of one side of the capture point. Their sum is Wireshark's {@code tcp.analysis.initial_rtt} (which
 * measures from the most recent SYN to the first ACK). Like Wireshark, a retransmitted SYN or SYN/ACK is
 * measured from its most recent copy, the one the answer most likely answers (Karn's rule would give no
 * sample at all, and a lost SYN is exactly when the handshake RTT is wanted). The relative sequence number
 * of both samples is 0.
 */
final class HandshakeRttEstimator {
    private boolean synSeen, synAckSeen, c2sDone, s2cDone;
    private int clientIsn, serverIsn;
    private long synTime, synAckTime;

    /**
     * Feeds one TCP segment.
     *
     * @param direction {@link RttSink#C2S} if sent by the client, else {@link RttSink#S2C}
     */
    void onSegment(int direction, int seq, int ack, int flags, long timeNanos, long frame, RttSink sink) {
        boolean syn = (flags & Tcp.SYN) != 0, hasAck = (flags & Tcp.ACK) != 0;
        if ((flags & Tcp.RST) != 0) return;
        if (direction == RttSink.C2S) {
            if (syn && !hasAck) {
                synSeen = true;
                clientIsn = seq;
                synTime = timeNanos;
            } else if (hasAck && !syn && synAckSeen && !s2cDone && ack == serverIsn + 1) {
                s2cDone = true;
                sink.sample(RttSink.S2C, -1, -1, timeNanos, 0, timeNanos - synAckTime, frame);
            }
        } else if (syn && hasAck) {
            if (!synAckSeen || serverIsn != seq) {
                synAckSeen = true;
                serverIsn = seq;
            }
            synAckTime = timeNanos;
            if (synSeen && !c2sDone && ack == clientIsn + 1) {
                c2sDone = true;
                sink.sample(RttSink.C2S, -1, -1, timeNanos, 0, timeNanos - synTime, frame);
            }
        }
    }
}
