package org.mpcap.analyzer.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.decode.IpAddresses;
import org.mpcap.analyzer.decode.TcpView;
import org.mpcap.analyzer.table.DataTable;

/** FlowStats fed with the primitives of a synthetic connection: client 10.0.{1,2,3}.6 → server 10.0.4.7. */
class FlowStatsTest {
    private static final long MS = 1_000_000L;
    private static final long IDSN_C = 0x0102_0304_0506_0708L, IDSN_S = 0x7777_0000_0000_0000L;
    private static final long SERVER = IpAddresses.v4Lo(0x0a00_0407);
    private static final int SYN = TcpView.SYN, ACK = TcpView.ACK, FIN = TcpView.FIN;

    private static long client(int k) {
        return IpAddresses.v4Lo(0x0a00_0006 | ((k + 1) << 8));
    }

    /** One client→server segment of subflow k (stream k). */
    private static void c2s(FlowStats f, int k, long t, int flags, int payload) {
        f.onSegment(k, 0, k, true, FlowStats.C2S, t, flags, payload, 0, client(k), 0, SERVER, 40000 + k, 64000);
    }

    private static void s2c(FlowStats f, int k, long t, int flags, int payload) {
        f.onSegment(k, 0, k, false, FlowStats.S2C, t, flags, payload, 0, SERVER, 0, client(k), 64000, 40000 + k);
    }

    private static void handshake(FlowStats f, int k, long t) {
        c2s(f, k, t, SYN, 0);
        f.onHandshake(k, false, k == 0 ? FlowStats.SYN_MP_CAPABLE : FlowStats.SYN_MP_JOIN, false, k, t);
        s2c(f, k, t + MS, SYN | ACK, 0);
        f.onHandshake(k, true, k == 0 ? FlowStats.SYN_MP_CAPABLE : FlowStats.SYN_MP_JOIN, false, k, t + MS);
        c2s(f, k, t + 2 * MS, ACK, 0);
    }

    /**
     * Three subflows opened at 0, 172 ms and 202 ms; subflow k sends 1000-byte segments every 10 ms from
     * 300 ms to 1300 ms (100 each); the server data-ACKs each; then a DATA_FIN at 1400 ms, acked at 1410 ms.
     */
    private static FlowStats threeSubflowTransfer() {
        FlowStats f = new FlowStats(100 * MS, 1000 * MS);
        handshake(f, 0, 0);
        handshake(f, 1, 172 * MS);
        handshake(f, 2, 202 * MS);
        long dsn = IDSN_C + 1;
        for (int i = 0; i < 100; i++) {
            for (int k = 0; k < 3; k++) {
                long t = (300 + 10L * i) * MS + k;
                c2s(f, k, t, ACK, 1000);
                f.onMapping(0, k, FlowStats.C2S, dsn, 1000, false, t);
                dsn += 1000;
                s2c(f, k, t + MS, ACK, 0);
                f.onDataAck(0, FlowStats.C2S, dsn, t + MS);
            }
        }
        c2s(f, 0, 1400 * MS, ACK | FIN, 0);
        f.onMapping(0, 0, FlowStats.C2S, dsn, 1, true, 1400 * MS);
        s2c(f, 0, 1410 * MS, ACK, 0);
        f.onDataAck(0, FlowStats.C2S, dsn + 1, 1410 * MS);
        return f;
    }

    private static List<Object[]> rows(DataTable t, String col, Object value) {
        List<Object[]> out = new ArrayList<>();
        int c = t.columnIndex(col);
        for (Object[] r : t.rows()) if (java.util.Objects.equals(r[c], value)) out.add(r);
        return out;
    }

    @Test
    void cumulativeIsNonDecreasingAndEndsAtEachSubflowsPayload() {
        DataTable t = threeSubflowTransfer().cumulative("x.pcap");
        int bytes = t.columnIndex("bytes"), sub = t.columnIndex("subflow");
        for (long k = 0; k < 3; k++) {
            List<Object[]> rs = new ArrayList<>();
            for (Object[] r : rows(t, "level", "subflow")) if (Long.valueOf(k).equals(r[sub])) rs.add(r);
            long prev = 0;
            for (Object[] r : rs) {
                assertThat((Long) r[bytes]).isGreaterThanOrEqualTo(prev);
                prev = (Long) r[bytes];
            }
            assertThat(prev).isEqualTo(100_000);
        }
    }

    @Test
    void cumulativeRowTimesAreBinEnds() {
        DataTable t = threeSubflowTransfer().cumulative("x.pcap");
        List<Object[]> conn = rows(t, "level", "connection");
        assertThat(conn.get(0)[t.columnIndex("time")]).isEqualTo(0.4); // first data at 300 ms: bin [0.3, 0.4)
        assertThat(conn.get(conn.size() - 1)[t.columnIndex("bytes")]).isEqualTo(300_000L);
        assertThat(conn.get(conn.size() - 1)[t.columnIndex("time")]).isEqualTo(1.3);
    }

