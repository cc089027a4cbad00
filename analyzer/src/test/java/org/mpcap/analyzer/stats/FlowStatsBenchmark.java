package org.mpcap.analyzer.stats;

import java.util.concurrent.TimeUnit;
import org.mpcap.analyzer.decode.IpAddresses;
import org.mpcap.analyzer.decode.TcpView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of {@link FlowStats}' per-packet path: one data segment with its DSS mapping plus one ACK with a data
 * ACK (two packets) on one of three subflows, 1424-byte payload, 10 µs apart (a bulk capture's pattern).
 * Multiply ns/op by 6 M for the ~12 M-packet bulk capture. Run after {@code mvn -B -o -pl analyzer
 * test-compile}:
 * <pre>
 * CP=$(find ~/.m2/repository/org/openjdk/jmh/jmh-core/1.37 ~/.m2/repository/net/sf/jopt-simple  *      -name '*.jar' | tr '\n' ':')
 * java -cp analyzer/target/test-classes:analyzer/target/classes:$CP org.openjdk.jmh.Main FlowStatsBenchmark
 * </pre>
 * Measured on the shared 2-core VM: 32.5 ± 14.4 ns/op, i.e. about 16 ns per packet, ≈ 0.2 s for 12 M packets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FlowStatsBenchmark {
    private static final long SERVER = IpAddresses.v4Lo(0x0a00_0407);
    private FlowStats stats;
    private long t, dsn;
    private int k;

    @Setup
    public void setup() {
        stats = new FlowStats(100_000_000L, 1_000_000_000L);
        t = 0;
        dsn = 0x1234_5678_9abc_def0L;
        for (int s = 0; s < 3; s++) {
            stats.onSegment(s, 0, s, true, FlowStats.C2S, 0, TcpView.SYN, 0, 0, client(s), 0, SERVER, 40000 + s, 64000);
            stats.onSegment(s, 0, s, false, FlowStats.S2C, 0, TcpView.SYN | TcpView.ACK, 0, 0, SERVER, 0, client(s), 64000,
                    40000 + s);
        }
    }

    private static long client(int k) {
        return IpAddresses.v4Lo(0x0a00_0006 | ((k + 1) << 8));
    }

    @Benchmark
    public void dataSegmentAndAck() {
        int s = k;
        k = k == 2 ? 0 : k + 1;
        t += 10_000;
        stats.onSegment(s, 0, s, true, FlowStats.C2S, t, TcpView.ACK, 1424, 0, client(s), 0, SERVER, 40000 + s, 64000);
        stats.onMapping(0, s, FlowStats.C2S, dsn, 1424, false, t);
        dsn += 1424;
        stats.onSegment(s, 0, s, false, FlowStats.S2C, t, TcpView.ACK, 0, 0, SERVER, 0, client(s), 64000, 40000 + s);
        stats.onDataAck(0, FlowStats.C2S, dsn, t);
    }
}
