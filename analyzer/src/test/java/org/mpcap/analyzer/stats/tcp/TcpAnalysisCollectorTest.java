package org.mpcap.analyzer.stats.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.capture.CaptureReader;
import org.mpcap.analyzer.capture.RawPacket;
import org.mpcap.analyzer.decode.PacketDecoder;
import org.mpcap.analyzer.fixtures.CaptureBuilder;
import org.mpcap.analyzer.flow.TcpTracker;
import org.mpcap.analyzer.stats.PacketContext;
import org.mpcap.analyzer.stats.TrackingView;
import org.mpcap.analyzer.table.DataTable;

/** {@link TcpAnalysisCollector} fed by a decoder and a TCP tracker, as the pass feeds it (plain TCP streams). */
class TcpAnalysisCollectorTest {
    @TempDir
    Path dir;

    /** Feeds every frame of the capture; returns the tables. */
    static List<DataTable> run(TcpAnalysisCollector c, Path capture) throws IOException {
        PacketDecoder decoder = new PacketDecoder();
        TcpTracker tracker = new TcpTracker();
        PacketContext ctx = new PacketContext();
        ctx.decoder = decoder;
        long first = -1;
        try (CaptureReader r = CaptureReader.open(capture)) {
            RawPacket raw = new RawPacket();
            while (r.next(raw)) {
                if (first < 0) first = raw.timestampNanos();
                ctx.raw = raw;
                ctx.status = decoder.decode(raw);
                ctx.relativeNanos = raw.timestampNanos() - first;
                ctx.tcpStream = tracker.onPacket(decoder.ip(), decoder.tcp(), ctx.relativeNanos);
                ctx.fromClient = tracker.lastFromClient();
                c.onPacket(ctx);
            }
        }
        return c.finish("t.pcap", TrackingView.of(tracker.streams(), List.of()));
    }

    @Test
    void streamsOfOneSegmentKeepNoStateAndAreCountedAsTheSecondSegmentOfAnotherIsJudged() throws IOException {
        CaptureBuilder b = new CaptureBuilder();
        for (int i = 0; i < 40; i++) b.conv("10.0.0.1", 40000 + i, "10.0.1.1", 80, 1000 + i, 9000).syn();
        // stream 40: its SYN again (a retransmission, as tshark marks it), then answered
        CaptureBuilder.Conv again = b.conv("10.0.0.1", 50000, "10.0.1.1", 80, 7000, 9000);
        again.syn().syn().synAck();
        TcpAnalysisCollector c = new TcpAnalysisCollector();
        List<DataTable> tables = run(c, b.write(dir.resolve("syns.pcap")));
        assertThat(c.streamsWithState()).isEqualTo(1);
        DataTable frames = tables.get(0), summary = tables.get(1);
        assertThat(frames.rowCount()).isEqualTo(1);
        assertThat(frames.get(0, "tcp_stream")).isEqualTo(40L);
        assertThat(frames.get(0, "analysis")).isEqualTo("retransmission");
        assertThat(summary.rowCount()).isEqualTo(42); // one row per SYN-only stream, two for stream 40
        assertThat(summary.get(0, "data_segments")).isEqualTo(1L);
        assertThat(summary.get(0, "retransmissions")).isEqualTo(0L);
        assertThat(summary.get(0, "direction")).isEqualTo("c2s");
        assertThat(summary.get(40, "tcp_stream")).isEqualTo(40L);
        assertThat(summary.get(40, "data_segments")).isEqualTo(2L);
        assertThat(summary.get(40, "retransmissions")).isEqualTo(1L);
        assertThat(summary.get(41, "direction")).isEqualTo("s2c");
        assertThat(summary.get(41, "data_segments")).isEqualTo(1L);
    }
}
