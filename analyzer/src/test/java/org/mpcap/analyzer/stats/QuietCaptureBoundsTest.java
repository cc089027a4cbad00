package org.mpcap.analyzer.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.decode.IpAddresses;
import org.mpcap.analyzer.decode.TcpView;
import org.mpcap.analyzer.table.DataTable;

/**
 * A long, quiet capture (issue 9): 100 MPTCP connections over two hours, each sending one 100-byte segment a
 * minute with its DSS mapping. Bytes-over-time tables and their bins must be bounded by the bins that carried
 * data (100 × 120 per level and direction), not by connections × the whole capture's bins (100 × 72 000 at
 * 100 ms), which ran out of memory.
 */
class QuietCaptureBoundsTest {
    private static final long S = 1_000_000_000L;
    private static final long SERVER = IpAddresses.v4Lo(0x0a00_0407);
    static final int CONNECTIONS = 100, MINUTES = 120;

    private static FlowStats quietCapture() {
        FlowStats f = new FlowStats(S / 10, S); // export's defaults: 100 ms bins, 1 s window
        for (int c = 0; c < CONNECTIONS; c++) {
            long client = IpAddresses.v4Lo(0x0a00_0106 + (c << 8));
            int port = 40000 + c;
            long t = c * 1_000_000L;
            f.onSegment(c, c, 0, true, FlowStats.C2S, t, TcpView.SYN, 0, 0, client, 0, SERVER, port, 64000);
            f.onHandshake(c, false, FlowStats.SYN_MP_CAPABLE, false, 0, t);
            f.onSegment(c, c, 0, false, FlowStats.S2C, t + 1000, TcpView.SYN | TcpView.ACK, 0, 0, SERVER, 0, client, 64000, port);
            f.onHandshake(c, true, FlowStats.SYN_MP_CAPABLE, false, 0, t + 1000);
        }
        for (int m = 1; m <= MINUTES; m++) {
            for (int c = 0; c < CONNECTIONS; c++) {
                long client = IpAddresses.v4Lo(0x0a00_0106 + (c << 8));
                long t = m * 60 * S + c * 1_000_000L;
                f.onSegment(c, c, 0, true, FlowStats.C2S, t, TcpView.ACK, 100, 0, client, 0, SERVER, 40000 + c, 64000);
                f.onMapping(c, 0, FlowStats.C2S, 1000L + 100L * m, 100, false, t);
            }
        }
        return f;
    }

    @Test
    void cumulativeRowsAreBoundedByTheBinsThatCarriedData() {
        DataTable t = quietCapture().cumulative("quiet.pcap");
        // per connection: subflow, interface, connection and data series, one direction; each non-empty bin gives
        // one row plus one holding the value before it
        long bound = 2L * CONNECTIONS * MINUTES * 4;
        assertThat((long) t.rowCount()).isPositive().isLessThanOrEqualTo(bound);
        int bytes = t.columnIndex("bytes"), level = t.columnIndex("level");
        long last = 0;
        for (Object[] r : t.rows()) if ("connection".equals(r[level])) last = Math.max(last, (Long) r[bytes]);
        assertThat(last).isEqualTo(100L * MINUTES); // every byte of one connection, nothing lost
    }

    @Test
    void throughputRowsAreBoundedByTheBinsThatCarriedData() {
        DataTable t = quietCapture().throughput("quiet.pcap");
        // a 1 s window is 10 bins: rows while the window holds data (10) + a zero row before the next data
        long bound = (10L + 2) * CONNECTIONS * MINUTES * 4 + 4L * CONNECTIONS;
        assertThat((long) t.rowCount()).isPositive().isLessThanOrEqualTo(bound);
    }
}
