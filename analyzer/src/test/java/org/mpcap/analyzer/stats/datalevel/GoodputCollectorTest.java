package org.mpcap.analyzer.stats.datalevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.fixtures.MptcpBytes.capableAck;
import static org.mpcap.analyzer.fixtures.MptcpBytes.capableKey;
import static org.mpcap.analyzer.fixtures.MptcpBytes.capableSynV1;
import static org.mpcap.analyzer.fixtures.MptcpBytes.dss;
import static org.mpcap.analyzer.fixtures.MptcpBytes.hmac;
import static org.mpcap.analyzer.fixtures.MptcpBytes.idsn;
import static org.mpcap.analyzer.fixtures.MptcpBytes.joinAck;
import static org.mpcap.analyzer.fixtures.MptcpBytes.joinSyn;
import static org.mpcap.analyzer.fixtures.MptcpBytes.joinSynAck;
import static org.mpcap.analyzer.fixtures.MptcpBytes.token;
import static org.mpcap.analyzer.fixtures.MptcpBytes.truncated;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.AnalysisOptions;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.fixtures.CaptureBuilder;
import org.mpcap.analyzer.fixtures.Scenarios;
import org.mpcap.analyzer.table.DataTable;

class GoodputCollectorTest {
    static final Path REAL = Path.of("src/test/resources/realcaps");
    static final long CK = Scenarios.V1_CLIENT_KEY, SK = Scenarios.V1_SERVER_KEY;
    static final long C_IDSN = idsn(CK, 1), S_IDSN = idsn(SK, 1);

    @TempDir
    Path dir;

    /**
     * Client 10.0.0.1 (initial subflow) and a join from 10.0.0.2, one frame a millisecond: subflow 0 sends 1000
     * bytes, sends them again (a TCP retransmission), subflow 1 sends the same 1000 bytes (a reinjection) and then
     * 500 new bytes; everything data-ACKed.
     */
    static CaptureBuilder reinjectedAndRetransmitted() {
        CaptureBuilder b = new CaptureBuilder();
        CaptureBuilder.Conv c = b.conv("10.0.0.1", 40000, "10.0.1.1", 5201, 1000, 9000);
        c.syn(capableSynV1()).synAck(capableKey(1, SK)).ack(true, capableAck(1, CK, SK));
        CaptureBuilder.Conv j = b.conv("10.0.0.2", 40001, "10.0.1.1", 5201, 2000, 8000);
        j.syn(joinSyn(false, 1, token(SK, 1), Scenarios.NONCE_C));
        j.synAck(joinSynAck(false, 0, truncated(hmac(SK, CK, Scenarios.NONCE_S, Scenarios.NONCE_C, 1)),
                Scenarios.NONCE_S));
        j.ack(true, joinAck(hmac(CK, SK, Scenarios.NONCE_C, Scenarios.NONCE_S, 1)));
        int seq = c.relSeq(true);
        c.data(true, 1000, dss(S_IDSN + 1, C_IDSN + 1, seq, 1000, false));
        c.resend(true, seq, 1000, dss(S_IDSN + 1, C_IDSN + 1, seq, 1000, false));
        j.data(true, 1000, dss(S_IDSN + 1, C_IDSN + 1, j.relSeq(true), 1000, false));
        j.data(true, 500, dss(S_IDSN + 1, C_IDSN + 1001, j.relSeq(true), 500, false));
        j.ack(false, dss(C_IDSN + 1501, null, 0, 0, false));
        return b;
    }

    static Map<String, Object[]> byKey(DataTable t, String... columns) {
        Map<String, Object[]> m = new HashMap<>();
        for (Object[] r : t.rows()) {
            StringBuilder k = new StringBuilder();
            for (String c : columns) k.append(r[t.columnIndex(c)]).append('/');
            m.put(k.toString(), r);
        }
        return m;
    }

    static Object v(DataTable t, Object[] row, String column) { return row[t.columnIndex(column)]; }

    @Test
    void newDataReinjectedAndRetransmittedBytesAreSeparated() throws IOException {
        CaptureAnalysis a = new Analyzer().analyze(reinjectedAndRetransmitted().write(dir.resolve("g.pcap")));
        DataTable g = a.table(GoodputCollector.TOTALS);
        Map<String, Object[]> rows = byKey(g, "connection", "subflow", "direction");
        Object[] conn = rows.get("0/null/c2s/");
        assertThat(v(g, conn, "payload_bytes")).isEqualTo(3500L);
        assertThat(v(g, conn, "new_data_bytes")).isEqualTo(1500L);
        assertThat(v(g, conn, "reinjected_bytes")).isEqualTo(1000L);
        assertThat(v(g, conn, "retransmitted_bytes")).isEqualTo(1000L);
        Object[] s0 = rows.get("0/0/c2s/"), s1 = rows.get("0/1/c2s/");
        assertThat(List.of(v(g, s0, "payload_bytes"), v(g, s0, "new_data_bytes"), v(g, s0, "reinjected_bytes"),
                v(g, s0, "retransmitted_bytes"))).containsExactly(2000L, 1000L, 0L, 1000L);
        assertThat(List.of(v(g, s1, "payload_bytes"), v(g, s1, "new_data_bytes"), v(g, s1, "reinjected_bytes"),
                v(g, s1, "retransmitted_bytes"))).containsExactly(1500L, 500L, 1000L, 0L);
        assertThat((Double) v(g, conn, "goodput_percent")).isEqualTo(100.0 * 1500 / 3500);
    }

