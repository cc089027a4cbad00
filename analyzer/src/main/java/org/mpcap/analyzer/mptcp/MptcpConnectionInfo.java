package org.mpcap.analyzer.mptcp;

import java.util.List;
import org.mpcap.analyzer.flow.Endpoint;

/**
 * One MPTCP connection, copied out at the end of the pass. Times are nanoseconds relative to the capture's first
 * packet. Keys, tokens and IDSNs are valid only where the matching {@code has…} flag is true (tokens: -1 when
 * unknown, otherwise an unsigned 32-bit value).
 *
 * @param connection      index, equal to Wireshark's {@code mptcp.stream} where Wireshark numbers the connection
 *                        (see tshark-divergences.md for the connections it does not number)
 * @param version         MPTCP version (0 = RFC 6824, 1 = RFC 8684), or -1 if no MP_CAPABLE was seen
 * @param state           established, fallback, unanswered or partial
 * @param client          client of the initial subflow (or of the first subflow seen)
 * @param server          its server
 * @param clientKey       client's key (valid if {@code hasClientKey})
 * @param serverKey       server's key (valid if {@code hasServerKey})
 * @param clientToken     token of the client key, or (partial connections) -1
 * @param serverToken     token of the server key, or the token a join was addressed to; -1 if unknown
 * @param clientIdsn      initial data sequence number of the client → server direction (valid with the key)
 * @param serverIdsn      initial data sequence number of the server → client direction (valid with the key)
 * @param subflows        subflows in order of appearance
 * @param startNanos      first packet of any subflow
 * @param endNanos        last packet of any subflow
 * @param dataBytesC2s    data-level bytes client → server (distinct DSS-mapped ranges) or, without mappings,
 *                        subflow payload bytes
 * @param dataBytesS2c    the same, server → client
 * @param dataFromMappings true if the data byte counts come from DSS mappings
 * @param echoedKeyMismatch true if the ACK of the handshake echoed a key other than the SYN/ACK's (RFC 8684
 *                        §3.1; Wireshark's expert info {@code mptcp.connection.echoed_key_mismatch})
 */
public record MptcpConnectionInfo(int connection, int version, ConnectionState state, Endpoint client,
                                  Endpoint server, boolean hasClientKey, long clientKey, boolean hasServerKey,
                                  long serverKey, long clientToken, long serverToken, long clientIdsn,
                                  long serverIdsn, List<SubflowInfo> subflows, long startNanos, long endNanos,
                                  long dataBytesC2s, long dataBytesS2c, boolean dataFromMappings,
                                  boolean echoedKeyMismatch) {

    public MptcpConnectionInfo {
        subflows = List.copyOf(subflows);
    }

    /** Token as table text: {@code 0x} and 8 hex digits, or "" if unknown. */
    public static String tokenText(long token) {
        return token < 0 ? "" : String.format(java.util.Locale.ROOT, "0x%08x", token);
    }
}
