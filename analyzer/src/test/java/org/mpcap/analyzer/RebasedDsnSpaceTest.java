package org.mpcap.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.fixtures.MptcpBytes.dss;
import static org.mpcap.analyzer.fixtures.MptcpBytes.joinAck;
import static org.mpcap.analyzer.fixtures.MptcpBytes.joinSyn;
import static org.mpcap.analyzer.fixtures.MptcpBytes.joinSynAck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.fixtures.CaptureBuilder;
import org.mpcap.analyzer.stats.PacketContext;
import org.mpcap.analyzer.stats.StatsCollector;
import org.mpcap.analyzer.stats.TrackingView;
import org.mpcap.analyzer.table.DataTable;

/**
 * A capture that starts mid-connection (two MP_JOIN subflows of a connection whose MP_CAPABLE handshake was not
 * captured: no keys) whose DSS values are 4 bytes at first (DSN and data ACK) and 8 bytes later. The MPTCP
 * tracker guesses the upper 32 bits of the 4-byte values (from nothing: 0) and corrects them at the first 8-byte
 * value of each direction, publishing {@code PacketContext.rebased}; every statistic that keeps DSNs must follow,
 * so that each table is what it is for the same capture with 8-byte values from the start (the reference).
 *
 * <p>Real DSNs: c2s from {@code C} (low 32 bits 0x10000000: guessed upper bits 0, real 7), s2c from {@code S}
 * (low 32 bits 0x90000000: guessed 0xffffffff, the expansion of a negative 32-bit difference; real 3). Frames,
 * 1 ms apart (subflow 0 = 10.0.0.1, subflow 1 = 10.0.0.2; "4"/"8" = size of data ACK / DSN in the switched
 * capture; DSNs relative to C or S):
 * <pre>
 *   1-6  both subflows' MP_JOIN handshakes, token unknown
 *   7  A   sf0 c2s  DSN 0-1000     ack 0      4/4
 *   8  B   sf1 c2s  DSN 2000-3000  ack 0      4/4   waits for 1000-2000
 *   9  P   sf0 s2c  DSN 0-500      ack 1000   4/4
 *  10  C   sf0 c2s  DSN 1000-2000  ack 500    4/4   releases B (2 ms)
 *  11  B2  sf0 c2s  DSN 2000-2500  ack 500    4/4   reinjection of half of B, before the switch
 *  12  D   sf1 c2s  DSN 0-1000     ack 500    4/8   reinjection of A; first 8-byte c2s value: c2s rebased
 *  13  Q   sf1 s2c  DSN 1000-1500  ack 3000   8/4   waits for 500-1000
 *  14  E   sf0 c2s  DSN 3000-4000  ack 500    8/8   first 8-byte s2c value (a data ACK): s2c rebased
 *  15  R   sf0 s2c  DSN 500-1000   ack 4000   8/8   releases Q (2 ms)
 *  16  F   sf1 s2c  DSN 0-500      ack 4000   8/8   reinjection of P, across the s2c switch
 *  17  G   sf1 c2s  (no data)      ack 1500   8
 * </pre>
 */
class RebasedDsnSpaceTest {
    static final long C = 0x0000_0007_1000_0000L, S = 0x0000_0003_9000_0000L;
    static final long TOKEN = 0x5eed_0001L;

    @TempDir
    static Path dir;
    static CaptureAnalysis switched, reference;

    @BeforeAll
    static void analyze() throws IOException {
        switched = analyze("switched", true);
        reference = analyze("reference", false);
    }

