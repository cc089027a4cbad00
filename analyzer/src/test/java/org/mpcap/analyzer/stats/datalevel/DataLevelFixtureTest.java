package org.mpcap.analyzer.stats.datalevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.fixtures.MptcpBytes.capableAck;
import static org.mpcap.analyzer.fixtures.MptcpBytes.capableKey;
import static org.mpcap.analyzer.fixtures.MptcpBytes.capableSynV1;
import static org.mpcap.analyzer.fixtures.MptcpBytes.dss;
import static org.mpcap.analyzer.fixtures.MptcpBytes.hmac;
import static org.mpcap.analyzer.fixtures.MptcpBytes.joinAck;
import static org.mpcap.analyzer.fixtures.MptcpBytes.joinSyn;
import static org.mpcap.analyzer.fixtures.MptcpBytes.joinSynAck;
import static org.mpcap.analyzer.fixtures.MptcpBytes.token;
import static org.mpcap.analyzer.fixtures.MptcpBytes.truncated;
import static org.mpcap.analyzer.stats.datalevel.GoodputCollectorTest.CK;
import static org.mpcap.analyzer.stats.datalevel.GoodputCollectorTest.C_IDSN;
import static org.mpcap.analyzer.stats.datalevel.GoodputCollectorTest.SK;
import static org.mpcap.analyzer.stats.datalevel.GoodputCollectorTest.S_IDSN;
import static org.mpcap.analyzer.stats.datalevel.GoodputCollectorTest.v;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.fixtures.CaptureBuilder;
import org.mpcap.analyzer.fixtures.Scenarios;
import org.mpcap.analyzer.table.DataTable;

/**
 * DSN graph, flight size / receive window and head-of-line delay on a built capture, values computed by hand.
 * Frames are 1 ms apart (t in ms since the first). Client 10.0.0.1 (window scale 7) to 10.0.1.1 (window scale 2), a join from 10.0.0.2;
 * then, client to server (relative DSN = DSN - IDSN - 1):
 * <pre>
 *  A  t=6   subflow 0  DSN 0-1000     in order
 *  B  t=7   subflow 1  DSN 2000-3000  waits for 1000-2000
 *  C  t=8   subflow 1  DSN 3000-4000  waits
 *  D  t=9   subflow 0  DSN 1000-2000  in order: releases B (waited 2 ms) and C (1 ms)
 *  E  t=10  subflow 0  DSN 2000-3000  reinjection of B (nothing new)
 *  F  t=11  subflow 1  DSN 3000-4000  TCP retransmission of C (nothing new)
 *  G  t=12  server, subflow 0: data ACK 2000, window field 1000 (× 2^2)
 *  H  t=13  server, subflow 1: data ACK 4000, window field 1000 (× 2^3)
 * </pre>
 */
class DataLevelFixtureTest {
    @TempDir
    static Path dir;
    static CaptureAnalysis a;

    static byte[] windowScale(int shift) {
        return new byte[] {3, 3, (byte) shift};
    }

    @BeforeAll
    static void analyze() throws IOException {
        CaptureBuilder b = new CaptureBuilder();
        CaptureBuilder.Conv c = b.conv("10.0.0.1", 40000, "10.0.1.1", 5201, 1000, 9000);
        c.syn(capableSynV1(), windowScale(7)).synAck(capableKey(1, SK), windowScale(2))
                .ack(true, capableAck(1, CK, SK));
        CaptureBuilder.Conv j = b.conv("10.0.0.2", 40001, "10.0.1.1", 5201, 2000, 8000);
        j.syn(joinSyn(false, 1, token(SK, 1), Scenarios.NONCE_C), windowScale(7));
        j.synAck(joinSynAck(false, 0, truncated(hmac(SK, CK, Scenarios.NONCE_S, Scenarios.NONCE_C, 1)),
                Scenarios.NONCE_S), windowScale(3));
        j.ack(true, joinAck(hmac(CK, SK, Scenarios.NONCE_C, Scenarios.NONCE_S, 1)));
        long d = C_IDSN + 1, ack = S_IDSN + 1;
        c.data(true, 1000, dss(ack, d, c.relSeq(true), 1000, false));                // A
        j.data(true, 1000, dss(ack, d + 2000, j.relSeq(true), 1000, false));         // B
        int cSeq = j.relSeq(true);
        j.data(true, 1000, dss(ack, d + 3000, cSeq, 1000, false));                   // C
        c.data(true, 1000, dss(ack, d + 1000, c.relSeq(true), 1000, false));         // D
        c.data(true, 1000, dss(ack, d + 2000, c.relSeq(true), 1000, false));         // E
        j.resend(true, cSeq, 1000, dss(ack, d + 3000, cSeq, 1000, false));           // F
        c.window(1000).ack(false, dss(d + 2000, null, 0, 0, false));                 // G
        j.window(1000).ack(false, dss(d + 4000, null, 0, 0, false));                 // H
        a = new Analyzer().analyze(b.write(dir.resolve("datalevel.pcap")));
    }

