package org.mpcap.analyzer.stats.rtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.stats.rtt.RttSink.C2S;
import static org.mpcap.analyzer.stats.rtt.RttSink.S2C;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.decode.TcpView;

/** The per-packet path of the estimators, summary and sample store allocates nothing in steady state. */
class EstimatorAllocationTest {
    static final int ACK = TcpView.ACK;

    final AckRttEstimator ack = new AckRttEstimator();
    final TimestampRttEstimator ts = new TimestampRttEstimator();
    final DataRttEstimator data = new DataRttEstimator();
    final RttSummary summary = new RttSummary();
    final RttSampleStore store = new RttSampleStore(RttSampleStore.DEFAULT_CAP);
    final RttSink sink = (direction, subflow, tcpStream, time, seq, rtt, frame) -> {
        summary.add(rtt);
        store.add(direction, time, seq, rtt, frame);
    };
    int seq = 1, dsnOff = 1;
    long frame, t;

    /** One round: 4 data segments with a DSS mapping each, 2 ACKs (delayed ACK) with data ACKs. */
    void round() {
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 2; j++) {
                t += 10_000;
                ack.onSegment(C2S, seq, 1, 1400, ACK, t, ++frame, sink);
                ts.onSegment(C2S, seq, 1, 1400, ACK, true, (int) (t / 1_000_000), 77, t, frame, sink);
                data.onMapping(C2S, 0, 0, 1L << 40 | dsnOff, 1400, seq, 1400, t);
                seq += 1400;
                dsnOff += 1400;
            }
            t += 50_000;
            ack.onSegment(S2C, 1, seq, 0, ACK, t, ++frame, sink);
            ts.onSegment(S2C, 1, seq, 0, ACK, true, 77, (int) ((t - 50_000) / 1_000_000), t, frame, sink);
            data.onDataAck(S2C, 1L << 40 | dsnOff, t, frame, sink);
        }
    }

    @Test
    void steadyStateAllocatesNothingPerPacket() {
        for (int i = 0; i < 5_000; i++) round(); // grow rings, arrays (30k packets, ~25k samples)
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        for (int i = 0; i < 2_000; i++) round(); // 12k packets
        long allocated = mx.getThreadAllocatedBytes(id) - before;
        assertThat(store.size()).isGreaterThan(20_000);
        assertThat(allocated).isLessThan(1024);
    }
}