    private static CaptureAnalysis analyze(String name, boolean fourBytesFirst) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        // the same file name in both, so that the capture column agrees
        return new Analyzer().analyze(capture(fourBytesFirst).write(d.resolve("mid.pcap")));
    }

    /** The capture above; with {@code fourBytesFirst} false every value is 8 bytes (the reference). */
    static CaptureBuilder capture(boolean fourBytesFirst) {
        boolean n = !fourBytesFirst; // before a direction's switch: 8 bytes only in the reference
        CaptureBuilder b = new CaptureBuilder();
        CaptureBuilder.Conv s0 = b.conv("10.0.0.1", 40000, "10.0.1.1", 5201, 1000, 9000);
        CaptureBuilder.Conv s1 = b.conv("10.0.0.2", 40001, "10.0.1.1", 5201, 2000, 8000);
        for (CaptureBuilder.Conv s : List.of(s0, s1)) {
            s.syn(joinSyn(false, 1, TOKEN, 0x0a0b0c0d)).synAck(joinSynAck(false, 0, 0x1122334455667788L, 0x01020304))
                    .ack(true, joinAck(new byte[20]));
        }
        s0.data(true, 1000, dss(S, n, C, n, s0.relSeq(true), 1000));                    // 7 A
        s1.data(true, 1000, dss(S, n, C + 2000, n, s1.relSeq(true), 1000));             // 8 B
        s0.data(false, 500, dss(C + 1000, n, S, n, s0.relSeq(false), 500));             // 9 P
        s0.data(true, 1000, dss(S + 500, n, C + 1000, n, s0.relSeq(true), 1000));       // 10 C
        s0.data(true, 500, dss(S + 500, n, C + 2000, n, s0.relSeq(true), 500));         // 11 B2
        s1.data(true, 1000, dss(S + 500, n, C, true, s1.relSeq(true), 1000));           // 12 D
        s1.data(false, 500, dss(C + 3000, true, S + 1000, n, s1.relSeq(false), 500));   // 13 Q
        s0.data(true, 1000, dss(S + 500, true, C + 3000, true, s0.relSeq(true), 1000));  // 14 E
        s0.data(false, 500, dss(C + 4000, true, S + 500, true, s0.relSeq(false), 500));  // 15 R
        s1.data(false, 500, dss(C + 4000, true, S, true, s1.relSeq(false), 500));        // 16 F
        s1.ack(true, dss(S + 1500, true, null, false, 0, 0));                            // 17 G
        return b;
    }

    static List<List<Object>> rows(DataTable t, String... columns) {
        List<List<Object>> out = new ArrayList<>();
        for (Object[] r : t.rows()) {
            List<Object> row = new ArrayList<>();
            for (String c : columns) row.add(r[t.columnIndex(c)]);
            out.add(row);
        }
        return out;
    }

    static List<List<Object>> all(DataTable t) {
        List<List<Object>> out = new ArrayList<>();
        for (Object[] r : t.rows()) out.add(Arrays.asList(r));
        return out;
    }

    @Test
    void theTrackerMovesC2sAtFrame12AndS2cAtFrame14ByWhatItGuessedWrong() throws IOException {
        // the premise of the tests below, so that the capture keeps exercising the rebase
        List<long[]> rebases = new ArrayList<>();
        StatsCollector recorder = new StatsCollector() {
            @Override
            public void onPacket(PacketContext p) {
                if (p.rebased != 0) rebases.add(new long[] {p.raw.frameNumber(), p.rebased, p.rebaseDelta[0],
                        p.rebaseDelta[1]});
            }

            @Override
            public List<DataTable> finish(String capture, TrackingView tracking) { return List.of(); }
        };
        new Analyzer().analyze(capture(true).write(dir.resolve("premise.pcap")), List.of(recorder));
        assertThat(rebases).hasSize(2);
        assertThat(rebases.get(0)).containsExactly(12, 1, 7L << 32, 0);             // guessed upper bits 0, real 7
        assertThat(rebases.get(1)[0]).isEqualTo(14);
        assertThat(rebases.get(1)[1]).isEqualTo(2);
        assertThat(rebases.get(1)[3]).isEqualTo(4L << 32); // guessed 0xffffffff, real 3: 3 - 0xffffffff mod 2^32
        assertThat(switched.connections()).hasSize(1);
        assertThat(switched.connections().get(0).subflows()).hasSize(2);
    }

    @Test
    void reinjectionsAcrossTheSwitchAreFoundAndNumberedAsWithEightByteValues() {
        DataTable t = switched.table("reinjections");
        assertThat(rows(t, "direction", "frame", "dsn_start", "dsn_end", "first_subflow", "reinjected_subflow",
                "reinjection_of", "reinjected_bytes", "delay_ms")).containsExactly(
                List.of("c2s", 11L, 2000L, 2500L, 1L, 0L, "8", 500L, 3.0), // kept from before the switch
                List.of("c2s", 12L, 0L, 1000L, 0L, 1L, "7", 1000L, 5.0),
                List.of("s2c", 16L, 0L, 500L, 0L, 1L, "9", 500L, 7.0));
        assertThat(all(t)).isEqualTo(all(reference.table("reinjections")));
    }

    @Test
    void goodputCountsTheReinjectedBytesOnceAsWithEightByteValues() {
        DataTable t = switched.table("goodput");
        assertThat(rows(t, "direction", "level", "subflow", "payload_bytes", "new_data_bytes", "reinjected_bytes"))
                .containsExactly(
                        Arrays.asList("c2s", "connection", null, 5500L, 4000L, 1500L),
                        Arrays.asList("c2s", "subflow", 0L, 3500L, 3000L, 500L),
                        Arrays.asList("c2s", "subflow", 1L, 2000L, 1000L, 1000L),
                        Arrays.asList("s2c", "connection", null, 2000L, 1500L, 500L),
                        Arrays.asList("s2c", "subflow", 0L, 1000L, 1000L, 0L),
                        Arrays.asList("s2c", "subflow", 1L, 1000L, 500L, 500L));
        for (String name : List.of("goodput", "goodput-over-time", "scheduler-share", "subflow-share")) {
            assertThat(all(switched.table(name))).as(name).isEqualTo(all(reference.table(name)));
        }
    }

    @Test
    void dsnGraphPointsLineUpAcrossTheSwitch() {
        DataTable t = switched.table("dsn");
        assertThat(rows(t, "direction", "frame", "subflow", "kind", "dsn")).containsExactly(
                List.of("c2s", 7L, 0L, "data", 0L),
                List.of("c2s", 8L, 1L, "data", 2000L),
                List.of("c2s", 9L, 0L, "data_ack", 1000L),
                List.of("c2s", 10L, 0L, "data", 1000L),
                List.of("c2s", 11L, 0L, "reinjection", 2000L),
                List.of("c2s", 12L, 1L, "reinjection", 0L),
                List.of("c2s", 13L, 1L, "data_ack", 3000L),
                List.of("c2s", 14L, 0L, "data", 3000L),
                List.of("c2s", 15L, 0L, "data_ack", 4000L),
                List.of("s2c", 7L, 0L, "data_ack", 0L),
                List.of("s2c", 9L, 0L, "data", 0L),
                List.of("s2c", 10L, 0L, "data_ack", 500L),
                List.of("s2c", 13L, 1L, "data", 1000L),
                List.of("s2c", 15L, 0L, "data", 500L),
                List.of("s2c", 16L, 1L, "reinjection", 0L),
                List.of("s2c", 17L, 1L, "data_ack", 1500L));
        assertThat(all(t)).isEqualTo(all(reference.table("dsn")));
    }

    @Test
    void flightSizeFollowsTheSwitch() {
        DataTable t = switched.table("flight-size");
        List<List<Object>> flight = new ArrayList<>();
        for (List<Object> r : rows(t, "direction", "metric", "frame", "bytes")) {
            if ("flight_size".equals(r.get(1))) flight.add(List.of(r.get(0), r.get(2), r.get(3)));
        }
        assertThat(flight).containsExactly(
                List.of("c2s", 7L, 1000L), List.of("c2s", 8L, 3000L), List.of("c2s", 9L, 2000L),
                List.of("c2s", 13L, 0L), List.of("c2s", 14L, 1000L), List.of("c2s", 15L, 0L),
                List.of("s2c", 9L, 500L), List.of("s2c", 10L, 0L), List.of("s2c", 13L, 1000L),
                List.of("s2c", 17L, 0L));
        assertThat(all(t)).isEqualTo(all(reference.table("flight-size")));
    }

    @Test
    void headOfLineDelayFollowsTheSwitch() {
        DataTable t = switched.table("hol-delay-summary");
        assertThat(rows(t, "direction", "segments", "in_order", "delayed", "max_ms", "waiting_at_end"))
                .containsExactly(List.of("c2s", 4L, 3L, 1L, 2.0, 0L), List.of("s2c", 3L, 2L, 1L, 2.0, 0L));
        assertThat(all(t)).isEqualTo(all(reference.table("hol-delay-summary")));
        assertThat(all(switched.table("hol-delay"))).isEqualTo(all(reference.table("hol-delay")));
    }

    @Test
    void everyOtherTableIsAsWithEightByteValues() {
        assertThat(switched.tableNames()).isEqualTo(reference.tableNames());
        for (String name : switched.tableNames()) {
            if (name.equals("mptcp-options")) continue; // decodes the options themselves: 4 vs 8 bytes, on purpose
            assertThat(all(switched.table(name))).as(name).isEqualTo(all(reference.table(name)));
        }
    }
}
