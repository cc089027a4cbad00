package org.mpcap.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.fixtures.MptcpBytes.*;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.capture.CaptureReader;
import org.mpcap.analyzer.capture.RawPacket;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.decode.PacketDecoder;
import org.mpcap.analyzer.fixtures.CaptureBuilder;
import org.mpcap.analyzer.flow.TcpTracker;
import org.mpcap.analyzer.mptcp.MptcpTracker;

/** STYLE habit 3: the per-packet tracking path allocates nothing for packets of known streams. */
class TrackingAllocationTest {
    static final int DATA_PACKETS = 2000, ROUNDS = 10;

    @Test
    void trackingKnownSubflowsDoesNotAllocate(@TempDir Path dir) throws IOException {
        CaptureBuilder b = new CaptureBuilder();
        long ck = 0x0123456789abcdefL, sk = 0x1111222233334444L;
        CaptureBuilder.Conv c = b.conv("10.0.0.1", 40000, "10.0.1.1", 5201, 1000, 9000);
        c.syn(capableSynV1()).synAck(capableKey(1, sk)).ack(true, capableAck(1, ck, sk));
        CaptureBuilder.Conv p = b.conv("10.0.0.9", 40000, "10.0.1.9", 80, 5, 7);
        p.syn().synAck().ack(true);
        long dsn = idsn(ck, 1) + 1;
        for (int i = 0; i < DATA_PACKETS; i++) {
            c.data(true, 100, dss(idsn(sk, 1) + 1, dsn, c.relSeq(true), 100, false));
            dsn += 100;
            c.ack(false, dss(dsn, null, 0, 0, false));
            p.data(true, 10);
        }
        Path file = b.write(dir.resolve("alloc.pcap"));

        // Copy the frames out, so that only decoding and tracking run in the measured loop.
        List<byte[]> frames = new ArrayList<>();
        List<Integer> linkTypes = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(file)) {
            RawPacket raw = new RawPacket();
            while (r.next(raw)) {
                byte[] f = new byte[raw.capturedLength()];
                System.arraycopy(raw.data(), raw.offset(), f, 0, f.length);
                frames.add(f);
                linkTypes.add(raw.linkType());
            }
        }
        Files.delete(file);
        int n = frames.size();
        byte[][] data = frames.toArray(new byte[0][]);
        int linkType = linkTypes.get(0);

        RawPacket raw = new RawPacket();
        PacketDecoder decoder = new PacketDecoder();
        TcpTracker tcp = new TcpTracker();
        MptcpTracker mptcp = new MptcpTracker();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long mptcpPackets = 0;
        long allocated = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long before = mx.getCurrentThreadAllocatedBytes();
            // Skip the 6 handshake frames after the first round: only packets of known streams are measured.
            for (int i = round == 0 ? 0 : 6; i < n; i++) {
                raw.set(data[i], 0, data[i].length, data[i].length, i * 1000L, linkType, 0, i + 1, 0);
                if (decoder.decode(raw) != DecodeStatus.TCP) continue;
                int stream = tcp.onPacket(decoder.ip(), decoder.tcp(), i * 1000L);
                mptcp.onPacket(decoder.ip(), decoder.tcp(), decoder.mptcp(), stream, tcp.lastFromClient(), i * 1000L);
                if (mptcp.lastConnection() == 0) mptcpPackets++;
            }
            long after = mx.getCurrentThreadAllocatedBytes();
            if (round >= ROUNDS / 2) allocated += after - before;
        }
        assertThat(mptcpPackets).isEqualTo((long) ROUNDS * 2 * DATA_PACKETS + 2);
        assertThat(tcp.streamCount()).isEqualTo(2);
        long packets = (long) (ROUNDS - ROUNDS / 2) * (n - 6);
        assertThat(allocated).as("bytes allocated over %d packets of known streams", packets)
                .isLessThan(packets / 100);
    }
}
