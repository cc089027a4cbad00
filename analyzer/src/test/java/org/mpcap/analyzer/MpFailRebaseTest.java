package org.mpcap.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.RebasedDsnSpaceTest.all;
import static org.mpcap.analyzer.fixtures.MptcpBytes.dss;
import static org.mpcap.analyzer.fixtures.MptcpBytes.joinAck;
import static org.mpcap.analyzer.fixtures.MptcpBytes.joinSyn;
import static org.mpcap.analyzer.fixtures.MptcpBytes.joinSynAck;
import static org.mpcap.analyzer.fixtures.MptcpBytes.mpFail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.fixtures.CaptureBuilder;
import org.mpcap.analyzer.mptcp.ConnectionState;
import org.mpcap.analyzer.stats.PacketContext;
import org.mpcap.analyzer.stats.StatsCollector;
import org.mpcap.analyzer.stats.TrackingView;
import org.mpcap.analyzer.table.DataTable;

/**
 * An MP_FAIL (RFC 8684 §3.7) carries the full 64-bit DSN "even if 32-bit sequence numbers are normally in use in the
 * DSS signals on the path": in a capture without keys whose DSS values are all 4 bytes, it is the only place the
 * upper 32 bits of the failed direction's DSNs show. The MPTCP tracker takes it as 8-byte evidence of the space of
 * the data its sender received (the other direction's) and publishes the rebase, so the fallback accounting
 * (data below the MP_FAIL's DSN plus the payload after it) compares values of one space.
 *
 * <p>One MP_JOIN subflow whose token is unknown (no keys). Real c2s DSNs from {@code C}: low 32 bits 0x10000000,
 * so the guess from nothing is 0 for the upper bits, the real ones are 0xfedcba98 (above 2^63: as a signed
 * difference, the real values lie below the guessed ones, and so does the MP_FAIL's DSN). Frames, 1 ms apart:
 * <pre>
 *   1-3  MP_JOIN handshake
 *   4    c2s 1000 B   DSN C          (4 bytes; data ACK 4 bytes)
 *   5    s2c          data ACK C + 1000 (4 bytes)
 *   6    c2s  500 B   DSN C + 1000   (4 bytes): fails its checksum
 *   7    s2c          MP_FAIL C + 1000 (always 8 bytes), no RST: fallback
 *   8    c2s  700 B   infinite mapping at C + 1000 (4 bytes)
 *   9    c2s  300 B   plain TCP
 *  10-12 FIN, FIN, ACK
 * </pre>
 * The reference capture is the same with 8-byte DSS values.
 */
class MpFailRebaseTest {
    static final long C = 0xfedc_ba98_1000_0000L, S = 0x0000_0005_2000_0000L;
    static final long TOKEN = 0x5eed_0002L;

    @TempDir
    static Path dir;
    static CaptureAnalysis switched, reference;

    @BeforeAll
    static void analyze() throws IOException {
        switched = analyze("switched", capture(false, false, C + 1000));
        reference = analyze("reference", capture(true, true, C + 1000));
    }

    private static CaptureAnalysis analyze(String name, CaptureBuilder b) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        return new Analyzer().analyze(b.write(d.resolve("mp-fail-mid.pcap"))); // one name: the capture column agrees
    }

    /**
     * The capture above: its DSS values 8 bytes if {@code eightBytes}, the infinite mapping's DSN if
     * {@code eightByteInfiniteMapping}; the MP_FAIL's DSN {@code failDsn}.
     */
    static CaptureBuilder capture(boolean eightBytes, boolean eightByteInfiniteMapping, long failDsn) {
        boolean e = eightBytes;
        CaptureBuilder b = new CaptureBuilder();
        CaptureBuilder.Conv s = b.conv("10.0.0.1", 40000, "10.0.1.1", 5201, 1000, 9000);
        s.syn(joinSyn(false, 1, TOKEN, 0x0a0b0c0d)).synAck(joinSynAck(false, 0, 0x1122334455667788L, 0x01020304))
                .ack(true, joinAck(new byte[20]));
        s.data(true, 1000, dss(S, e, C, e, s.relSeq(true), 1000));         // 4
        s.ack(false, dss(C + 1000, e, null, false, 0, 0));                 // 5
        s.data(true, 500, dss(S, e, C + 1000, e, s.relSeq(true), 500));    // 6
        s.ack(false, mpFail(failDsn));                                     // 7
        s.data(true, 700, dss(S, e, C + 1000, eightByteInfiniteMapping, s.relSeq(true), 0)); // 8
        s.data(true, 300);                                                 // 9
        s.fin(true).fin(false).ack(true);
        return b;
    }

    /** (frame, rebased, delta c2s, delta s2c) of every packet that published a rebase. */
    private static List<long[]> rebases(CaptureBuilder b, String name) throws IOException {
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
        new Analyzer().analyze(b.write(dir.resolve(name)), List.of(recorder));
        return rebases;
    }

    @Test
    void theMpFailsDsnCorrectsTheGuessedUpperBitsOfTheDirectionItsSenderReceived() throws IOException {
        List<long[]> rebases = rebases(capture(false, false, C + 1000), "premise.pcap");
        assertThat(rebases).hasSize(1);
        // frame 7, sent by the server about the client's data: c2s (bit 0), guessed 0, real 0xfedcba98
        assertThat(rebases.get(0)).containsExactly(7, 1, 0xfedc_ba98L << 32, 0);
        assertThat(switched.connections().get(0).state()).isEqualTo(ConnectionState.FALLBACK);
    }

    @Test
    void fallbackCountsTheDataBelowTheMpFailAsWithEightByteValues() {
        // 1000 bytes below the MP_FAIL's DSN, the failed 500 not, then 700 + 300 of plain TCP (RFC 8684 §3.7);
        // measured against the guessed space nothing was below the MP_FAIL's DSN: 1000 in all
        DataTable t = switched.table("transfers");
        assertThat(t.get(0, "basis")).isEqualTo("fallback");
        assertThat(t.get(0, "data_bytes")).isEqualTo(2000L);
        assertThat(switched.table("subflow-share").get(0, "data_bytes")).isEqualTo(2000L);
        for (String name : List.of("transfers", "subflow-share", "connections")) {
            assertThat(all(switched.table(name))).as(name).isEqualTo(all(reference.table(name)));
        }
    }

    @Test
    void everyOtherTableIsAsWithEightByteValues() {
        assertThat(switched.tableNames()).isEqualTo(reference.tableNames());
        for (String name : switched.tableNames()) {
            if (name.equals("mptcp-options")) continue; // decodes the options themselves: 4 vs 8 bytes, on purpose
            assertThat(all(switched.table(name))).as(name).isEqualTo(all(reference.table(name)));
        }
    }

    @Test
    void anMpFailDsnFarFromWhatItsSpaceHasSeenIsNotTakenForItsUpperBits() throws IOException {
        // low 32 bits 0: not data the capture saw in that space (a stale or zero value): nothing moves at frame 7,
        // and the space still takes its upper bits from the first 8-byte DSS value (the infinite mapping, frame 8)
        List<long[]> rebases = rebases(capture(false, true, 0), "far.pcap");
        assertThat(rebases).hasSize(1);
        assertThat(rebases.get(0)).containsExactly(8, 1, 0xfedc_ba98L << 32, 0);
    }
}
