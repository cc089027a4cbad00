package org.mpcap.analyzer.stats;

import java.util.List;
import org.mpcap.analyzer.mptcp.MptcpConnectionInfo;
import org.mpcap.analyzer.mptcp.SubflowInfo;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/** The {@code connections} and {@code subflows} tables, built from the trackers' results. */
public final class TrackingTables {
    public static final String CONNECTIONS = "connections";
    public static final String SUBFLOWS = "subflows";

    private TrackingTables() {}

    /** Columns of {@code connections} (a contract: add, never rename). */
    public static DataTable connectionsTable() {
        return new DataTable(CONNECTIONS, "MPTCP connections", List.of(
                Column.text("capture", "Capture file name"),
                Column.integer("connection", "", "Connection index (Wireshark mptcp.stream)"),
                Column.integer("version", "", "MPTCP version: 0 = RFC 6824, 1 = RFC 8684; empty if unknown"),
                Column.text("state", "established, fallback, unanswered or partial"),
                Column.text("client_addr", "Client address of the initial subflow"),
                Column.integer("client_port", "", "Client port of the initial subflow"),
                Column.text("server_addr", "Server address of the initial subflow"),
                Column.integer("server_port", "", "Server port of the initial subflow"),
                Column.text("client_token", "Token of the client's key (0x + 8 hex digits)"),
                Column.text("server_token", "Token of the server's key (0x + 8 hex digits)"),
                Column.integer("subflows", "", "Number of subflows"),
                Column.seconds("start_time", "First packet of any subflow, relative to the capture start"),
                Column.seconds("end_time", "Last packet of any subflow, relative to the capture start"),
                Column.integer("data_bytes_c2s", "B", "Same as mapped_bytes_c2s (older name, kept for "
                        + "compatibility; not the transfers table's data_bytes)"),
                Column.integer("data_bytes_s2c", "B", "Same as mapped_bytes_s2c (older name, kept for "
                        + "compatibility)"),
                Column.integer("mapped_bytes_c2s", "B", "Data sequence space covered by DSS mappings client to "
                        + "server, each byte once (sent, acknowledged or not; reinjections counted once), else "
                        + "subflow payload (see data_from_dss)"),
                Column.integer("mapped_bytes_s2c", "B", "The same, server to client"),
                Column.bool("data_from_dss", "true: mapped_bytes_* come from DSS mappings; false: no mapping was "
                        + "seen (fallback, stripped options) and they are the subflows' TCP payload")));
    }

    /** Columns of {@code subflows}. */
    public static DataTable subflowsTable() {
        return new DataTable(SUBFLOWS, "MPTCP subflows", List.of(
                Column.text("capture", "Capture file name"),
                Column.integer("connection", "", "Connection index (Wireshark mptcp.stream)"),
                Column.integer("subflow", "", "Subflow index within the connection, in order of appearance"),
                Column.integer("tcp_stream", "", "Wireshark tcp.stream of this subflow"),
                Column.text("role", "initial (MP_CAPABLE), join (MP_JOIN) or unknown (handshake not captured)"),
                Column.text("client_addr", "Subflow client (SYN sender) address"),
                Column.integer("client_port", "", "Subflow client port"),
                Column.text("server_addr", "Subflow server address"),
                Column.integer("server_port", "", "Subflow server port"),
                Column.bool("backup", "Backup flag (MP_JOIN B bit or MP_PRIO)"),
                Column.integer("address_id", "", "Client address ID (0 for the initial subflow)"),
                Column.seconds("syn_time", "First SYN, relative to the capture start"),
                Column.seconds("established_time", "Third ACK of the handshake, relative to the capture start"),
                Column.seconds("end_time", "Last packet, relative to the capture start"),
                Column.integer("packets", "", "TCP segments, both directions"),
                Column.integer("payload_bytes_c2s", "B", "TCP payload bytes client to server"),
                Column.integer("payload_bytes_s2c", "B", "TCP payload bytes server to client"),
                Column.text("join_hmac", "MP_JOIN HMAC check: valid, invalid, unknown or n/a"),
                Column.text("close", "fin, rst, mp_fastclose, mp_tcprst:<reason> or open")));
    }

    /** Rows of {@code connections} for one capture. */
    public static DataTable connections(String capture, TrackingView tracking) {
        DataTable t = connectionsTable();
        for (MptcpConnectionInfo c : tracking.connections()) {
            t.add(capture, (long) c.connection(), c.version() < 0 ? null : (long) c.version(), c.state().label(),
                    c.client().address(), (long) c.client().port(), c.server().address(), (long) c.server().port(),
                    c.hasClientKey() || c.clientToken() >= 0 ? MptcpConnectionInfo.tokenText(c.clientToken()) : null,
                    c.serverToken() >= 0 ? MptcpConnectionInfo.tokenText(c.serverToken()) : null,
                    (long) c.subflows().size(), seconds(c.startNanos()), seconds(c.endNanos()), c.dataBytesC2s(),
                    c.dataBytesS2c(), c.dataBytesC2s(), c.dataBytesS2c(), c.dataFromMappings());
        }
        return t;
    }

    /** Rows of {@code subflows} for one capture. */
    public static DataTable subflows(String capture, TrackingView tracking) {
        DataTable t = subflowsTable();
        for (MptcpConnectionInfo c : tracking.connections()) {
            for (SubflowInfo s : c.subflows()) {
                t.add(capture, (long) s.connection(), (long) s.subflow(), (long) s.tcpStream(), s.role().label(),
                        s.client().address(), (long) s.client().port(), s.server().address(),
                        (long) s.server().port(), s.backup(), s.addressId() < 0 ? null : (long) s.addressId(),
                        seconds(s.synNanos()), seconds(s.establishedNanos()), seconds(s.endNanos()), s.packets(),
                        s.payloadC2s(), s.payloadS2c(), s.joinHmac().label(), s.endLabel());
            }
        }
        return t;
    }

    /** Relative nanoseconds as seconds, or null for -1 (not seen). */
    static Double seconds(long nanos) {
        return nanos < 0 ? null : nanos / 1e9;
    }
}
