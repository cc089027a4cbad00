package org.mpcap.analyzer.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentSegmentsTest {
    private static final long D = 0xfedc_ba98_7654_3210L; // near the top: relative values wrap

    @Test
    void interleavedNewDataOfSeveralSubflowsIsNoReinjection() {
        SentSegments s = new SentSegments();
        long frame = 1;
        for (int k = 0; k < 100; k++) { // subflow 0 sends [0, 100k), subflow 1 [100k, 200k), interleaved
            assertThat(s.onSegment(0, D + 1000L * k, 1000, frame++, k)).isZero();
            assertThat(s.onSegment(1, D + 100_000 + 1000L * k, 1000, frame++, k)).isZero();
        }
        assertThat(s.unionRanges()).isEqualTo(1);
    }

    @Test
    void dataSentAgainOnAnotherSubflowListsEveryEarlierFrameItOverlaps() {
        SentSegments s = new SentSegments();
        s.onSegment(0, D, 1000, 1, 10);
        s.onSegment(2, D + 1000, 1000, 2, 20);
        assertThat(s.onSegment(1, D + 500, 1000, 3, 30)).isEqualTo(2);
        assertThat(s.hitFrame(0)).isEqualTo(1);
        assertThat(s.hitFrame(1)).isEqualTo(2);
        assertThat(s.hitFirstSubflow()).isZero();
        assertThat(s.hitFirstNanos()).isEqualTo(10);
        assertThat(s.hitBytes()).isEqualTo(1000);
        // a third copy repeats both subflows' frames, and the reinjection itself
        assertThat(s.onSegment(0, D + 1200, 100, 4, 40)).isEqualTo(2); // frame 2 (subflow 2), frame 3 (subflow 1)
    }

    @Test
    void tcpRetransmissionOnTheSameSubflowIsNoReinjection() {
        SentSegments s = new SentSegments();
        s.onSegment(0, D, 1000, 1, 10);
        s.onSegment(0, D + 1000, 1000, 2, 20);
        assertThat(s.onSegment(0, D, 1000, 3, 30)).isZero();
    }

    @Test
    void overlapsArePartialBytes() {
        SentSegments s = new SentSegments();
        s.onSegment(0, D, 1000, 1, 10);
        assertThat(s.onSegment(1, D + 900, 1000, 2, 20)).isEqualTo(1);
        assertThat(s.hitBytes()).isEqualTo(100);
        assertThat(s.onSegment(1, D + 2000, 1000, 3, 30)).isZero(); // gap [1900, 2000) stays open
        assertThat(s.onSegment(0, D + 1900, 100, 4, 40)).isZero();
        assertThat(s.unionRanges()).isEqualTo(1);
    }

    @Test
    void memoryIsBoundedPerSubflowAndForgottenOverlapsAreCounted() {
        SentSegments s = new SentSegments(64);
        for (int k = 0; k < 10_000; k++) s.onSegment(0, D + 100L * k, 100, k + 1, k);
        assertThat(s.held()).isEqualTo(64);
        assertThat(s.onSegment(1, D, 100, 20_000, 20_000)).isZero(); // frame 1 was forgotten
        assertThat(s.unchecked()).isEqualTo(1);
        assertThat(s.onSegment(1, D + 100L * 9_999, 100, 20_001, 20_001)).isEqualTo(1); // still held
    }

    @Test
    void framesSentOutOfDsnOrderAreFoundAfterTheSideBufferIsMerged() {
        SentSegments s = new SentSegments(4096);
        long frame = 1;
        for (int k = 0; k < 2000; k++) s.onSegment(1, D + 100L * k, 100, frame++, k); // subflow 1: new data
        for (int k = 1999; k >= 0; k--) s.onSegment(0, D + 100L * k, 100, frame++, 5000 + k); // reinjected, backwards
        assertThat(s.held()).isEqualTo(4000);
        // a third subflow repeating DSN 150-250 overlaps 2 frames of each of the others
        assertThat(s.onSegment(2, D + 150, 100, frame, 9000)).isEqualTo(4);
        assertThat(s.hitFirstSubflow()).isEqualTo(1);
    }
}