    static List<List<Object>> rows(DataTable t, String... columns) {
        List<List<Object>> out = new ArrayList<>();
        for (Object[] r : t.rows()) {
            List<Object> row = new ArrayList<>();
            for (String c : columns) row.add(v(t, r, c));
            out.add(row);
        }
        return out;
    }

    @Test
    void dsnGraphHasEveryDataFrameMarkedAndEveryDataAckChange() {
        DataTable t = a.table(DsnGraphCollector.NAME);
        assertThat(rows(t, "direction", "subflow", "kind", "dsn", "length", "time")).containsExactly(
                List.of("c2s", 0L, "data", 0L, 1000L, 0.006),
                List.of("c2s", 1L, "data", 2000L, 1000L, 0.007),
                List.of("c2s", 1L, "data", 3000L, 1000L, 0.008),
                List.of("c2s", 0L, "data", 1000L, 1000L, 0.009),
                List.of("c2s", 0L, "reinjection", 2000L, 1000L, 0.01),
                List.of("c2s", 1L, "retransmission", 3000L, 1000L, 0.011),
                java.util.Arrays.asList("c2s", 0L, "data_ack", 2000L, null, 0.012),
                java.util.Arrays.asList("c2s", 1L, "data_ack", 4000L, null, 0.013),
                java.util.Arrays.asList("s2c", 0L, "data_ack", 0L, null, 0.006)); // the client's data ACK, once
    }

    @Test
    void flightSizeIsHighestSentMinusHighestDataAckAndTheWindowIsScaled() {
        DataTable t = a.table(FlightSizeCollector.NAME);
        List<List<Object>> c2s = rows(t, "direction", "metric", "bytes", "time");
        assertThat(c2s).containsExactly(
                List.of("c2s", "flight_size", 1000L, 0.006),  // A: nothing acknowledged yet
                List.of("c2s", "flight_size", 3000L, 0.007),  // B
                List.of("c2s", "flight_size", 4000L, 0.008),  // C; D, E, F send nothing beyond 4000
                List.of("c2s", "flight_size", 2000L, 0.012),  // G: data ACK 2000
                List.of("c2s", "flight_size", 0L, 0.013),     // H: data ACK 4000
                List.of("c2s", "receive_window", 4000L, 0.012), // 1000 << 2 (the server's shift on subflow 0)
                List.of("c2s", "receive_window", 8000L, 0.013), // 1000 << 3 (its shift on subflow 1)
                List.of("s2c", "receive_window", 32767L << 7, 0.006)); // the client's 0x7fff << 7
    }

    @Test
    void headOfLineDelayIsTheWaitForEarlierDataAndSkipsFramesBringingNothingNew() {
        DataTable s = a.table(HolDelayCollector.SUMMARY);
        assertThat(rows(s, "direction", "segments", "in_order", "delayed", "mean_ms", "p50_ms", "p90_ms", "p99_ms",
                "max_ms", "waiting_at_end", "quantiles_exact")).containsExactly(
                List.of("c2s", 4L, 2L, 2L, 0.75, 0.0, 2.0, 2.0, 2.0, 0L, true));
        DataTable cdf = a.table(HolDelayCollector.CDF);
        assertThat(rows(cdf, "delay_ms", "fraction")).containsExactly(List.of(0.0, 0.5), List.of(1.0, 0.75),
                List.of(2.0, 1.0));
    }
}
