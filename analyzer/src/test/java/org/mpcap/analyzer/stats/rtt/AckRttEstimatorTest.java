package org.mpcap.analyzer.stats.rtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.stats.rtt.RttSink.C2S;
import static org.mpcap.analyzer.stats.rtt.RttSink.S2C;

import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.decode.TcpView;

class AckRttEstimatorTest {
    static final int SYN = TcpView.SYN, ACK = TcpView.ACK, FIN = TcpView.FIN, RST = TcpView.RST, PSH = TcpView.PSH;
    static final int CISN = 1000, SISN = 5000;
    static final long MS = 1_000_000L;

    final AckRttEstimator est = new AckRttEstimator();
    final Samples out = new Samples();
    long frame;

    void c(int seq, int ack, int len, int flags, long t) {
        est.onSegment(C2S, seq, ack, len, flags, t, ++frame, out);
    }

    void s(int seq, int ack, int len, int flags, long t) {
        est.onSegment(S2C, seq, ack, len, flags, t, ++frame, out);
    }

    /** Handshake at t = 0, 10, 20 ms; data starts at CISN + 1 / SISN + 1. */
    void handshake() {
        c(CISN, 0, 0, SYN, 0);
        s(SISN, CISN + 1, 0, SYN | ACK, 10 * MS);
        c(CISN + 1, SISN + 1, 0, ACK, 20 * MS);
        out.list.clear();
    }

    @Test
    void synCountsOneByteAndIsAcknowledgedBySynAck() {
        c(CISN, 0, 0, SYN, 0);
        s(SISN, CISN + 1, 0, SYN | ACK, 10 * MS);
        Samples.Sample sample = out.only();
        assertThat(sample.direction()).isEqualTo(C2S);
        assertThat(sample.rtt()).isEqualTo(10 * MS);
        assertThat(sample.seq()).isZero();
        assertThat(sample.frame()).isEqualTo(2);
    }

    @Test
    void thirdAckAcknowledgesSynAck() {
        c(CISN, 0, 0, SYN, 0);
        s(SISN, CISN + 1, 0, SYN | ACK, 10 * MS);
        c(CISN + 1, SISN + 1, 0, ACK, 25 * MS);
        assertThat(out.last().direction()).isEqualTo(S2C);
        assertThat(out.last().rtt()).isEqualTo(15 * MS);
    }

    @Test
    void ackEqualToSegmentEndGivesSampleWithRelativeSeq() {
        handshake();
        c(CISN + 1, SISN + 1, 100, ACK | PSH, 30 * MS);
        s(SISN + 1, CISN + 101, 0, ACK, 42 * MS);
        Samples.Sample sample = out.only();
        assertThat(sample.rtt()).isEqualTo(12 * MS);
        assertThat(sample.seq()).isEqualTo(1);
        assertThat(sample.time()).isEqualTo(42 * MS);
        assertThat(est.outstanding(C2S)).isZero();
    }

    @Test
    void partialAckGivesNoSampleAndKeepsSegment() {
        handshake();
        c(CISN + 1, SISN + 1, 1000, ACK, 30 * MS);
        s(SISN + 1, CISN + 501, 0, ACK, 40 * MS);
        assertThat(out.list).isEmpty();
        assertThat(est.outstanding(C2S)).isEqualTo(1);
        s(SISN + 1, CISN + 1001, 0, ACK, 50 * MS);
        assertThat(out.only().rtt()).isEqualTo(20 * MS);
    }

    @Test
    void cumulativeAckSamplesOnlyTheSegmentEndingAtIt() {
        handshake();
        c(CISN + 1, SISN + 1, 100, ACK, 30 * MS);
        c(CISN + 101, SISN + 1, 100, ACK, 31 * MS);
        c(CISN + 201, SISN + 1, 100, ACK, 32 * MS);
        s(SISN + 1, CISN + 201, 0, ACK, 45 * MS);
        Samples.Sample sample = out.only();
        assertThat(sample.seq()).isEqualTo(101);
        assertThat(sample.rtt()).isEqualTo(14 * MS);
        assertThat(est.outstanding(C2S)).isEqualTo(1);
    }

