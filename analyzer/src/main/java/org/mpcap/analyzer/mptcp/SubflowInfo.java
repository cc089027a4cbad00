package org.mpcap.analyzer.mptcp;

import org.mpcap.analyzer.flow.Endpoint;

/**
 * One subflow of an MPTCP connection, copied out at the end of the pass. Times are nanoseconds relative to the
 * capture's first packet, or -1 when not seen. Byte counts are in the subflow's own client→server orientation.
 *
 * @param connection       connection index ({@link MptcpConnectionInfo#connection()})
 * @param subflow          index within the connection, in order of appearance (0 = first seen, normally initial)
 * @param tcpStream        Wireshark-compatible {@code tcp.stream} of this subflow
 * @param role             initial (MP_CAPABLE), join (MP_JOIN) or unknown (handshake not captured)
 * @param client           SYN sender of this subflow
 * @param server           SYN receiver
 * @param backup           B flag of the MP_JOIN SYN or SYN/ACK, or of the last MP_PRIO on this subflow
 * @param addressId        address ID of the client side (MP_JOIN SYN; 0 for the initial subflow), or -1
 * @param synNanos         first SYN
 * @param establishedNanos third ACK of the handshake
 * @param endNanos         last packet
 * @param end              how it ended
 * @param tcprstReason     MP_TCPRST reason code when {@code end} is MP_TCPRST, else -1
 * @param joinHmac         MP_JOIN HMAC check
 * @param packets          TCP segments, both directions
 * @param payloadC2s       TCP payload bytes client → server
 * @param payloadS2c       TCP payload bytes server → client
 * @param reversed         true if this subflow's client is the connection's server (a join opened by the server)
 */
public record SubflowInfo(int connection, int subflow, int tcpStream, SubflowRole role, Endpoint client,
                          Endpoint server, boolean backup, int addressId, long synNanos, long establishedNanos,
                          long endNanos, SubflowEnd end, int tcprstReason, HmacStatus joinHmac, long packets,
                          long payloadC2s, long payloadS2c, boolean reversed) {

    /** {@code end} as table text: {@code fin}, {@code rst}, {@code mp_fastclose}, {@code mp_tcprst:<reason>}, {@code open}. */
    public String endLabel() {
        return end == SubflowEnd.MP_TCPRST ? end.label() + ":" + SubflowEnd.tcprstReason(tcprstReason) : end.label();
    }
}
