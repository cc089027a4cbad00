package org.mpcap.analyzer.stats.rtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.stats.rtt.RttSink.C2S;
import static org.mpcap.analyzer.stats.rtt.RttSink.S2C;

import org.junit.jupiter.api.Test;

class DataRttEstimatorTest {
    static final long MS = 1_000_000L;
    static final long IDSN = 0x7fff_0000_1234_0000L;

    final DataRttEstimator est = new DataRttEstimator();
    final Samples out = new Samples();

    /** Client sends a mapping (8-byte DSN) on a subflow; subflow k uses tcp stream 10 + k. */
    void map(int subflow, long dsn, int len, int tcpSeq, int payload, long t) {
        est.onMapping(C2S, subflow, 10 + subflow, dsn, true, len, tcpSeq, payload, t);
    }

    void dataAck(long ack, long t) {
        est.onDataAck(S2C, ack, true, t, 99, out);
    }

    @Test
    void dataAckCoveringTheMappingGivesSampleOnItsSubflow() {
        map(1, IDSN + 1, 1000, 500, 1000, 10 * MS);
        dataAck(IDSN + 1001, 25 * MS);
        Samples.Sample s = out.only();
        assertThat(s.direction()).isEqualTo(C2S);
        assertThat(s.subflow()).isEqualTo(1);
        assertThat(s.tcpStream()).isEqualTo(11);
        assertThat(s.rtt()).isEqualTo(15 * MS);
        assertThat(s.seq()).isEqualTo(1);
    }

    @Test
    void partialDataAckGivesNoSample() {
        map(0, IDSN + 1, 1000, 500, 1000, 10 * MS);
        dataAck(IDSN + 501, 25 * MS);
        assertThat(out.list).isEmpty();
        assertThat(est.outstanding(C2S)).isEqualTo(1);
    }

    @Test
    void cumulativeDataAckCompletesEveryCoveredMapping() {
        map(0, IDSN + 1, 1000, 500, 1000, 10 * MS);
        map(1, IDSN + 1001, 1000, 7000, 1000, 11 * MS);
        dataAck(IDSN + 2001, 30 * MS);
        assertThat(out.list).hasSize(2);
        assertThat(out.list.get(0).subflow()).isZero();
        assertThat(out.list.get(0).rtt()).isEqualTo(20 * MS);
        assertThat(out.list.get(1).subflow()).isEqualTo(1);
        assertThat(out.list.get(1).seq()).isEqualTo(1001);
        assertThat(est.outstanding(C2S)).isZero();
    }

    @Test
    void mappingRepeatedOnFollowingSegmentsIsMeasuredFromItsLastSegment() {
        map(0, IDSN + 1, 2000, 500, 1000, 10 * MS);
        map(0, IDSN + 1, 2000, 1500, 1000, 14 * MS);
        dataAck(IDSN + 2001, 30 * MS);
        assertThat(out.only().rtt()).isEqualTo(16 * MS);
    }

    @Test
    void mappingReinjectedOnAnotherSubflowGivesNoSample() {
        map(0, IDSN + 1, 1000, 500, 1000, 10 * MS);
        map(1, IDSN + 1, 1000, 7000, 1000, 200 * MS);
        dataAck(IDSN + 1001, 210 * MS);
        assertThat(out.list).isEmpty();
        assertThat(est.outstanding(C2S)).isZero();
    }

    @Test
    void repacketisedReinjectionMakesBothAmbiguous() {
        map(0, IDSN + 1, 1000, 500, 1000, 10 * MS);
        map(1, IDSN + 501, 1000, 7000, 1000, 200 * MS);
        dataAck(IDSN + 1501, 210 * MS);
        assertThat(out.list).isEmpty();
    }

    @Test
    void tcpRetransmissionOfTheMappingGivesNoSample() {
        map(0, IDSN + 1, 1000, 500, 1000, 10 * MS);
        map(0, IDSN + 1, 1000, 500, 1000, 210 * MS);
        dataAck(IDSN + 1001, 220 * MS);
        assertThat(out.list).isEmpty();
    }

    @Test
    void mappingsCapturedOutOfOrderAcrossSubflowsStillGiveSamples() {
        map(1, IDSN + 1001, 1000, 7000, 1000, 10 * MS);
        map(0, IDSN + 1, 1000, 500, 1000, 11 * MS);
        dataAck(IDSN + 1001, 20 * MS);
        assertThat(out.only().subflow()).isZero();
        dataAck(IDSN + 2001, 30 * MS);
        assertThat(out.last().subflow()).isEqualTo(1);
        assertThat(out.last().rtt()).isEqualTo(20 * MS);
    }

    @Test
    void dataFinCountsInTheDataLevelLength() {
        map(0, IDSN + 1, 101, 500, 100, 10 * MS); // 100 bytes + DATA_FIN
        dataAck(IDSN + 101, 20 * MS);
        assertThat(out.list).isEmpty();
        dataAck(IDSN + 102, 21 * MS);
        assertThat(out.only().rtt()).isEqualTo(11 * MS);
    }