    @Test
    void binZeroMeansMicrosecondBinsAndRowsAtEachMicrosecondWithData() {
        FlowStats f = new FlowStats(0, 1000 * MS);
        handshake(f, 0, 0);
        c2s(f, 0, 5_000_250, ACK, 100);   // 5.000250 ms
        c2s(f, 0, 5_000_999, ACK, 50);    // same microsecond
        c2s(f, 0, 5_003_000, ACK, 10);
        DataTable t = f.cumulative("x.pcap");
        List<Object[]> sub = rows(t, "level", "subflow");
        assertThat(f.cumulative("x.pcap").title()).contains("bins of 0.000001 s");
        assertThat(f.throughput("x.pcap").title()).isEqualTo("Throughput, moving window of 1 s (bins of 0.000001 s)");
        // bins 5000 and 5003 with data, and 5002 holding the value before 5003 (empty bins do not each get a row)
        assertThat(sub).hasSize(3);
        assertThat(sub.get(0)[t.columnIndex("time")]).isEqualTo(0.005001);
        assertThat(sub.get(0)[t.columnIndex("bytes")]).isEqualTo(150L);
        assertThat(sub.get(1)[t.columnIndex("time")]).isEqualTo(0.005003);
        assertThat(sub.get(1)[t.columnIndex("bytes")]).isEqualTo(150L);
        assertThat(sub.get(2)[t.columnIndex("time")]).isEqualTo(0.005004);
        assertThat(sub.get(2)[t.columnIndex("bytes")]).isEqualTo(160L);
    }

    @Test
    void interfacesSumToTheConnectionTotal() {
        DataTable t = threeSubflowTransfer().cumulative("x.pcap");
        List<Object[]> ifs = rows(t, "level", "interface");
        assertThat(ifs).extracting(r -> r[t.columnIndex("client_addr")]).containsOnly("10.0.1.6", "10.0.2.6",
                "10.0.3.6");
        long sumLast = 0;
        for (String a : List.of("10.0.1.6", "10.0.2.6", "10.0.3.6")) {
            List<Object[]> rs = rows(t, "client_addr", a).stream()
                    .filter(r -> "interface".equals(r[t.columnIndex("level")])).toList();
            sumLast += (Long) rs.get(rs.size() - 1)[t.columnIndex("bytes")];
        }
        assertThat(sumLast).isEqualTo(300_000);
        List<Object[]> data = rows(t, "level", "data");
        assertThat(data.get(data.size() - 1)[t.columnIndex("bytes")]).isEqualTo(300_000L);
    }

    @Test
    void throughputIsTheMovingWindowSumOverTheWindow() {
        DataTable t = threeSubflowTransfer().throughput("x.pcap");
        List<Object[]> conn = rows(t, "level", "connection");
        int time = t.columnIndex("time"), bps = t.columnIndex("bits_per_s");
        for (Object[] r : conn) {
            double at = (Double) r[time];
            if (Math.abs(at - 0.4) < 1e-9) {
                // bin [0.3,0.4): 10 rounds × 3 × 1000 B in a 1 s window = 240 kbit/s
                assertThat((Double) r[bps]).isEqualTo(240_000.0);
            }
            if (Math.abs(at - 1.3) < 1e-9) {
                // window (0.3, 1.3]: bins 3..12 hold all 300 000 B
                assertThat((Double) r[bps]).isEqualTo(2_400_000.0);
            }
        }
        // after the data stops the window drains until the capture's last packet (1.41 s, bin [1.4, 1.5)):
        // the window ending at 1.5 s holds bins 5..12 = 8 × 30 000 B
        Object[] last = conn.get(conn.size() - 1);
        assertThat(last[time]).isEqualTo(1.5);
        assertThat((Double) last[bps]).isEqualTo(240_000 * 8.0);
    }

    @Test
    void transferEndsWhenTheDataFinIsAcknowledged() {
        DataTable t = threeSubflowTransfer().transfers("x.pcap");
        assertThat(t.rowCount()).isEqualTo(1);
        assertThat(t.get(0, "data_bytes")).isEqualTo(300_000L);
        assertThat(t.get(0, "start_time")).isEqualTo(0.0);
        assertThat(t.get(0, "end_time")).isEqualTo(1.41);
        assertThat(t.get(0, "duration_s")).isEqualTo(1.41);
        assertThat((Double) t.get(0, "rate_kBps")).isCloseTo(300_000 / 1.41 / 1000, org.assertj.core.data.Offset
                .offset(1e-9));
        assertThat(t.get(0, "end_reason")).isEqualTo("data_fin_acked");
        assertThat(t.get(0, "basis")).isEqualTo("data_ack");
        assertThat(t.get(0, "direction")).isEqualTo("c2s");
        assertThat(t.get(0, "subflows")).isEqualTo(3L);
    }