    @Test
    void totalsAgreeWithTheReinjectionRetransmissionAndConnectionTablesOnAFaultCapture() throws IOException {
        for (String f : List.of("fault-kill.pcap", "fault-remove.pcap")) {
            CaptureAnalysis a = new Analyzer().analyze(REAL.resolve(f));
            DataTable g = a.table(GoodputCollector.TOTALS);
            long reinjected = 0, retrans = 0, newData = 0, subflowPayload = 0;
            for (Object[] r : g.rows()) {
                if (!"connection".equals(v(g, r, "level"))) {
                    subflowPayload += (Long) v(g, r, "payload_bytes");
                    continue;
                }
                reinjected += (Long) v(g, r, "reinjected_bytes");
                retrans += (Long) v(g, r, "retransmitted_bytes");
                newData += (Long) v(g, r, "new_data_bytes");
            }
            DataTable re = a.table("reinjections");
            long expectReinjected = 0;
            for (Object[] r : re.rows()) expectReinjected += (Long) v(re, r, "reinjected_bytes");
            DataTable tr = a.table("tcp-retransmissions");
            long expectRetrans = 0;
            for (Object[] r : tr.rows()) if (v(tr, r, "connection") != null) expectRetrans += (Long) v(tr, r, "retransmitted_bytes");
            DataTable cn = a.table("connections");
            long mapped = 0;
            for (Object[] r : cn.rows()) mapped += (Long) v(cn, r, "mapped_bytes_c2s") + (Long) v(cn, r, "mapped_bytes_s2c");
            DataTable sf = a.table("subflows");
            long payload = 0;
            for (Object[] r : sf.rows()) payload += (Long) v(sf, r, "payload_bytes_c2s") + (Long) v(sf, r, "payload_bytes_s2c");
            assertThat(reinjected).as(f).isPositive().isEqualTo(expectReinjected);
            assertThat(retrans).as(f).isEqualTo(expectRetrans);
            assertThat(newData).as(f).isEqualTo(mapped);
            assertThat(subflowPayload).as(f).isEqualTo(payload);
        }
    }

    @Test
    void binsOverTimeAddUpToTheTotals() throws IOException {
        CaptureAnalysis a = new Analyzer(AnalysisOptions.DEFAULTS).analyze(REAL.resolve("fault-kill.pcap"));
        DataTable g = a.table(GoodputCollector.TOTALS), ot = a.table(GoodputCollector.OVER_TIME);
        Map<String, long[]> sums = new HashMap<>();
        for (Object[] r : ot.rows()) {
            long[] s = sums.computeIfAbsent(v(ot, r, "connection") + "/" + v(ot, r, "subflow") + "/"
                    + v(ot, r, "direction"), k -> new long[4]);
            s[0] += (Long) v(ot, r, "payload_bytes");
            s[1] += (Long) v(ot, r, "new_data_bytes");
            s[2] += (Long) v(ot, r, "reinjected_bytes");
            s[3] += (Long) v(ot, r, "retransmitted_bytes");
        }
        assertThat(sums).hasSize(g.rowCount());
        for (Object[] r : g.rows()) {
            long[] s = sums.get(v(g, r, "connection") + "/" + v(g, r, "subflow") + "/" + v(g, r, "direction"));
            assertThat(s).containsExactly((Long) v(g, r, "payload_bytes"), (Long) v(g, r, "new_data_bytes"),
                    (Long) v(g, r, "reinjected_bytes"), (Long) v(g, r, "retransmitted_bytes"));
        }
    }

    @Test
    void schedulerSharesOfAWindowAddUpToOneHundredPercent() throws IOException {
        CaptureAnalysis a = new Analyzer().analyze(REAL.resolve("fault-kill.pcap"));
        DataTable sh = a.table(GoodputCollector.SHARE);
        assertThat(sh.rowCount()).isPositive();
        Map<String, double[]> perWindow = new HashMap<>();
        for (Object[] r : sh.rows()) {
            double[] s = perWindow.computeIfAbsent(v(sh, r, "connection") + "/" + v(sh, r, "direction") + "/"
                    + v(sh, r, "time"), k -> new double[1]);
            s[0] += (Double) v(sh, r, "share_percent");
        }
        for (double[] s : perWindow.values()) assertThat(s[0]).isCloseTo(100.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat((Double) v(sh, sh.rows().get(0), "window_s")).isEqualTo(1.0); // export's 1 s window
    }
}
