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

    /** Client sends a mapping (64-bit DSN, as the tracker publishes it) on a subflow; subflow k uses tcp stream 10 + k. */
    void map(int subflow, long dsn, int len, int tcpSeq, int payload, long t) {
        est.onMapping(C2S, subflow, 10 + subflow, dsn, len, tcpSeq, payload, t);
    }

    void dataAck(long ack, long t) {
        est.onDataAck(S2C, ack, t, 99, out);
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
    void mappingOfAlreadyAcknowledgedDataIsIgnored() {
        map(0, IDSN + 1, 1000, 500, 1000, 10 * MS);
        dataAck(IDSN + 1001, 20 * MS);
        map(1, IDSN + 1, 1000, 7000, 1000, 30 * MS);
        assertThat(est.outstanding(C2S)).isZero();
    }

    @Test
    void dataAcksOfTheClientAcknowledgeTheServerSpace() {
        est.onMapping(S2C, 0, 10, IDSN + 1, 100, 1, 100, 10 * MS);
        est.onDataAck(C2S, IDSN + 101, 15 * MS, 3, out);
        assertThat(out.only().direction()).isEqualTo(S2C);
    }

    @Test
    void knownIdsnIsTheRelativeBase() {
        long idsn = 0x0000_0002_FFFF_FFF0L;
        est.setIdsn(C2S, idsn);
        est.onMapping(C2S, 0, 10, idsn + 0x100, 0x100, 1, 0x100, 10 * MS);
        est.onDataAck(S2C, idsn + 0x200, 20 * MS, 5, out);
        assertThat(out.only().seq()).isEqualTo(0x100);
        assertThat(out.only().rtt()).isEqualTo(10 * MS);
    }

    @Test
    void withoutIdsnTheFirstDsnSeenIsRelativeOne() {
        map(0, IDSN + 5001, 100, 1, 100, 10 * MS);
        dataAck(IDSN + 5101, 12 * MS);
        assertThat(out.only().seq()).isEqualTo(1);
    }

    @Test
    void ringOfASpaceWhoseDataFinWasMappedIsLetGoOnceAcknowledged() {
        map(0, IDSN + 1, 1000, 500, 1000, 10 * MS);
        dataAck(IDSN + 1001, 20 * MS);
        assertThat(est.capacity(C2S)).as("more data may follow").isPositive();
        map(0, IDSN + 1001, 1, 1500, 0, 30 * MS); // the DATA_FIN
        est.dataFin(C2S);
        dataAck(IDSN + 1002, 35 * MS);
        assertThat(out.last().rtt()).isEqualTo(5 * MS);
        assertThat(est.capacity(C2S)).isZero();
    }
}
