package org.mpcap.analyzer.stats.rtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.stats.rtt.RttSink.C2S;
import static org.mpcap.analyzer.stats.rtt.RttSink.S2C;

import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.decode.TcpView;

class TimestampRttEstimatorTest {
    static final int SYN = TcpView.SYN, ACK = TcpView.ACK;
    static final int CISN = 1000, SISN = 5000;
    static final long MS = 1_000_000L;

    final TimestampRttEstimator est = new TimestampRttEstimator();
    final Samples out = new Samples();
    long frame;

    void c(int seq, int len, int tsVal, int tsEcr, long t) {
        est.onSegment(C2S, seq, SISN + 1, len, ACK, true, tsVal, tsEcr, t, ++frame, out);
    }

    void s(int ack, int tsVal, int tsEcr, long t) {
        est.onSegment(S2C, SISN + 1, ack, 0, ACK, true, tsVal, tsEcr, t, ++frame, out);
    }

    void handshake() {
        est.onSegment(C2S, CISN, 0, 0, SYN, true, 100, 0, 0, ++frame, out);
        est.onSegment(S2C, SISN, CISN + 1, 0, SYN | ACK, true, 7000, 100, 10 * MS, ++frame, out);
        est.onSegment(C2S, CISN + 1, SISN + 1, 0, ACK, true, 110, 7000, 20 * MS, ++frame, out);
    }

    @Test
    void handshakeEchoesGiveOneSampleEachWay() {
        // SYN and SYN/ACK occupy sequence space, so their TSvals are registered and echoed
        handshake();
        assertThat(out.list).hasSize(2);
        assertThat(out.list.get(0).direction()).isEqualTo(C2S);
        assertThat(out.list.get(0).rtt()).isEqualTo(10 * MS);
        assertThat(out.list.get(0).seq()).isZero();
        assertThat(out.list.get(1).direction()).isEqualTo(S2C);
        assertThat(out.list.get(1).rtt()).isEqualTo(10 * MS);
        assertThat(est.pending(C2S)).isZero();
        assertThat(est.pending(S2C)).isZero();
    }

    @Test
    void echoIsMeasuredFromFirstSegmentWithThatTsVal() {
        handshake();
        out.list.clear();
        c(CISN + 1, 100, 120, 7000, 30 * MS);
        c(CISN + 101, 100, 120, 7000, 31 * MS);
        s(CISN + 201, 7010, 120, 45 * MS);
        Samples.Sample sample = out.only();
        assertThat(sample.rtt()).isEqualTo(15 * MS);
        assertThat(sample.seq()).isEqualTo(1);
        assertThat(sample.direction()).isEqualTo(C2S);
    }

    @Test
    void onlyTheFirstEchoOfATsValIsASample() {
        handshake();
        out.list.clear();
        c(CISN + 1, 100, 120, 7000, 30 * MS);
        s(CISN + 101, 7010, 120, 45 * MS);
        s(CISN + 101, 7011, 120, 46 * MS);
        assertThat(out.list).hasSize(1);
    }

    @Test
    void retransmittedTsValGivesNoSample() {
        handshake();
        out.list.clear();
        c(CISN + 1, 100, 120, 7000, 30 * MS);
        c(CISN + 101, 100, 125, 7000, 35 * MS);
        c(CISN + 1, 100, 125, 7000, 36 * MS); // retransmission with the same clock value as new data
        s(CISN + 201, 7010, 125, 50 * MS);
        assertThat(out.list).isEmpty();
    }

    @Test
    void tsValFirstCarriedByRetransmissionGivesNoSample() {
        handshake();
        out.list.clear();
        c(CISN + 1, 100, 120, 7000, 30 * MS);
        c(CISN + 1, 100, 330, 7000, 240 * MS);
        s(CISN + 101, 7200, 330, 250 * MS);
        assertThat(out.list).isEmpty();
    }

    @Test
    void pureAckTsValsAreNotRegistered() {
        handshake();
        out.list.clear();
        s(CISN + 1, 7020, 110, 30 * MS); // server pure ACK, TSval 7020
        c(CISN + 1, 100, 130, 7020, 40 * MS); // client echoes it in data
        assertThat(out.list).isEmpty();
    }

    @Test
    void olderPendingTsValsAreDroppedByANewerEcho() {
        handshake();
        out.list.clear();
        c(CISN + 1, 100, 120, 7000, 30 * MS);
        c(CISN + 101, 100, 121, 7000, 31 * MS);
        s(CISN + 201, 7010, 121, 40 * MS);
        assertThat(out.only().rtt()).isEqualTo(9 * MS);
        assertThat(est.pending(C2S)).isZero();
    }

    @Test
    void tsValWrapsAround2To32() {
        handshake();
        out.list.clear();
        c(CISN + 1, 100, 0xFFFF_FFFF, 7000, 30 * MS);
        c(CISN + 101, 100, 0x0000_0001, 7000, 32 * MS);
        s(CISN + 201, 7010, 0x0000_0001, 40 * MS); // newer than 0xFFFFFFFF modulo 2^32
        assertThat(out.only().rtt()).isEqualTo(8 * MS);
        assertThat(est.pending(C2S)).isZero();
    }

    @Test
    void segmentsWithoutTimestampsGiveNothing() {
        est.onSegment(C2S, CISN + 1, SISN + 1, 100, ACK, false, 0, 0, 0, 1, out);
        est.onSegment(S2C, SISN + 1, CISN + 101, 0, ACK, false, 0, 0, MS, 2, out);
        assertThat(out.list).isEmpty();
        assertThat(est.pending(C2S)).isZero();
    }

    @Test
    void ringOfADirectionThatSentItsFinIsLetGoOnceEchoed() {
        handshake();
        est.onSegment(C2S, CISN + 1, SISN + 1, 0, ACK | TcpView.FIN, true, 120, 7000, 30 * MS, ++frame, out);
        assertThat(est.capacity(C2S)).isPositive();
        s(CISN + 2, 7010, 120, 42 * MS);
        assertThat(out.last().rtt()).isEqualTo(12 * MS);
        assertThat(est.capacity(C2S)).isZero();
        assertThat(est.capacity(S2C)).as("the server has not closed").isPositive();
    }
}