    @Test
    void ackPastEveryEndRemovesWithoutSample() {
        handshake();
        c(CISN + 1, SISN + 1, 100, ACK, 30 * MS);
        s(SISN + 1, CISN + 151, 0, ACK, 45 * MS); // acks into the middle of a segment never seen
        c(CISN + 101, SISN + 1, 100, ACK, 46 * MS);
        s(SISN + 1, CISN + 301, 0, ACK, 60 * MS);
        assertThat(out.list).isEmpty();
        assertThat(est.outstanding(C2S)).isZero();
    }

    @Test
    void retransmissionIsMeasuredFromOriginalTransmission() {
        handshake();
        c(CISN + 1, SISN + 1, 100, ACK, 30 * MS);
        c(CISN + 1, SISN + 1, 100, ACK, 230 * MS); // RTO retransmission of the same range
        s(SISN + 1, CISN + 101, 0, ACK, 240 * MS);
        assertThat(out.only().rtt()).isEqualTo(210 * MS);
        assertThat(est.outstanding(C2S)).isZero();
    }

    @Test
    void retransmissionBehindNewerDataIsStillRemoved() {
        handshake();
        c(CISN + 1, SISN + 1, 100, ACK, 30 * MS);
        c(CISN + 101, SISN + 1, 100, ACK, 31 * MS);
        c(CISN + 1, SISN + 1, 100, ACK, 40 * MS); // out of order insertion, after an entry the ACK leaves
        s(SISN + 1, CISN + 101, 0, ACK, 50 * MS);
        assertThat(out.only().rtt()).isEqualTo(20 * MS);
        assertThat(est.outstanding(C2S)).isEqualTo(1);
        s(SISN + 1, CISN + 201, 0, ACK, 51 * MS);
        assertThat(out.last().rtt()).isEqualTo(20 * MS);
        assertThat(est.outstanding(C2S)).isZero();
    }

    @Test
    void finCountsOneByte() {
        handshake();
        c(CISN + 1, SISN + 1, 0, FIN | ACK, 30 * MS);
        s(SISN + 1, CISN + 2, 0, ACK, 33 * MS);
        assertThat(out.only().rtt()).isEqualTo(3 * MS);
    }

    @Test
    void pureAcksWindowUpdatesAndDuplicateAcksAreNotSegments() {
        handshake();
        c(CISN + 1, SISN + 1, 0, ACK, 30 * MS);
        c(CISN + 1, SISN + 1, 0, ACK, 31 * MS);
        assertThat(est.outstanding(C2S)).isZero();
        s(SISN + 1, CISN + 1, 0, ACK, 32 * MS);
        assertThat(out.list).isEmpty();
    }

    @Test
    void oneByteKeepAliveIsASegmentLikeInWireshark() {
        handshake();
        c(CISN + 1, SISN + 1, 100, ACK, 30 * MS);
        s(SISN + 1, CISN + 101, 0, ACK, 31 * MS);
        c(CISN + 100, SISN + 1, 1, ACK, 5000 * MS); // keep-alive: one garbage byte before nextseq
        s(SISN + 1, CISN + 101, 0, ACK, 5002 * MS);
        assertThat(out.last().rtt()).isEqualTo(2 * MS);
        assertThat(out.list).hasSize(2);
    }

    @Test
    void sequenceNumbersWrapAround2To32() {
        int isn = 0xFFFF_FF00;
        est.onSegment(C2S, isn, 0, 0, SYN, 0, 1, out);
        est.onSegment(S2C, SISN, isn + 1, 0, SYN | ACK, MS, 2, out);
        est.onSegment(C2S, isn + 1, SISN + 1, 0x200, ACK, 2 * MS, 3, out); // ends at 0x0000_0101
        est.onSegment(C2S, isn + 0x201, SISN + 1, 0x100, ACK, 3 * MS, 4, out);
        out.list.clear();
        est.onSegment(S2C, SISN + 1, 0x101, 0, ACK, 5 * MS, 5, out);
        assertThat(out.only().rtt()).isEqualTo(3 * MS);
        assertThat(out.only().seq()).isEqualTo(1);
        est.onSegment(S2C, SISN + 1, 0x201, 0, ACK, 6 * MS, 6, out);
        assertThat(out.last().seq()).isEqualTo(0x201);
        assertThat(est.outstanding(C2S)).isZero();
    }