    @Test
    void infiniteMappingIsIgnored() {
        map(0, IDSN + 1, 0, 500, 1000, 10 * MS);
        assertThat(est.outstanding(C2S)).isZero();
    }

    @Test
    void fourByteDataAckIsExpandedAgainstTheLast64BitValue() {
        long dsn = 0x0000_0001_FFFF_FF00L;
        map(0, dsn, 0x200, 500, 0x200, 10 * MS); // ends at 0x2_0000_0100
        est.onDataAck(S2C, 0x0000_0100L, false, 20 * MS, 7, out); // low 32 bits only, wrapped
        assertThat(out.only().rtt()).isEqualTo(10 * MS);
        assertThat(out.only().frame()).isEqualTo(7);
    }

    @Test
    void fourByteDsnIsExpandedAgainstTheLast64BitValue() {
        map(0, 0x0000_0005_FFFF_F000L, 0x100, 500, 0x100, 10 * MS);
        est.onMapping(C2S, 0, 10, 0xFFFF_F100L, false, 0x100, 756, 0x100, 11 * MS);
        est.onMapping(C2S, 0, 10, 0x0000_0000L, false, 0x100, 1012, 0x100, 12 * MS); // wrapped low bits
        dataAck(0x0000_0006_0000_0100L, 20 * MS);
        assertThat(out.list).hasSize(3); // the wrapped mapping expanded to 0x6_0000_0000, inside the ACK
        assertThat(out.list.get(1).seq()).isEqualTo(0x101);
        assertThat(out.list.get(2).seq()).isEqualTo(0x6_0000_0000L - 0x5_FFFF_F000L + 1);
        assertThat(out.list.get(2).rtt()).isEqualTo(8 * MS);
    }

    @Test
    void fourByteOnlyValuesAreRebasedWhenAn8ByteValueAppears() {
        est.onMapping(C2S, 0, 10, 0xFFFF_FF00L, false, 0x200, 500, 0x200, 10 * MS); // high bits unknown
        est.onDataAck(S2C, 0x0000_0003_0000_0101L, true, 20 * MS, 7, out); // true high bits: 3
        Samples.Sample s = out.only();
        assertThat(s.rtt()).isEqualTo(10 * MS);
        assertThat(s.seq()).isEqualTo(1);
    }

    @Test
    void mappingOfAlreadyAcknowledgedDataIsIgnored() {
        map(0, IDSN + 1, 1000, 500, 1000, 10 * MS);
        dataAck(IDSN + 1001, 20 * MS);
        map(1, IDSN + 1, 1000, 7000, 1000, 30 * MS);
        assertThat(est.outstanding(C2S)).isZero();
    }

    @Test
    void dataAcksOfTheClientAcknowledgeTheServerSpace() {
        est.onMapping(S2C, 0, 10, IDSN + 1, true, 100, 1, 100, 10 * MS);
        est.onDataAck(C2S, IDSN + 101, true, 15 * MS, 3, out);
        assertThat(out.only().direction()).isEqualTo(S2C);
    }

    @Test
    void reversedSubflowIsRecognisedByItsDsnSpace() {
        long serverIdsn = 0x1234_5678_9abc_def0L;
        map(0, IDSN + 1, 100, 1, 100, 10 * MS); // client space known
        est.onDataAck(C2S, serverIdsn + 1, true, 11 * MS, 2, out); // client acks the server space: known
        // a subflow whose SYN sender is the server: its "client → server" mappings are in the server space
        assertThat(est.reversal(C2S, serverIdsn + 1, true)).isEqualTo(1);
        assertThat(est.reversal(C2S, IDSN + 101, true)).isZero();
        assertThat(est.reversal(C2S, (serverIdsn + 1) & 0xffff_ffffL, false)).isEqualTo(1);
    }

    @Test
    void withOneSpaceKnownAn8ByteValueFarFromItBelongsToTheOther() {
        map(0, IDSN + 1, 100, 1, 100, 10 * MS);
        assertThat(est.reversal(C2S, IDSN + 5000, true)).isZero();
        assertThat(est.reversal(C2S, 0x1234_5678_9abc_def0L, true)).isEqualTo(1);
        assertThat(est.reversal(S2C, 0x1234_5678_9abc_def0L, true)).isZero();
    }

    @Test
    void reversalIsUnknownBeforeAnyValue() {
        assertThat(est.reversal(C2S, IDSN + 1, true)).isEqualTo(-1);
    }

    @Test
    void knownIdsnIsTheRelativeBaseAndTheReferenceFor4ByteValues() {
        long idsn = 0x0000_0002_FFFF_FFF0L;
        est.setIdsn(C2S, idsn);
        est.onMapping(C2S, 0, 10, (idsn + 0x100) & 0xffff_ffffL, false, 0x100, 1, 0x100, 10 * MS); // wrapped
        est.onDataAck(S2C, idsn + 0x200, true, 20 * MS, 5, out);
        assertThat(out.only().seq()).isEqualTo(0x100);
        assertThat(out.only().rtt()).isEqualTo(10 * MS);
    }
}
