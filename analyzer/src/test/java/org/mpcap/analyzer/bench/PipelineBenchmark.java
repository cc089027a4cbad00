package org.mpcap.analyzer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.mpcap.analyzer.capture.CaptureReader;
import org.mpcap.analyzer.capture.RawPacket;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.decode.PacketDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reader + decoder on real captures, one thread: every record of the capture(s) is read with
 * {@link CaptureReader} and decoded with {@link PacketDecoder}. The score is in operations (= whole passes)
 * per second; multiply by the packet count printed at set-up for packets per second.
 *
 * <p>{@code captures} is a path (file or folder, searched for {@code *.pcap*}); the default is the bundled
 * {@code sample-pcaps} (real Linux cooked v2 MPTCP captures). For the bulk capture:
 * {@code -p captures=/tmp/bulk/fullmesh/run-01.pcap}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class PipelineBenchmark {
    @Param({"sample-pcaps"})
    public String captures;

    private List<Path> files;
    private final RawPacket raw = new RawPacket();
    private final PacketDecoder decoder = new PacketDecoder();

    @Setup
    public void findCaptures() throws IOException {
        Path p = Path.of(captures);
        if (!p.isAbsolute() && !Files.exists(p)) p = Path.of("..").resolve(captures); // run from analyzer/
        try (Stream<Path> s = Files.walk(p)) {
            files = s.filter(f -> f.getFileName().toString().matches(".*\\.pcap(ng)?(\\.gz)?")).sorted().toList();
        }
        if (files.isEmpty()) throw new IllegalStateException("no captures under " + p.toAbsolutePath());
        long packets = 0;
        for (Path f : files) {
            try (CaptureReader r = CaptureReader.open(f)) {
                while (r.next(raw)) packets++;
            }
        }
        System.out.printf("%n%d capture file(s), %d packets per operation%n", files.size(), packets);
    }

    /** One operation = read and decode every packet of every file. */
    @Benchmark
    public long readAndDecode(Blackhole bh) throws IOException {
        long tcp = 0;
        for (Path f : files) {
            try (CaptureReader r = CaptureReader.open(f)) {
                while (r.next(raw)) {
                    if (decoder.decode(raw) == DecodeStatus.TCP) tcp += decoder.tcp().payloadLength();
                }
            }
        }
        bh.consume(tcp);
        return tcp;
    }
}