    @Test
    void transferWithoutDataFinEndsAtTheLastData() {
        FlowStats f = new FlowStats(100 * MS, 1000 * MS);
        handshake(f, 0, 0);
        c2s(f, 0, 50 * MS, ACK, 500);
        f.onMapping(0, 0, FlowStats.C2S, IDSN_C + 1, 500, false, 50 * MS);
        c2s(f, 0, 80 * MS, ACK, 500);
        f.onMapping(0, 0, FlowStats.C2S, IDSN_C + 501, 500, false, 80 * MS);
        DataTable t = f.transfers("x.pcap");
        assertThat(t.get(0, "end_reason")).isEqualTo("last_data");
        assertThat(t.get(0, "end_time")).isEqualTo(0.08);
        assertThat(t.get(0, "basis")).isEqualTo("dsn_span");
        assertThat(t.get(0, "data_bytes")).isEqualTo(1000L);
    }

    @Test
    void transferOfAFallbackConnectionCountsSubflowPayload() {
        FlowStats f = new FlowStats(100 * MS, 1000 * MS);
        handshake(f, 0, 0);
        s2c(f, 0, 10 * MS, ACK, 700);
        s2c(f, 0, 20 * MS, ACK, 300);
        DataTable t = f.transfers("x.pcap");
        assertThat(t.get(0, "basis")).isEqualTo("subflow_payload");
        assertThat(t.get(0, "direction")).isEqualTo("s2c");
        assertThat(t.get(0, "data_bytes")).isEqualTo(1000L);
        assertThat(rows(f.events("x.pcap"), "event", "fallback")).hasSize(1);
    }

    @Test
    void intervalsFollowTheSubflowSyns() {
        DataTable t = threeSubflowTransfer().intervals("x.pcap");
        assertThat(t.rowCount()).isEqualTo(3);
        assertThat(t.get(0, "interval_s")).isEqualTo(0.172);
        assertThat(t.get(1, "interval_s")).isEqualTo(0.03);
        assertThat(t.get(2, "interval_s")).isEqualTo(0.202);
        assertThat(t.get(2, "label")).isEqualTo("flow1-flow3");
    }

    @Test
    void subflowShareSplitsTheDataEvenly() {
        DataTable t = threeSubflowTransfer().subflowShare("x.pcap");
        assertThat(t.rowCount()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(t.get(i, "data_bytes")).isEqualTo(100_000L);
            assertThat((Double) t.get(i, "share_percent")).isCloseTo(100 / 3.0, org.assertj.core.data.Offset
                    .offset(1e-9));
        }
    }

    @Test
    void eventsListEstablishmentAndDataFinInTimeOrder() {
        DataTable t = threeSubflowTransfer().events("x.pcap");
        List<Object[]> est = rows(t, "event", "subflow_established");
        assertThat(est).hasSize(3);
        assertThat(est.get(1)[t.columnIndex("detail")]).isEqualTo("10.0.2.6:40001 -> 10.0.4.7:64000 MP_JOIN "
                + "addr_id=1");
        assertThat(est.get(1)[t.columnIndex("time")]).isEqualTo(0.174);
        assertThat(rows(t, "event", "data_fin")).hasSize(1);
        double prev = -1;
        for (Object[] r : t.rows()) {
            assertThat((Double) r[t.columnIndex("time")]).isGreaterThanOrEqualTo(prev);
            prev = (Double) r[t.columnIndex("time")];
        }
    }

    @Test
    void reinjectionIsReportedWithItsSubflowsAndDelay() {
        FlowStats f = new FlowStats(100 * MS, 1000 * MS);
        handshake(f, 0, 0);
        handshake(f, 1, 10 * MS);
        c2s(f, 0, 20 * MS, ACK, 1000);
        f.onMapping(0, 0, FlowStats.C2S, IDSN_C + 1, 1000, false, 20 * MS);
        f.onDataSegment(0, 0, 0, FlowStats.C2S, 7, 20 * MS, IDSN_C + 1, 1000);
        c2s(f, 1, 270 * MS, ACK, 1000);
        f.onMapping(0, 1, FlowStats.C2S, IDSN_C + 1, 1000, false, 270 * MS);
        f.onDataSegment(1, 0, 1, FlowStats.C2S, 9, 270 * MS, IDSN_C + 1, 1000);
        DataTable t = f.reinjections("x.pcap");
        assertThat(t.rowCount()).isEqualTo(1);
        assertThat(t.get(0, "dsn_start")).isEqualTo(0L);
        assertThat(t.get(0, "dsn_end")).isEqualTo(1000L);
        assertThat(t.get(0, "first_subflow")).isEqualTo(0L);
        assertThat(t.get(0, "reinjected_subflow")).isEqualTo(1L);
        assertThat(t.get(0, "delay_ms")).isEqualTo(250.0);
        assertThat(t.get(0, "frame")).isEqualTo(9L);
        assertThat(t.get(0, "reinjection_of")).isEqualTo("7");
        DataTable share = f.subflowShare("x.pcap");
        assertThat(share.get(1, "data_bytes")).isEqualTo(0L);
        assertThat(share.get(1, "reinjected_bytes")).isEqualTo(1000L);
        assertThat(share.get(1, "payload_bytes")).isEqualTo(1000L);
    }

