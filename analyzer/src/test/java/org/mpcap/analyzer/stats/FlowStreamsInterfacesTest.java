package org.mpcap.analyzer.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link FlowStreams}' client interfaces: one index per distinct client address, in order of first appearance, the
 * same index for every later stream from that address (through the address table, across its growth).
 */
class FlowStreamsInterfacesTest {
    private static final long V4 = 0xffff_0000_0000L; // IPv4-mapped, as the decoder's views give them

    @Test
    void eachDistinctClientAddressGetsOneIndexInOrderOfFirstAppearance() {
        FlowStreams f = new FlowStreams();
        int n = 20_000;
        for (int i = 0; i < n; i++) syn(f, i, 0x0a00_0000L + i);          // 20 000 sources, one stream each
        for (int i = 0; i < n; i++) syn(f, n + i, 0x0a00_0000L + (i * 7919L) % n); // every source again
        assertThat(f.interfaces()).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            assertThat(f.iface(i)).isEqualTo(i);
            assertThat(f.iface(n + i)).isEqualTo((int) ((i * 7919L) % n));
        }
        assertThat(f.interfaceAddress(3)).isEqualTo("10.0.0.3");
        assertThat(f.interfaceAddress(n - 1)).isEqualTo("10.0.78.31");
    }

    private static void syn(FlowStreams f, int stream, long src) {
        f.onSegment(stream, -1, -1, true, -1, stream * 1000L, 0x02, 0, 0L, V4 | src, 0L, V4 | 0x0a00_0101L, 40_000, 80);
    }
}
