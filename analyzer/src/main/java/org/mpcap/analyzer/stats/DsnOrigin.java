package org.mpcap.analyzer.stats;

import org.mpcap.analyzer.mptcp.MptcpConnectionInfo;

/**
 * Where the relative data sequence numbers of the tables start (table {@code dsn}, column {@code dsn}; table
 * {@code reinjections}, {@code dsn_start} and {@code dsn_end}): one rule, so that a byte has the same number in every
 * table. Per connection direction, relative 0 is
 * <ul>
 * <li>the IDSN + 1 of the direction's sender when its key was captured (RFC 8684 §3.1: the first data byte;
 *     Wireshark's relative DSN is the value + 1);</li>
 * <li>else (the capture started after the handshake) the DSN of the direction's first data frame in capture order,
 *     a frame with payload whose DSN the MPTCP tracker knows ({@link PacketContext#hasDsn}); what lies below it, a
 *     data ACK of data sent before the capture or data sent again, is negative;</li>
 * <li>else (no data frame in that direction) its first data ACK.</li>
 * </ul>
 * The DSNs the callers give are those published per packet, moved with {@link PacketContext#rebased} as every kept
 * DSN is.
 */
public final class DsnOrigin {
    /** The rule, as the column descriptions give it (after "data sequence number of …, "). */
    public static final String RULE = "relative to the sender's IDSN + 1 (0 = first data byte; Wireshark's relative "
            + "DSN is this + 1); when the key is unknown, to the DSN of the direction's first data frame in the "
            + "capture (values below it, as a data ACK of earlier data, are negative), or without data frames to "
            + "its first data ACK";

    private DsnOrigin() {}

    /**
     * The 64-bit DSN that relative value 0 stands for in direction {@code dir} (0 = sent by the connection's client)
     * of {@code connection}.
     *
     * @param sawData      a data frame of that direction was seen
     * @param firstDataDsn the DSN of its first one (used if {@code sawData} and the key is unknown)
     * @param firstDataAck the first data ACK of that direction (used if neither the key nor a data frame is known)
     */
    public static long of(TrackingView tracking, int connection, int dir, boolean sawData, long firstDataDsn,
                          long firstDataAck) {
        if (connection >= 0 && connection < tracking.connections().size()) {
            MptcpConnectionInfo c = tracking.connection(connection);
            if (dir == 0 && c.hasClientKey()) return c.clientIdsn() + 1;
            if (dir == 1 && c.hasServerKey()) return c.serverIdsn() + 1;
        }
        return sawData ? firstDataDsn : firstDataAck;
    }
}
