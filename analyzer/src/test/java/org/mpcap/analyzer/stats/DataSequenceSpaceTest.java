package org.mpcap.analyzer.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataSequenceSpaceTest {
    private static final long MS = 1_000_000L;
    private static final long IDSN = 0x1234_5678_9abc_def0L;

    @Test
    void fourByteValueExpandsToTheNearestAboveTheLastValue() {
        assertThat(DataSequenceSpace.expand32(0x1_0000_0100L, 0x200)).isEqualTo(0x1_0000_0200L);
    }

    @Test
    void fourByteValueWrapsForwardPastTheLow32Bits() {
        assertThat(DataSequenceSpace.expand32(0x1_ffff_fff0L, 0x10)).isEqualTo(0x2_0000_0010L);
    }

    @Test
    void fourByteValueSlightlyBelowTheLastValueExpandsBackwards() {
        assertThat(DataSequenceSpace.expand32(0x2_0000_0010L, 0xffff_fff0L)).isEqualTo(0x1_ffff_fff0L);
    }

    @Test
    void fourByteMappingsAcrossA32BitWrapStayContiguous() {
        DataSequenceSpace sp = new DataSequenceSpace();
        long start = 0x7_ffff_f000L;
        sp.onMapping(0, start, true, 0x800, false, 0);
        long next = (start + 0x800) & 0xffff_ffffL;
        assertThat(sp.onMapping(0, next, false, 0x800, false, 1)).isEqualTo(0x800);
        long wrapped = (start + 0x1000) & 0xffff_ffffL; // == 0: low 32 bits wrapped
        assertThat(wrapped).isZero();
        assertThat(sp.onMapping(0, wrapped, false, 0x1000, false, 2)).isEqualTo(0x1000);
        sp.onDataAck((start + 0x2000) & 0xffff_ffffL, false, 3);
        assertThat(sp.dataBytes()).isEqualTo(0x2000);
        assertThat(sp.reinjectionCount()).isZero();
    }

    @Test
    void fourByteDataAckBeforeTheFirstEightByteMappingIsRebased() {
        DataSequenceSpace sp = new DataSequenceSpace();
        long idsn = 0x6d45_1a2b_fffe_ff00L; // low 32 bits near the wrap
        sp.onDataAck((idsn + 1) & 0xffff_ffffL, false, 0); // peer's 4-byte data ACK: nothing sent yet
        sp.onMapping(0, idsn + 1, true, 0x200, false, 1);
        sp.onMapping(0, idsn + 0x201, true, 0x200, false, 2); // crosses the low-32-bit wrap
        sp.onDataAck((idsn + 0x401) & 0xffff_ffffL, false, 3);
        assertThat(sp.dataBytes()).isEqualTo(0x400);
        assertThat(sp.absolute(0)).isEqualTo(idsn + 1);
    }

    @Test
    void sameMappingRepeatedOnOneSubflowIsCountedOnce() {
        DataSequenceSpace sp = new DataSequenceSpace();
        assertThat(sp.onMapping(0, IDSN + 1, true, 1000, false, 0)).isEqualTo(1000);
        assertThat(sp.onMapping(0, IDSN + 1, true, 1000, false, MS)).isZero();
        assertThat(sp.uniqueBytes(0)).isEqualTo(1000);
        assertThat(sp.reinjectionCount()).isZero();
    }

    @Test
    void retransmissionOnTheSameSubflowIsNotAReinjection() {
        DataSequenceSpace sp = new DataSequenceSpace();
        sp.onMapping(0, IDSN + 1, true, 1000, false, 0);
        sp.onMapping(0, IDSN + 1001, true, 1000, false, MS);
        sp.onMapping(0, IDSN + 1, true, 1000, false, 200 * MS);
        assertThat(sp.reinjectionCount()).isZero();
        assertThat(sp.uniqueBytes(0)).isEqualTo(2000);
    }

    @Test
    void rangeSentAgainOnAnotherSubflowIsAReinjectionWithItsDelay() {
        DataSequenceSpace sp = new DataSequenceSpace();
        sp.onMapping(0, IDSN + 1, true, 1000, false, 10 * MS);
        sp.onMapping(1, IDSN + 1001, true, 1000, false, 11 * MS);
        sp.onMapping(1, IDSN + 1, true, 1000, false, 250 * MS);
        assertThat(sp.reinjectionCount()).isEqualTo(1);
        assertThat(sp.reinjectionStart(0)).isZero();
        assertThat(sp.reinjectionEnd(0)).isEqualTo(1000);
        assertThat(sp.reinjectionFirstSubflow(0)).isZero();
        assertThat(sp.reinjectionSubflow(0)).isEqualTo(1);
        assertThat(sp.reinjectionNanos(0)).isEqualTo(250 * MS);
        assertThat(sp.reinjectionDelayNanos(0)).isEqualTo(240 * MS);
        assertThat(sp.reinjectedBytes(1)).isEqualTo(1000);
        assertThat(sp.uniqueBytes(0)).isEqualTo(1000);
        assertThat(sp.uniqueBytes(1)).isEqualTo(1000);
    }

    @Test
    void reinjectionRepeatedOnTheSameSubflowIsReportedOnce() {
        DataSequenceSpace sp = new DataSequenceSpace();
        sp.onMapping(0, IDSN + 1, true, 1000, false, 0);
        sp.onMapping(1, IDSN + 1, true, 1000, false, 5 * MS);
        sp.onMapping(1, IDSN + 1001, true, 10, false, 6 * MS);
        sp.onMapping(1, IDSN + 1, true, 1000, false, 9 * MS); // TCP retransmission of the reinjection
        assertThat(sp.reinjectionCount()).isEqualTo(1);
        assertThat(sp.reinjectedBytes(1)).isEqualTo(1000);
    }

    @Test
    void partialOverlapReinjectsOnlyTheOverlapAndCountsTheRestAsNew() {
        DataSequenceSpace sp = new DataSequenceSpace();
        sp.onMapping(0, IDSN + 1, true, 1000, false, 0);
        sp.onMapping(0, IDSN + 1001, true, 1000, false, MS);
        // subflow 1 resends [500, 2500): 500..2000 were sent on subflow 0 at two different times
        long fresh = sp.onMapping(1, IDSN + 501, true, 2000, false, 100 * MS);
        assertThat(fresh).isEqualTo(500);
        assertThat(sp.reinjectionCount()).isEqualTo(1); // contiguous pieces from one subflow: one record
        assertThat(sp.reinjectionStart(0)).isEqualTo(500);
        assertThat(sp.reinjectionEnd(0)).isEqualTo(2000);
        assertThat(sp.reinjectionDelayNanos(0)).isEqualTo(100 * MS); // from the earliest first sending
        // the other half of the first range can still be reinjected later, once
        sp.onMapping(1, IDSN + 1, true, 500, false, 120 * MS);
        assertThat(sp.reinjectionCount()).isEqualTo(2);
        assertThat(sp.reinjectionStart(1)).isZero();
        assertThat(sp.reinjectionEnd(1)).isEqualTo(500);
        assertThat(sp.reinjectedBytes(1)).isEqualTo(2000);
    }

    @Test
    void outOfOrderButDisjointMappingsAreNotReinjections() {
        DataSequenceSpace sp = new DataSequenceSpace();
        sp.onMapping(0, IDSN + 1, true, 1000, false, 0);
        sp.onMapping(1, IDSN + 2001, true, 1000, false, 1);
        sp.onMapping(0, IDSN + 1001, true, 1000, false, 2);
        assertThat(sp.reinjectionCount()).isZero();
        assertThat(sp.uniqueBytes(0)).isEqualTo(2000);
        assertThat(sp.uniqueBytes(1)).isEqualTo(1000);
    }

    @Test
    void dataBelowTheDataAckIsForgotten() {
        DataSequenceSpace sp = new DataSequenceSpace();
        for (int k = 0; k < 100; k++) sp.onMapping(k % 2, IDSN + 1 + 1000L * k, true, 1000, false, k);
        assertThat(sp.heldRanges()).isEqualTo(100);
        sp.onDataAck(IDSN + 1 + 50_000, true, 200);
        assertThat(sp.heldRanges()).isEqualTo(50);
        sp.onMapping(1, IDSN + 1, true, 1000, false, 300); // late copy of acknowledged data: ignored
        assertThat(sp.reinjectionCount()).isZero();
    }

    @Test
    void memoryIsBoundedByCapacity() {
        DataSequenceSpace sp = new DataSequenceSpace(64);
        for (int k = 0; k < 10_000; k++) sp.onMapping(k % 3, IDSN + 1 + 100L * k, true, 100, false, k);
        assertThat(sp.heldRanges()).isEqualTo(64);
        assertThat(sp.uniqueBytes(0) + sp.uniqueBytes(1) + sp.uniqueBytes(2)).isEqualTo(1_000_000);
        // reinjection of recent data is still seen
        sp.onMapping(1, IDSN + 1 + 100L * 9_999, true, 100, false, 20_000); // first sent on subflow 0
        assertThat(sp.reinjectionCount()).isEqualTo(1);
        assertThat(sp.reinjectionFirstSubflow(0)).isEqualTo(9_999 % 3);
    }

    @Test
    void ringGrowsAndKeepsOutOfOrderRangesSorted() {
        DataSequenceSpace sp = new DataSequenceSpace(1024);
        for (int i = 0; i < 300; i++) {
            long k = i * 7L % 300; // a permutation of 0..299: inserts land in the middle, across ring growths
            assertThat(sp.onMapping(0, IDSN + 1 + 100 * k, true, 100, false, i)).isEqualTo(100);
        }
        assertThat(sp.heldRanges()).isEqualTo(300);
        assertThat(sp.onMapping(1, IDSN + 1, true, 30_000, false, 1000)).isZero();
        assertThat(sp.reinjectedBytes(1)).isEqualTo(30_000);
        assertThat(sp.reinjectionCount()).isEqualTo(1); // contiguous pieces first sent on one subflow
        assertThat(sp.reinjectionStart(0)).isZero();
        assertThat(sp.reinjectionEnd(0)).isEqualTo(30_000);
        assertThat(sp.reinjectionDelayNanos(0)).isEqualTo(1000); // from the earliest piece, sent at 0
    }

    @Test
    void reinjectionInAFullRingKeepsCounting() {
        DataSequenceSpace sp = new DataSequenceSpace(8);
        for (int k = 0; k < 8; k++) sp.onMapping(0, IDSN + 1 + 100L * k, true, 100, false, k);
        // resend the middle of every range on subflow 1: forces splits in a full ring
        long fresh = sp.onMapping(1, IDSN + 51, true, 700, false, 100);
        assertThat(fresh).isZero();
        assertThat(sp.heldRanges()).isLessThanOrEqualTo(8);
        assertThat(sp.reinjectedBytes(1)).isPositive().isLessThanOrEqualTo(700);
    }

    @Test
    void dataFinTakesTheLastDsnOfItsMappingButIsNotData() {
        DataSequenceSpace sp = new DataSequenceSpace();
        sp.onMapping(0, IDSN + 1, true, 1000, false, 0);
        sp.onMapping(0, IDSN + 1001, true, 1, true, 5 * MS); // DATA_FIN alone (Linux: length 1)
        assertThat(sp.hasDataFin()).isTrue();
        assertThat(sp.dataFinNanos()).isEqualTo(5 * MS);
        sp.onDataAck(IDSN + 1001, true, 6 * MS); // all data, not the DATA_FIN
        assertThat(sp.dataFinAckedNanos()).isEqualTo(-1);
        sp.onDataAck(IDSN + 1002, true, 7 * MS);
        assertThat(sp.dataFinAckedNanos()).isEqualTo(7 * MS);
        assertThat(sp.dataBytes()).isEqualTo(1000);
    }

    @Test
    void onlyTheLastOfSeveralDataFinsCounts() {
        DataSequenceSpace sp = new DataSequenceSpace();
        sp.onMapping(0, IDSN + 1, true, 2000, false, 0);
        sp.onMapping(0, IDSN + 2001, true, 1, true, 5 * MS); // DATA_FIN after 2000 bytes
        sp.onMapping(0, IDSN + 1001, true, 1, true, 6 * MS); // then another one after 1000 (RFC 8684 §3.3.3)
        assertThat(sp.dataFinNanos()).isEqualTo(6 * MS);
        assertThat(sp.dataFinsMoved()).isEqualTo(1);
        sp.onDataAck(IDSN + 1002, true, 7 * MS); // covers the last DATA_FIN, not the first
        assertThat(sp.dataFinAckedNanos()).isEqualTo(7 * MS);
        assertThat(sp.dataBytes()).isEqualTo(1000);
        sp.onMapping(1, IDSN + 1001, true, 1, true, 8 * MS); // the same DATA_FIN again on another subflow
        assertThat(sp.dataFinsMoved()).isEqualTo(1);
        assertThat(sp.dataFinNanos()).isEqualTo(6 * MS);
    }

    @Test
    void dataFinOnTheLastDataMappingEndsTheData() {
        DataSequenceSpace sp = new DataSequenceSpace();
        long fresh = sp.onMapping(0, IDSN + 1, true, 501, true, 0); // 500 data bytes + DATA_FIN
        assertThat(fresh).isEqualTo(500);
        sp.onDataAck(IDSN + 502, true, MS);
        assertThat(sp.dataFinAckedNanos()).isEqualTo(MS);
        assertThat(sp.dataBytes()).isEqualTo(500);
    }

    @Test
    void withoutDataAcksTheMappedSpanIsTheData() {
        DataSequenceSpace sp = new DataSequenceSpace();
        sp.onMapping(0, IDSN + 1, true, 1000, false, 0);
        sp.onMapping(1, IDSN + 3001, true, 1000, false, 0); // a gap: data not captured
        assertThat(sp.hasAck()).isFalse();
        assertThat(sp.dataBytes()).isEqualTo(4000);
    }

    @Test
    void infiniteMappingIsIgnored() {
        DataSequenceSpace sp = new DataSequenceSpace();
        assertThat(sp.onMapping(0, IDSN + 1, true, 0, false, 0)).isZero();
        assertThat(sp.hasData()).isFalse();
    }
}
