package org.mpcap.analyzer.stats;

import static org.mpcap.analyzer.stats.FlowColumns.seconds;

import java.util.Arrays;
import java.util.List;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/**
 * Tables {@code transfers} (data, duration and rate of each MPTCP connection) and {@code intervals} (time between
 * its subflows' SYNs, {@link EstablishmentIntervals}), from the streams and the data level at the end of the pass.
 * Each row is computed once into primitive columns (about 40 bytes a connection) and boxed on access.
 *
 * <p><b>Transfers versus the application's measure.</b> The testbed's {@code runs.csv} (scenario, run, bytes,
 * time_s, rate_kBps) is measured by the sending application from just before {@code connect()} until the
 * server's 8-byte confirmation arrived, which the server sends after reading the end of the stream.
 * {@code transfers} measures on the wire: {@code data_bytes} is the data acknowledged at the MPTCP level
 * (highest data ACK − first DSN, DATA_FIN excluded), which equals the bytes the application wrote when the whole
 * connection is captured; {@code duration_s} runs from the first SYN to the data ACK that covers the DATA_FIN.
 * The capture therefore misses the time before the SYN leaves (socket set-up) and after the DATA_FIN's ACK
 * (the confirmation's transfer and the application's wake-up): on the sample captures (client side, 1 MiB)
 * the wire duration is 0.2-0.6 ms shorter than {@code time_s} and the rates agree within 0.15 %. Rates use
 * kB = 1000 bytes, as {@code dd} and {@code runs.csv}.
 */
final class Transfers {
    private Transfers() {}

    private static final String[] END_REASON = {"data_fin_acked", "data_fin", "last_data"};
    private static final String[] BASIS = {"fallback", "data_ack", "dsn_span", "subflow_payload"};
    private static final int FALLBACK = 0, DATA_ACK = 1, DSN_SPAN = 2, SUBFLOW_PAYLOAD = 3;
    private static final int DATA_FIN_ACKED = 0, DATA_FIN = 1, LAST_DATA = 2;

    static DataTable transfers(String capture, FlowStreams streams, FlowDataLevel data) {
        FlowStreams.ByConnection by = streams.byConnection();
        int n = 0;
        for (int c = 0; c < streams.connections(); c++) if (streams.firstNanos(c) >= 0) n++;
        int[] conn = new int[n], subflows = new int[n];
        long[] bytes = new long[n], start = new long[n], end = new long[n], payload = new long[n];
        byte[] how = new byte[n]; // direction | end reason << 1 | basis << 3
        for (int c = 0, i = 0; c < streams.connections(); c++) {
            if (streams.firstNanos(c) < 0) continue;
            int dir = data.dataDirection(c, by);
            DataSequenceSpace sp = data.spaceOf(c, dir);
            int basis;
            if (sp != null && sp.hasData() && data.fellBack(c)) {
                basis = FALLBACK;
                bytes[i] = data.dataBytes(c, dir, by);
            } else if (sp != null && sp.hasData()) {
                basis = sp.hasAck() ? DATA_ACK : DSN_SPAN;
                bytes[i] = sp.dataBytes();
            } else {
                basis = SUBFLOW_PAYLOAD;
                bytes[i] = by.payload(c, dir);
            }
            int reason;
            if (sp != null && sp.dataFinAckedNanos() >= 0) {
                end[i] = sp.dataFinAckedNanos();
                reason = DATA_FIN_ACKED;
            } else if (sp != null && sp.dataFinNanos() >= 0) {
                end[i] = sp.dataFinNanos();
                reason = DATA_FIN;
            } else {
                end[i] = Math.max(streams.firstNanos(c), by.lastPayload(c, dir));
                reason = LAST_DATA;
            }
            conn[i] = c;
            start[i] = streams.firstNanos(c);
            payload[i] = by.payload(c, dir);
            subflows[i] = by.subflowCount(c);
            how[i++] = (byte) (dir | reason << 1 | basis << 3);
        }
        return DataTable.generated("transfers", "Data transferred per MPTCP connection", TRANSFER_COLUMNS, n, i -> {
            double from = seconds(start[i]), to = seconds(end[i]);
            double duration = seconds(end[i] - start[i]);
            Double rate = duration > 0 ? bytes[i] / duration / 1000.0 : null;
            return new Object[] {capture, (long) conn[i], bytes[i], from, to, duration, rate,
                    FlowStats.DIRECTION[how[i] & 1], END_REASON[how[i] >> 1 & 3], BASIS[how[i] >> 3], payload[i],
                    (long) subflows[i]};
        });
    }

