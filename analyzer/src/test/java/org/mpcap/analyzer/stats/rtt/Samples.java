package org.mpcap.analyzer.stats.rtt;

import java.util.ArrayList;
import java.util.List;

/** Test sink: records every sample. */
final class Samples implements RttSink {
    record Sample(int direction, int subflow, int tcpStream, long time, long seq, long rtt, long frame) {
    }

    final List<Sample> list = new ArrayList<>();

    @Override
    public void sample(int direction, int subflow, int tcpStream, long timeNanos, long relSeq, long rttNanos,
                       long frame) {
        list.add(new Sample(direction, subflow, tcpStream, timeNanos, relSeq, rttNanos, frame));
    }

    Sample only() {
        if (list.size() != 1) throw new AssertionError("expected one sample, got " + list);
        return list.get(0);
    }

    Sample last() {
        return list.get(list.size() - 1);
    }
}
