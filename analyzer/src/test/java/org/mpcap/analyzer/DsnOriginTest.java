package org.mpcap.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.RebasedDsnSpaceTest.rows;
import static org.mpcap.analyzer.fixtures.MptcpBytes.dss;
import static org.mpcap.analyzer.fixtures.MptcpBytes.joinAck;
import static org.mpcap.analyzer.fixtures.MptcpBytes.joinSyn;
import static org.mpcap.analyzer.fixtures.MptcpBytes.joinSynAck;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.fixtures.CaptureBuilder;
import org.mpcap.analyzer.table.DataTable;

/**
 * Without keys, tables {@code dsn} and {@code reinjections} number DSNs from the same origin (the direction's first
 * data frame, {@code stats.DsnOrigin}), also when the first value of a direction the capture shows is a data ACK
 * below it: the receiver acknowledging data sent before the capture started.
 *
 * <p>Two MP_JOIN subflows of a connection whose token is unknown (no keys), 8-byte DSS values; c2s DSNs relative to
 * {@code C}, s2c from {@code S} (only data ACKs of it: the server sends no data). Frames, 1 ms apart:
 * <pre>
 *   1-6  both MP_JOIN handshakes
 *   7    sf0 s2c  data ACK C - 500     500 bytes sent before the capture, not yet acknowledged
 *   8    sf0 c2s  DSN 0-1000           first data frame; data ACK S (first s2c value)
 *   9    sf1 c2s  DSN 1000-2000
 *  10    sf0 s2c  data ACK C + 1000
 *  11    sf0 c2s  DSN 1000-2000        reinjection of frame 9
 *  12    sf0 s2c  data ACK C + 2000
 * </pre>
 */
class DsnOriginTest {
    static final long C = 0x0000_0007_1000_0000L, S = 0x0000_0003_9000_0000L;
    static final long TOKEN = 0x5eed_0003L;

    @TempDir
    static Path dir;
    static CaptureAnalysis analysis;

    @BeforeAll
    static void analyze() throws IOException {
        CaptureBuilder b = new CaptureBuilder();
        CaptureBuilder.Conv s0 = b.conv("10.0.0.1", 40000, "10.0.1.1", 5201, 1000, 9000);
        CaptureBuilder.Conv s1 = b.conv("10.0.0.2", 40001, "10.0.1.1", 5201, 2000, 8000);
        for (CaptureBuilder.Conv s : List.of(s0, s1)) {
            s.syn(joinSyn(false, 1, TOKEN, 0x0a0b0c0d)).synAck(joinSynAck(false, 0, 0x1122334455667788L, 0x01020304))
                    .ack(true, joinAck(new byte[20]));
        }
        s0.ack(false, dss(C - 500, true, null, false, 0, 0));                      // 7
        s0.data(true, 1000, dss(S, true, C, true, s0.relSeq(true), 1000));         // 8
        s1.data(true, 1000, dss(S, true, C + 1000, true, s1.relSeq(true), 1000));  // 9
        s0.ack(false, dss(C + 1000, true, null, false, 0, 0));                     // 10
        s0.data(true, 1000, dss(S, true, C + 1000, true, s0.relSeq(true), 1000));  // 11
        s0.ack(false, dss(C + 2000, true, null, false, 0, 0));                     // 12
        analysis = new Analyzer().analyze(b.write(dir.resolve("ack-first.pcap")));
    }

    @Test
    void theFirstDataFrameIsZeroAndAnEarlierDataAckBelowItNegative() {
        assertThat(rows(analysis.table("dsn"), "direction", "frame", "subflow", "kind", "dsn")).containsExactly(
                List.of("c2s", 7L, 0L, "data_ack", -500L),
                List.of("c2s", 8L, 0L, "data", 0L),
                List.of("c2s", 9L, 1L, "data", 1000L),
                List.of("c2s", 10L, 0L, "data_ack", 1000L),
                List.of("c2s", 11L, 0L, "reinjection", 1000L),
                List.of("c2s", 12L, 0L, "data_ack", 2000L),
                List.of("s2c", 8L, 0L, "data_ack", 0L)); // no s2c data: from its first data ACK
    }

    @Test
    void aReinjectionHasTheSameDsnInTablesDsnAndReinjections() {
        DataTable r = analysis.table("reinjections");
        assertThat(rows(r, "direction", "frame", "dsn_start", "dsn_end", "first_subflow", "reinjected_subflow"))
                .containsExactly(List.of("c2s", 11L, 1000L, 2000L, 1L, 0L));
        List<List<Object>> inDsn = new ArrayList<>();
        for (List<Object> row : rows(analysis.table("dsn"), "kind", "direction", "frame", "dsn")) {
            if (row.get(0).equals("reinjection")) inDsn.add(row.subList(1, 4));
        }
        assertThat(inDsn).isEqualTo(rows(r, "direction", "frame", "dsn_start"));
    }
}