    @Test
    void zeroRttIsNotReportedAsWiresharkHidesIt() {
        handshake();
        c(CISN + 1, SISN + 1, 100, ACK, 30 * MS);
        s(SISN + 1, CISN + 101, 0, ACK, 30 * MS);
        assertThat(out.list).isEmpty();
        assertThat(est.outstanding(C2S)).isZero();
    }

    @Test
    void ackFieldWithoutAckFlagIsIgnored() {
        handshake();
        c(CISN + 1, SISN + 1, 100, ACK, 30 * MS);
        s(SISN + 1, CISN + 101, 0, RST, 31 * MS);
        assertThat(out.list).isEmpty();
        assertThat(est.outstanding(C2S)).isEqualTo(1);
    }

    @Test
    void relativeSeqWithoutSynStartsAtOne() {
        c(777, 9000, 50, ACK, 0);
        s(9000, 827, 0, ACK, MS);
        assertThat(out.only().seq()).isEqualTo(1);
    }

    @Test
    void atMostTenThousandSegmentsAreOutstanding() {
        handshake();
        for (int i = 0; i < AckRttEstimator.MAX_UNACKED + 5; i++) c(CISN + 1 + i, SISN + 1, 1, ACK, 30 * MS + i);
        assertThat(est.outstanding(C2S)).isEqualTo(AckRttEstimator.MAX_UNACKED);
        s(SISN + 1, CISN + 1 + AckRttEstimator.MAX_UNACKED + 5, 0, ACK, 100 * MS);
        assertThat(out.list).isEmpty(); // the segment ending there was never stored
        assertThat(est.outstanding(C2S)).isZero();
    }

    @Test
    void manyInterleavedRetransmissionsMatchANaiveList() {
        // reference: Wireshark's list semantics implemented naively
        java.util.Random rnd = new java.util.Random(42);
        java.util.List<long[]> naive = new java.util.ArrayList<>(); // {end, time}
        int next = CISN + 1, acked = CISN + 1;
        handshake();
        for (int step = 0; step < 20_000; step++) {
            long t = 30 * MS + step * 1000L;
            if (rnd.nextInt(3) > 0) {
                int len = 1 + rnd.nextInt(3) * 50;
                int seq = rnd.nextInt(6) == 0 ? acked + rnd.nextInt(Math.max(1, next - acked)) : next;
                if (naive.size() < AckRttEstimator.MAX_UNACKED) naive.add(new long[] {seq + len, t});
                c(seq, SISN + 1, len, ACK, t);
                if (seq == next) next += len;
            } else {
                int ack = acked + rnd.nextInt(Math.max(1, next - acked + 1));
                Long expected = null;
                for (var it = naive.iterator(); it.hasNext(); ) {
                    long[] e = it.next();
                    int end = (int) e[0];
                    if (end == ack && expected == null) expected = t - e[1];
                    if (end - ack <= 0) it.remove();
                }
                int before = out.list.size();
                s(SISN + 1, ack, 0, ACK, t);
                if (expected == null || expected == 0) assertThat(out.list).hasSize(before);
                else assertThat(out.last().rtt()).isEqualTo(expected);
                assertThat(est.outstanding(C2S)).isEqualTo(naive.size());
                if (ack - acked > 0) acked = ack;
            }
        }
    }

    @Test
    void ringOfADirectionThatSentItsFinIsLetGoOnceAcknowledged() {
        handshake();
        c(CISN + 1, SISN + 1, 100, ACK | PSH, 30 * MS);
        s(SISN + 1, CISN + 101, 0, ACK, 40 * MS);
        assertThat(est.capacity(C2S)).as("open: the ring stays for the next segment").isPositive();
        c(CISN + 101, SISN + 1, 0, FIN | ACK, 50 * MS);
        assertThat(est.capacity(C2S)).isPositive();
        s(SISN + 1, CISN + 102, 0, ACK, 60 * MS);
        assertThat(out.last().rtt()).isEqualTo(10 * MS);
        assertThat(est.capacity(C2S)).isZero();
        assertThat(est.capacity(S2C)).as("the server has not closed").isPositive();
        // a retransmitted FIN (rare) makes a new ring and is measured as before
        c(CISN + 101, SISN + 1, 0, FIN | ACK, 70 * MS);
        s(SISN + 1, CISN + 102, 0, ACK, 75 * MS);
        assertThat(out.last().rtt()).isEqualTo(5 * MS);
    }
}
