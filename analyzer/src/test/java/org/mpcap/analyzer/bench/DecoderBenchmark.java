package org.mpcap.analyzer.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.mpcap.analyzer.capture.RawPacket;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.decode.PacketDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decode throughput of {@link PacketDecoder} alone: a pre-built array of Ethernet/IPv4/TCP MPTCP data
 * segments (timestamps + DSS with 8-byte data ACK and mapping, 1400-byte payload), captured with a 128-byte
 * snaplen, with pure ACKs and an occasional SACK among them. Score = packets per second.
 *
 * <p>Run: see bench/README.md ("Decoder").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecoderBenchmark {
    static final int PACKETS = 1024;
    static final int SNAPLEN = 128;

    private final RawPacket[] packets = new RawPacket[PACKETS];
    private final PacketDecoder decoder = new PacketDecoder();

    @Setup
    public void setUp() {
        for (int i = 0; i < PACKETS; i++) {
            boolean data = i % 2 == 0;
            boolean sack = i % 16 == 1;
            packets[i] = packet(i, data ? 1400 : 0, sack);
        }
    }

    private static RawPacket packet(int i, int payload, boolean sack) {
        int options = 12 + 28 + (sack ? 12 : 0); // NOP NOP timestamps, DSS (A a M m: 28 bytes), NOP NOP SACK
        int tcpLen = 20 + options;
        int ipLen = 20 + tcpLen + payload;
        ByteBuffer b = ByteBuffer.allocate(14 + ipLen);
        b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00});
        b.put((byte) 0x45).put((byte) 0).putShort((short) ipLen).putShort((short) i).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0).putInt(0x0a000001 + (i & 3)).putInt(0x0a000101);
        b.putShort((short) (40000 + (i & 3))).putShort((short) 443).putInt(1000 + i * 1400).putInt(5000)
                .put((byte) ((tcpLen / 4) << 4)).put((byte) (payload > 0 ? 0x18 : 0x10)).putShort((short) 502)
                .putShort((short) 0).putShort((short) 0);
        b.put((byte) 1).put((byte) 1).put((byte) 8).put((byte) 10).putInt(77_000 + i).putInt(66_000 + i);
        b.put((byte) 30).put((byte) 28).put((byte) 0x20).put((byte) 0x0f).putLong(123_456L + i)
                .putLong(987_654L + i * 1400L).putInt(1 + i * 1400).putShort((short) payload).putShort((short) 0x1234);
        if (sack) b.put((byte) 1).put((byte) 1).put((byte) 5).put((byte) 10).putInt(1000).putInt(2000);
        byte[] frame = b.array();
        int cap = Math.min(SNAPLEN, frame.length);
        return new RawPacket().set(frame, 0, cap, frame.length, 0L, 1, 0, i + 1, 0);
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public int decode() {
        int acc = 0;
        PacketDecoder d = decoder;
        for (RawPacket p : packets) {
            if (d.decode(p) == DecodeStatus.TCP) acc += d.tcp().payloadLength() + d.mptcp().count();
        }
        return acc;
    }
}
