package org.mpcap.analyzer.stats;

import static org.mpcap.analyzer.stats.FlowColumns.boxOrNull;
import static org.mpcap.analyzer.stats.FlowColumns.seconds;

import java.util.Arrays;
import java.util.List;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/**
 * Table {@code events}: what happened to each MPTCP connection, in time order. Subflow handshakes and closes,
 * signalling options (ADD_ADDR, MP_PRIO, MP_FAIL …) and fallbacks are recorded as they are seen (a few per
 * connection; only their detail text is allocated); the DATA_FIN of each direction and a fallback without any DSS
 * mapping are added from the data level at the end. Rows are kept in primitive columns and made on access.
 */
final class FlowEvents {
    private int size;
    private int[] conn = new int[16], sub = new int[16];
    private long[] nanos = new long[16];
    private String[] name = new String[16], detail = new String[16];

    /** An event (ADD_ADDR, MP_PRIO …) with a human-readable detail; a connection or subflow of -1 is left empty. */
    void add(int connection, int subflow, long nanos, String event, String detail) {
        if (size == conn.length) {
            int n = size * 2;
            conn = Arrays.copyOf(conn, n);
            sub = Arrays.copyOf(sub, n);
            this.nanos = Arrays.copyOf(this.nanos, n);
            name = Arrays.copyOf(name, n);
            this.detail = Arrays.copyOf(this.detail, n);
        }
        conn[size] = connection;
        sub[size] = subflow;
        this.nanos[size] = nanos;
        name[size] = event;
        this.detail[size++] = detail;
    }

    private static final String[] NO_MAPPING = {"payload without any DSS mapping c2s",
            "payload without any DSS mapping s2c"};

    DataTable table(String capture, FlowStreams streams, FlowDataLevel level) {
        // events of the end: a fallback without infinite mapping (data but no DSS mapping at all), the DATA_FIN
        int[] endConn = new int[16];
        long[] endNanos = new long[16], endAcked = new long[16];
        byte[] endKind = new byte[16]; // direction | 2 for a DATA_FIN (else a fallback)
        int ends = 0;
        FlowStreams.ByConnection by = streams.byConnection();
        for (int c = 0; c < streams.connections(); c++) {
            if (streams.firstNanos(c) < 0) continue;
            for (int dir = 0; dir < 2; dir++) {
                DataSequenceSpace sp = level.spaceOf(c, dir);
                boolean fallback = (sp == null || !sp.hasData()) && by.payload(c, dir) > 0
                        && !level.infiniteMapping(c);
                boolean fin = sp != null && sp.dataFinNanos() >= 0;
                if (ends + 2 > endConn.length) {
                    int n = ends * 2;
                    endConn = Arrays.copyOf(endConn, n);
                    endNanos = Arrays.copyOf(endNanos, n);
                    endAcked = Arrays.copyOf(endAcked, n);
                    endKind = Arrays.copyOf(endKind, n);
                }
                if (fallback) {
                    endConn[ends] = c;
                    endNanos[ends] = Math.max(0, by.lastPayload(c, dir));
                    endKind[ends++] = (byte) dir;
                }
                if (fin) {
                    endConn[ends] = c;
                    endNanos[ends] = sp.dataFinNanos();
                    endAcked[ends] = sp.dataFinAckedNanos();
                    endKind[ends++] = (byte) (2 | dir);
                }
            }
        }
        int seen = size, rows = seen + ends;
        int[] sConn = Arrays.copyOf(conn, seen), sSub = Arrays.copyOf(sub, seen);
        long[] sNanos = Arrays.copyOf(nanos, seen);
        String[] sName = Arrays.copyOf(name, seen), sDetail = Arrays.copyOf(detail, seen);
        int[] eConn = Arrays.copyOf(endConn, ends);
        long[] eNanos = Arrays.copyOf(endNanos, ends), eAcked = Arrays.copyOf(endAcked, ends);
        byte[] eKind = Arrays.copyOf(endKind, ends);
        // time order, then connection (connection-less events first); in the order recorded otherwise
        int[] order = FlowColumns.sortedIndices(rows, (a, b) -> {
            int r = Long.compare(a < seen ? sNanos[a] : eNanos[a - seen], b < seen ? sNanos[b] : eNanos[b - seen]);
            return r != 0 ? r : Integer.compare(a < seen ? Math.max(-1, sConn[a]) : eConn[a - seen],
                    b < seen ? Math.max(-1, sConn[b]) : eConn[b - seen]);
        });
        return DataTable.generated("events", "MPTCP events", COLUMNS, rows, i -> {
            int r = order[i];
            if (r < seen) {
                return new Object[] {capture, boxOrNull(sConn[r]), seconds(sNanos[r]), boxOrNull(sSub[r]), sName[r],
                        sDetail[r]};
            }
            int e = r - seen, dir = eKind[e] & 1;
            if ((eKind[e] & 2) == 0) {
                return new Object[] {capture, (long) eConn[e], seconds(eNanos[e]), null, "fallback", NO_MAPPING[dir]};
            }
            return new Object[] {capture, (long) eConn[e], seconds(eNanos[e]), null, "data_fin",
                    FlowStats.DIRECTION[dir] + (eAcked[e] >= 0
                    ? ", acknowledged at " + FlowColumns.secondsText(eAcked[e]) + " s"
                    : ", not acknowledged in the capture")};
        });
    }

    private static final List<Column> COLUMNS = List.of(Column.text("capture", "capture file name"),
            Column.integer("connection", "", "MPTCP connection index"),
            Column.seconds("time", "relative to the capture's first packet"),
            Column.integer("subflow", "", "subflow carrying the signal (0 = initial); empty for connection-level "
                    + "events"),
            Column.text("event", "subflow_established | subflow_closed | add_addr | add_addr_echo | remove_addr | "
                    + "mp_prio | mp_fail | mp_fastclose | mp_tcprst | fallback | data_fin"),
            Column.text("detail", "what the option or packet said"));
}
