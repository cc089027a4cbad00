package org.mpcap.analyzer.flow;

/**
 * What the tracker learned about one TCP conversation ({@code tcp.stream}), copied out at the end of the pass.
 * Times are nanoseconds relative to the capture's first packet, or -1 when the event was not seen.
 *
 * @param stream              Wireshark-compatible {@code tcp.stream} index (0-based, order of first appearance)
 * @param client              the SYN sender (see {@link #clientFromHandshake})
 * @param server              the other side
 * @param clientFromHandshake true if client/server were decided by a SYN or SYN/ACK in the capture; false if
 *                            guessed (first sender, unless it sent from a port below 1024 to one above)
 * @param c2s                 client → server direction
 * @param s2c                 server → client direction
 * @param synNanos            first SYN (without ACK)
 * @param synAckNanos         first SYN/ACK
 * @param ackNanos            third ACK of the handshake: first client ACK after the SYN/ACK
 * @param firstNanos          first packet, either direction
 * @param lastNanos           last packet, either direction
 */
public record TcpStreamInfo(int stream, Endpoint client, Endpoint server, boolean clientFromHandshake,
                            Direction c2s, Direction s2c, long synNanos, long synAckNanos, long ackNanos,
                            long firstNanos, long lastNanos) {

    /**
     * One direction of a conversation.
     *
     * @param packets      TCP segments
     * @param payloadBytes TCP payload bytes on the wire (from the IP length, retransmissions included)
     * @param firstNanos   first segment, or -1
     * @param lastNanos    last segment, or -1
     * @param finNanos     first FIN, or -1
     * @param rstNanos     first RST, or -1
     */
    public record Direction(long packets, long payloadBytes, long firstNanos, long lastNanos, long finNanos,
                            long rstNanos) {
    }

    /** Packets in both directions. */
    public long packets() { return c2s.packets + s2c.packets; }

    /** True if a SYN, SYN/ACK and third ACK were all seen. */
    public boolean handshakeComplete() { return synNanos >= 0 && synAckNanos >= 0 && ackNanos >= 0; }
}
