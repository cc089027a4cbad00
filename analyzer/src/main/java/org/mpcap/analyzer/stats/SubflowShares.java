package org.mpcap.analyzer.stats;

import java.util.Arrays;
import java.util.List;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/**
 * Table {@code subflow-share}: each subflow's share of its connection's data per direction (the data it sent
 * first, from the DSS mappings; the TCP payload when the connection had none), next to the bytes it reinjected
 * ({@link Reinjections}) and its TCP payload. A connection that fell back after an MP_FAIL (RFC 8684 §3.7) counts
 * the payload after the fallback as data and not the mapped data at or above the MP_FAIL's DSN. Each row is
 * computed once into primitive columns (about 44 bytes) and boxed on access.
 */
final class SubflowShares {
    private SubflowShares() {}

    static DataTable table(String capture, FlowStreams streams, FlowDataLevel level, Reinjections reinjections) {
        FlowStreams.ByConnection by = streams.byConnection();
        Rows out = new Rows();
        for (int c = 0; c < streams.connections(); c++) {
            int n = by.subflowCount(c);
            for (int dir = 0; dir < 2; dir++) {
                DataSequenceSpace sp = level.spaceOf(c, dir);
                boolean mapped = sp != null && sp.hasData();
                long[] data = new long[n], payload = new long[n], after = new long[n];
                int[] iface = new int[n];
                Arrays.fill(iface, -1);
                for (int j = by.from(c); j < by.to(c); j++) {
                    int st = by.stream(j), k = streams.subflow(st);
                    payload[k] += streams.payload(st, dir);
                    iface[k] = streams.iface(st);
                    after[k] += level.afterFallback(st, dir);
                }
                long failedData = 0; // mapped data at or above the MP_FAIL's DSN: not data (RFC 8684 §3.7)
                if (mapped && level.fellBack(c)) {
                    long unique = 0;
                    for (int k = 0; k < n; k++) unique += sp.uniqueBytes(k);
                    failedData = Math.max(0, unique - level.mappedBeforeFallback(c, dir));
                }
                long total = 0;
                for (int k = 0; k < n; k++) {
                    data[k] = mapped ? sp.uniqueBytes(k) + after[k] : payload[k];
                    if (k == level.failSubflow(c)) data[k] = Math.max(0, data[k] - failedData);
                    total += data[k];
                }
                if (total == 0) continue;
                for (int k = 0; k < n; k++) {
                    out.add(c, k, dir, iface[k], data[k], total, reinjections.reinjectedBytes(c, dir, k), payload[k]);
                }
            }
        }
        String[] addr = new String[streams.interfaces()];
        for (int i = 0; i < addr.length; i++) addr[i] = streams.interfaceAddress(i);
        Rows r = out.trimmed();
        return DataTable.generated("subflow-share", "Share of each subflow in the connection's data", COLUMNS, r.size,
                i -> {
                    int iface = (r.ifaceDir[i] >> 1) - 1;
                    return new Object[] {capture, (long) r.conn[i], (long) r.sub[i], r.data[i],
                            100.0 * r.data[i] / r.total[i], r.reinjected[i], r.payload[i],
                            FlowStats.DIRECTION[r.ifaceDir[i] & 1], iface < 0 ? null : addr[iface]};
                });
    }

    /** The rows in primitive columns; {@code ifaceDir} is (client interface + 1) << 1 | direction. */
    private static final class Rows {
        int size;
        int[] conn = new int[16], sub = new int[16], ifaceDir = new int[16];
        long[] data = new long[16], total = new long[16], reinjected = new long[16], payload = new long[16];

        void add(int c, int k, int dir, int iface, long d, long t, long reinj, long p) {
            if (size == conn.length) resize(size * 2);
            conn[size] = c;
            sub[size] = k;
            ifaceDir[size] = (iface + 1) << 1 | dir;
            data[size] = d;
            total[size] = t;
            reinjected[size] = reinj;
            payload[size++] = p;
        }

        Rows trimmed() {
            resize(size);
            return this;
        }

        private void resize(int n) {
            conn = Arrays.copyOf(conn, n);
            sub = Arrays.copyOf(sub, n);
            ifaceDir = Arrays.copyOf(ifaceDir, n);
            data = Arrays.copyOf(data, n);
            total = Arrays.copyOf(total, n);
            reinjected = Arrays.copyOf(reinjected, n);
            payload = Arrays.copyOf(payload, n);
        }
    }

    private static final List<Column> COLUMNS = List.of(Column.text("capture", "capture file name"),
            Column.integer("connection", "", "MPTCP connection index"),
            Column.integer("subflow", "", "subflow index (0 = initial)"),
            Column.integer("data_bytes", "B", "data bytes first sent on this subflow (DSS mappings; TCP payload when "
                    + "the connection has no mapping)"),
            Column.decimal("share_percent", 2, "%", "data_bytes / all subflows' data_bytes × 100"),
            Column.integer("reinjected_bytes", "B", "bytes this subflow sent after another subflow had sent them"),
            Column.integer("payload_bytes", "B", "TCP payload, retransmissions included"),
            Column.text("direction", "c2s | s2c"),
            Column.text("client_addr", "client-side address of the subflow"));
}