    @Test
    void subflowOpenedByTheServerCountsInTheConnectionsDirections() {
        FlowStats f = new FlowStats(100 * MS, 1000 * MS);
        handshake(f, 0, 0);
        // subflow 1: the server 10.0.5.7 opens it towards the client's 10.0.2.6
        long server2 = IpAddresses.v4Lo(0x0a00_0507);
        f.onSegment(1, 0, 1, true, FlowStats.S2C, 10 * MS, SYN, 0, 0, server2, 0, client(1), 50000, 40001);
        f.onHandshake(1, false, FlowStats.SYN_MP_JOIN, false, 3, 10 * MS);
        f.onSegment(1, 0, 1, false, FlowStats.C2S, 11 * MS, SYN | ACK, 0, 0, client(1), 0, server2, 40001, 50000);
        f.onSegment(1, 0, 1, true, FlowStats.S2C, 12 * MS, ACK, 0, 0, server2, 0, client(1), 50000, 40001);
        // the connection's client sends data on both subflows; on subflow 1 it is the subflow's server
        c2s(f, 0, 20 * MS, ACK, 1000);
        f.onMapping(0, 0, FlowStats.C2S, IDSN_C + 1, 1000, false, 20 * MS);
        f.onSegment(1, 0, 1, false, FlowStats.C2S, 21 * MS, ACK, 1000, 0, client(1), 0, server2, 40001, 50000);
        f.onMapping(0, 1, FlowStats.C2S, IDSN_C + 1001, 1000, false, 21 * MS);
        f.onSegment(1, 0, 1, true, FlowStats.S2C, 22 * MS, ACK, 0, 0, server2, 0, client(1), 50000, 40001);
        f.onDataAck(0, FlowStats.C2S, IDSN_C + 2001, 22 * MS);
        DataTable tr = f.transfers("x.pcap");
        assertThat(tr.get(0, "direction")).isEqualTo("c2s");
        assertThat(tr.get(0, "data_bytes")).isEqualTo(2000L);
        assertThat(tr.get(0, "basis")).isEqualTo("data_ack");
        DataTable share = f.subflowShare("x.pcap");
        assertThat(share.rows()).extracting(r -> r[share.columnIndex("client_addr")])
                .containsExactly("10.0.1.6", "10.0.2.6");
        assertThat(share.get(1, "data_bytes")).isEqualTo(1000L);
        assertThat(share.get(1, "payload_bytes")).isEqualTo(1000L);
        DataTable ev = f.events("x.pcap");
        assertThat(rows(ev, "event", "subflow_established").get(1)[ev.columnIndex("detail")])
                .isEqualTo("10.0.2.6:40001 -> 10.0.5.7:50000 opened by the server MP_JOIN addr_id=3");
    }

    @Test
    void perPacketPathDoesNotAllocate() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        FlowStats f = new FlowStats(100 * MS, 1000 * MS);
        handshake(f, 0, 0);
        handshake(f, 1, MS);
        long dsn = IDSN_C + 1;
        // warm up: series and arrays exist, JIT compiled
        for (int i = 0; i < 20_000; i++) {
            int k = i & 1;
            c2s(f, k, 10 * MS, ACK, 1400);
            f.onMapping(0, k, FlowStats.C2S, dsn, 1400, false, 10 * MS);
            dsn += 1400;
            f.onDataAck(0, FlowStats.C2S, dsn, 10 * MS);
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            int k = i & 1;
            long t = 10 * MS + i * 1000L; // stays in already allocated bins
            c2s(f, k, t, ACK, 1400);
            f.onMapping(0, k, FlowStats.C2S, dsn, 1400, false, t);
            dsn += 1400;
            s2c(f, k, t, ACK, 0);
            f.onDataAck(0, FlowStats.C2S, dsn, t);
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).isLessThan(4096);
    }
}
