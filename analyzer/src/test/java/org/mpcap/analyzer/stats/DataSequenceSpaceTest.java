package org.mpcap.analyzer.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One data-level direction fed with the 64-bit DSNs and data ACKs the MPTCP tracker publishes. */
class DataSequenceSpaceTest {
    private static final long MS = 1_000_000L;
    private static final long IDSN = 0x1234_5678_9abc_def0L;

    @Test
    void mappingsAcrossThe64BitWrapStayContiguous() {
        DataSequenceSpace sp = new DataSequenceSpace();
        long start = -0x800L; // 0xffff_ffff_ffff_f800: the unsigned space wraps after 0x800 bytes
        assertThat(sp.onMapping(0, start, 0x800, false, 0)).isEqualTo(0x800);
        assertThat(sp.onMapping(0, start + 0x800, 0x1000, false, 1)).isEqualTo(0x1000);
        sp.onDataAck(start + 0x1800, 2);
        assertThat(sp.dataBytes()).isEqualTo(0x1800);
        assertThat(sp.absolute(0)).isEqualTo(start);
    }

    @Test
    void dataAckBeforeTheFirstMappingStartsTheSpace() {
        DataSequenceSpace sp = new DataSequenceSpace();
        sp.onDataAck(IDSN + 1, 0); // the peer's data ACK: nothing sent yet
        sp.onMapping(0, IDSN + 1, 0x200, false, 1);
        sp.onMapping(0, IDSN + 0x201, 0x200, false, 2);
        sp.onDataAck(IDSN + 0x401, 3);
        assertThat(sp.dataBytes()).isEqualTo(0x400);
        assertThat(sp.absolute(0)).isEqualTo(IDSN + 1);
    }

    @Test
    void sameMappingRepeatedOnOneSubflowIsCountedOnce() {
        DataSequenceSpace sp = new DataSequenceSpace();
        assertThat(sp.onMapping(0, IDSN + 1, 1000, false, 0)).isEqualTo(1000);
        assertThat(sp.onMapping(0, IDSN + 1, 1000, false, MS)).isZero();
        assertThat(sp.uniqueBytes(0)).isEqualTo(1000);
    }

    @Test
    void dataSentAgainIsNotNewData() {
        DataSequenceSpace sp = new DataSequenceSpace();
        sp.onMapping(0, IDSN + 1, 1000, false, 0);
        sp.onMapping(0, IDSN + 1001, 1000, false, MS);
        assertThat(sp.onMapping(0, IDSN + 1, 1000, false, 200 * MS)).isZero(); // same subflow
        assertThat(sp.onMapping(1, IDSN + 1, 1000, false, 250 * MS)).isZero(); // another subflow
        assertThat(sp.uniqueBytes(0)).isEqualTo(2000);
        assertThat(sp.uniqueBytes(1)).isZero();
    }

    @Test
    void partialOverlapCountsOnlyTheRestAsNew() {
        DataSequenceSpace sp = new DataSequenceSpace();
        sp.onMapping(0, IDSN + 1, 1000, false, 0);
        sp.onMapping(0, IDSN + 1001, 1000, false, MS);
        // subflow 1 sends [500, 2500): 500..2000 were mapped on subflow 0
        assertThat(sp.onMapping(1, IDSN + 501, 2000, false, 100 * MS)).isEqualTo(500);
        assertThat(sp.uniqueBytes(1)).isEqualTo(500);
    }

    @Test
    void gapsBetweenMappedRangesAreNewData() {
        DataSequenceSpace sp = new DataSequenceSpace();
        sp.onMapping(0, IDSN + 1, 1000, false, 0);
        sp.onMapping(0, IDSN + 2001, 1000, false, 1);
        // [0, 4000) covers a gap [1000, 2000) and a tail [3000, 4000)
        assertThat(sp.onMapping(1, IDSN + 1, 4000, false, 2)).isEqualTo(2000);
        assertThat(sp.heldRanges()).isEqualTo(4);
    }

    @Test
    void outOfOrderButDisjointMappingsAreAllNew() {
        DataSequenceSpace sp = new DataSequenceSpace();
        sp.onMapping(0, IDSN + 1, 1000, false, 0);
        sp.onMapping(1, IDSN + 2001, 1000, false, 1);
        sp.onMapping(0, IDSN + 1001, 1000, false, 2);
        assertThat(sp.uniqueBytes(0)).isEqualTo(2000);
        assertThat(sp.uniqueBytes(1)).isEqualTo(1000);
    }

    @Test
    void dataBelowTheDataAckIsForgotten() {
        DataSequenceSpace sp = new DataSequenceSpace();
        for (int k = 0; k < 100; k++) sp.onMapping(k % 2, IDSN + 1 + 1000L * k, 1000, false, k);
        assertThat(sp.heldRanges()).isEqualTo(100);
        sp.onDataAck(IDSN + 1 + 50_000, 200);
        assertThat(sp.heldRanges()).isEqualTo(50);
        assertThat(sp.onMapping(1, IDSN + 1, 1000, false, 300)).isZero(); // late copy of acknowledged data
    }