    private static final List<Column> TRANSFER_COLUMNS = List.of(Column.text("capture", "capture file name"),
            Column.integer("connection", "", "MPTCP connection index"),
            Column.integer("data_bytes", "B", "data bytes at the MPTCP level in the data direction (see basis); the "
                    + "DATA_FIN is not counted"),
            Column.seconds("start_time", "first SYN of the connection's first subflow"),
            Column.seconds("end_time", "when the DATA_FIN was data-acknowledged, else see end_reason"),
            Column.decimal("duration_s", 6, "s", "end_time - start_time"),
            Column.decimal("rate_kBps", 3, "kB/s (1 kB = 1000 B)", "data_bytes / duration_s / 1000"),
            Column.text("direction", "the direction carrying more data: c2s | s2c"),
            Column.text("end_reason", "data_fin_acked | data_fin (DATA_FIN seen, its ACK not) | last_data (no "
                    + "DATA_FIN: last payload packet)"),
            Column.text("basis", "data_ack: lowest DSN to highest data ACK; dsn_span: lowest DSN to end of the "
                    + "highest mapping (no data ACK seen); subflow_payload: sum of TCP payload (no DSS mapping: "
                    + "fallback or MPTCP options stripped); fallback: data below the MP_FAIL's DSN plus the TCP "
                    + "payload sent after it (RFC 8684 §3.7)"),
            Column.integer("payload_bytes", "B", "TCP payload of all subflows in that direction, retransmissions "
                    + "and reinjections included"),
            Column.integer("subflows", "", "subflows seen"));

    static DataTable intervals(String capture, FlowStreams streams) {
        FlowStreams.ByConnection by = streams.byConnection();
        int rows = 0;
        int[] conn = new int[0], from = new int[0], to = new int[0];
        long[] nanos = new long[0];
        for (int c = 0; c < streams.connections(); c++) {
            int n = by.subflowCount(c);
            if (n < 2) continue;
            long[] syn = new long[n];
            Arrays.fill(syn, -1);
            for (int k = by.from(c); k < by.to(c); k++) {
                int st = by.stream(k), sub = streams.subflow(st);
                long t = streams.synNanos(st);
                if (t >= 0 && (syn[sub] < 0 || t < syn[sub])) syn[sub] = t;
            }
            for (EstablishmentIntervals.Interval iv : EstablishmentIntervals.of(syn)) {
                if (rows == conn.length) {
                    int cap = FlowColumns.capacity(rows + 1, rows, 16);
                    conn = Arrays.copyOf(conn, cap);
                    from = Arrays.copyOf(from, cap);
                    to = Arrays.copyOf(to, cap);
                    nanos = Arrays.copyOf(nanos, cap);
                }
                conn[rows] = c;
                from[rows] = iv.fromSubflow();
                to[rows] = iv.toSubflow();
                nanos[rows++] = iv.nanos();
            }
        }
        int[] cs = conn, fs = from, ts = to;
        long[] ns = nanos;
        return DataTable.generated("intervals", "Subflow establishment intervals (report Table 4)", INTERVAL_COLUMNS,
                rows, i -> new Object[] {capture, (long) cs[i], (long) fs[i], (long) ts[i], seconds(ns[i]),
                        EstablishmentIntervals.label(fs[i], ts[i])});
    }

    private static final List<Column> INTERVAL_COLUMNS = List.of(Column.text("capture", "capture file name"),
            Column.integer("connection", "", "MPTCP connection index"),
            Column.integer("from_subflow", "", "earlier subflow (0 = initial subflow)"),
            Column.integer("to_subflow", "", "later subflow"),
            Column.decimal("interval_s", 6, "s", "time between the first SYNs of the two subflows"),
            Column.text("label", "the report's name: flowN is subflow N-1 (flow1 = initial)"));
}
