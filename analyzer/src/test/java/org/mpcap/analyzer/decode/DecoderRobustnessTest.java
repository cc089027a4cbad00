package org.mpcap.analyzer.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.capture.RawPacket;

/**
 * Every length is checked before it is used: randomly corrupted and cut packets of every link type decode to
 * some status without ever reaching the exception safety net (decoderFaults stays 0).
 */
class DecoderRobustnessTest {
    private static final int[] LINK_TYPES = {0, 1, 9, 12, 14, 50, 101, 108, 113, 228, 229, 276};

    @Test
    void corruptedPacketsNeverFaultTheDecoder() {
        List<RawPacket> mix = DecoderAllocationTest.mix();
        SplittableRandom r = new SplittableRandom(42);
        PacketDecoder d = new PacketDecoder();
        RawPacket p = new RawPacket();
        int[] statuses = new int[DecodeStatus.values().length];
        for (int n = 0; n < 200_000; n++) {
            RawPacket base = mix.get(r.nextInt(mix.size()));
            byte[] data = java.util.Arrays.copyOf(base.data(), base.capturedLength());
            int flips = 1 + r.nextInt(6);
            for (int f = 0; f < flips; f++) {
                // Bias corruption towards the headers, where the length fields are.
                int at = r.nextInt(Math.min(data.length, r.nextBoolean() ? 120 : data.length));
                data[at] = (byte) r.nextInt(256);
            }
            int cap = r.nextInt(4) == 0 ? r.nextInt(data.length + 1) : data.length;
            data = java.util.Arrays.copyOf(data, cap); // a read past the capture must throw, and be counted
            int linkType = r.nextInt(8) == 0 ? LINK_TYPES[r.nextInt(LINK_TYPES.length)] : base.linkType();
            int original = r.nextInt(8) == 0 ? r.nextInt() : base.originalLength();
            p.set(data, 0, cap, original, 0, linkType, 0, n, 0);
            statuses[d.decode(p).ordinal()]++;
        }
        assertThat(d.counters().decoderFaults()).isZero();
        assertThat(statuses[DecodeStatus.TCP.ordinal()]).isPositive();
        assertThat(statuses[DecodeStatus.TRUNCATED.ordinal()]).isPositive();
        assertThat(statuses[DecodeStatus.MALFORMED.ordinal()]).isPositive();
    }
}