    @Test
    void memoryIsBoundedByCapacity() {
        DataSequenceSpace sp = new DataSequenceSpace(64);
        for (int k = 0; k < 10_000; k++) sp.onMapping(k % 3, IDSN + 1 + 100L * k, 100, false, k);
        assertThat(sp.heldRanges()).isEqualTo(64);
        assertThat(sp.uniqueBytes(0) + sp.uniqueBytes(1) + sp.uniqueBytes(2)).isEqualTo(1_000_000);
        assertThat(sp.onMapping(1, IDSN + 1 + 100L * 9_999, 100, false, 20_000)).isZero(); // recent data: known
    }

    @Test
    void ringGrowsAndKeepsOutOfOrderRangesSorted() {
        DataSequenceSpace sp = new DataSequenceSpace(1024);
        for (int i = 0; i < 300; i++) {
            long k = i * 7L % 300; // a permutation of 0..299: inserts land in the middle, across ring growths
            assertThat(sp.onMapping(0, IDSN + 1 + 100 * k, 100, false, i)).isEqualTo(100);
        }
        assertThat(sp.heldRanges()).isEqualTo(300);
        assertThat(sp.onMapping(1, IDSN + 1, 30_000, false, 1000)).isZero();
        assertThat(sp.onMapping(1, IDSN + 1, 30_100, false, 1001)).isEqualTo(100);
    }

    @Test
    void overlapInAFullRingKeepsCounting() {
        DataSequenceSpace sp = new DataSequenceSpace(8);
        for (int k = 0; k < 8; k++) sp.onMapping(0, IDSN + 1 + 100L * k, 100, false, k);
        assertThat(sp.onMapping(1, IDSN + 51, 700, false, 100)).isZero();
        assertThat(sp.onMapping(1, IDSN + 751, 100, false, 101)).isEqualTo(50);
        assertThat(sp.heldRanges()).isLessThanOrEqualTo(8);
    }

    @Test
    void dataFinTakesTheLastDsnOfItsMappingButIsNotData() {
        DataSequenceSpace sp = new DataSequenceSpace();
        sp.onMapping(0, IDSN + 1, 1000, false, 0);
        sp.onMapping(0, IDSN + 1001, 1, true, 5 * MS); // DATA_FIN alone (Linux: length 1)
        assertThat(sp.hasDataFin()).isTrue();
        assertThat(sp.dataFinNanos()).isEqualTo(5 * MS);
        sp.onDataAck(IDSN + 1001, 6 * MS); // all data, not the DATA_FIN
        assertThat(sp.dataFinAckedNanos()).isEqualTo(-1);
        sp.onDataAck(IDSN + 1002, 7 * MS);
        assertThat(sp.dataFinAckedNanos()).isEqualTo(7 * MS);
        assertThat(sp.dataBytes()).isEqualTo(1000);
    }

    @Test
    void onlyTheLastOfSeveralDataFinsCounts() {
        DataSequenceSpace sp = new DataSequenceSpace();
        sp.onMapping(0, IDSN + 1, 2000, false, 0);
        sp.onMapping(0, IDSN + 2001, 1, true, 5 * MS); // DATA_FIN after 2000 bytes
        sp.onMapping(0, IDSN + 1001, 1, true, 6 * MS); // then another one after 1000 (RFC 8684 §3.3.3)
        assertThat(sp.dataFinNanos()).isEqualTo(6 * MS);
        assertThat(sp.dataFinsMoved()).isEqualTo(1);
        sp.onDataAck(IDSN + 1002, 7 * MS); // covers the last DATA_FIN, not the first
        assertThat(sp.dataFinAckedNanos()).isEqualTo(7 * MS);
        assertThat(sp.dataBytes()).isEqualTo(1000);
        sp.onMapping(1, IDSN + 1001, 1, true, 8 * MS); // the same DATA_FIN again on another subflow
        assertThat(sp.dataFinsMoved()).isEqualTo(1);
        assertThat(sp.dataFinNanos()).isEqualTo(6 * MS);
    }

    @Test
    void dataFinOnTheLastDataMappingEndsTheData() {
        DataSequenceSpace sp = new DataSequenceSpace();
        assertThat(sp.onMapping(0, IDSN + 1, 501, true, 0)).isEqualTo(500); // 500 data bytes + DATA_FIN
        sp.onDataAck(IDSN + 502, MS);
        assertThat(sp.dataFinAckedNanos()).isEqualTo(MS);
        assertThat(sp.dataBytes()).isEqualTo(500);
    }

    @Test
    void withoutDataAcksTheMappedSpanIsTheData() {
        DataSequenceSpace sp = new DataSequenceSpace();
        sp.onMapping(0, IDSN + 1, 1000, false, 0);
        sp.onMapping(1, IDSN + 3001, 1000, false, 0); // a gap: data not captured
        assertThat(sp.hasAck()).isFalse();
        assertThat(sp.dataBytes()).isEqualTo(4000);
    }

    @Test
    void dataBelowAFailedDsnIsCountedUpToIt() {
        DataSequenceSpace sp = new DataSequenceSpace();
        sp.onMapping(0, IDSN + 1, 1500, false, 0);
        sp.onDataAck(IDSN + 1501, 1);
        assertThat(sp.dataBytesBelow(IDSN + 1001)).isEqualTo(1000);
    }

    @Test
    void infiniteMappingIsIgnored() {
        DataSequenceSpace sp = new DataSequenceSpace();
        assertThat(sp.onMapping(0, IDSN + 1, 0, false, 0)).isZero();
        assertThat(sp.hasData()).isFalse();
    }
}
