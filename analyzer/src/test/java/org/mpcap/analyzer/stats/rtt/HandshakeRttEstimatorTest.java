package org.mpcap.analyzer.stats.rtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.stats.rtt.RttSink.C2S;
import static org.mpcap.analyzer.stats.rtt.RttSink.S2C;

import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.decode.TcpView;

class HandshakeRttEstimatorTest {
    static final int SYN = TcpView.SYN, ACK = TcpView.ACK, RST = TcpView.RST;
    static final long MS = 1_000_000L;

    final HandshakeRttEstimator est = new HandshakeRttEstimator();
    final Samples out = new Samples();

    @Test
    void synToSynAckIsC2sAndSynAckToAckIsS2c() {
        est.onSegment(C2S, 100, 0, SYN, 0, 1, out);
        est.onSegment(S2C, 900, 101, SYN | ACK, 12 * MS, 2, out);
        est.onSegment(C2S, 101, 901, ACK, 13 * MS, 3, out);
        est.onSegment(C2S, 101, 901, ACK, 14 * MS, 4, out);
        assertThat(out.list).hasSize(2);
        assertThat(out.list.get(0).direction()).isEqualTo(C2S);
        assertThat(out.list.get(0).rtt()).isEqualTo(12 * MS);
        assertThat(out.list.get(0).frame()).isEqualTo(2);
        assertThat(out.list.get(1).direction()).isEqualTo(S2C);
        assertThat(out.list.get(1).rtt()).isEqualTo(MS);
        assertThat(out.list.get(1).seq()).isZero();
    }

    @Test
    void retransmittedSynIsMeasuredFromTheMostRecentCopy() {
        est.onSegment(C2S, 100, 0, SYN, 0, 1, out);
        est.onSegment(C2S, 100, 0, SYN, 1000 * MS, 2, out);
        est.onSegment(S2C, 900, 101, SYN | ACK, 1012 * MS, 3, out);
        assertThat(out.only().rtt()).isEqualTo(12 * MS);
    }

    @Test
    void retransmittedSynAckIsMeasuredFromTheMostRecentCopy() {
        est.onSegment(C2S, 100, 0, SYN, 0, 1, out);
        est.onSegment(S2C, 900, 101, SYN | ACK, 10 * MS, 2, out);
        est.onSegment(S2C, 900, 101, SYN | ACK, 1010 * MS, 3, out);
        est.onSegment(C2S, 101, 901, ACK, 1011 * MS, 4, out);
        assertThat(out.list).hasSize(2);
        assertThat(out.list.get(1).rtt()).isEqualTo(MS);
    }

    @Test
    void answersToOtherSequenceNumbersGiveNoSample() {
        est.onSegment(C2S, 100, 0, SYN, 0, 1, out);
        est.onSegment(S2C, 900, 555, SYN | ACK, 10 * MS, 2, out);
        est.onSegment(C2S, 101, 42, ACK, 11 * MS, 3, out);
        assertThat(out.list).isEmpty();
    }

    @Test
    void resetGivesNoSample() {
        est.onSegment(C2S, 100, 0, SYN, 0, 1, out);
        est.onSegment(S2C, 0, 101, RST | ACK, 10 * MS, 2, out);
        assertThat(out.list).isEmpty();
    }

    @Test
    void withoutSynOnlyTheServerSideIsMeasured() {
        est.onSegment(S2C, 900, 101, SYN | ACK, 10 * MS, 1, out);
        est.onSegment(C2S, 101, 901, ACK, 11 * MS, 2, out);
        assertThat(out.only().direction()).isEqualTo(S2C);
    }
}
