package org.mpcap.analyzer.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.mpcap.analyzer.capture.CaptureReader;
import org.mpcap.analyzer.capture.RawPacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reader throughput: reads a generated capture of {@value #PACKETS} packets of {@value #SNAPLEN} captured bytes
 * (Ethernet-sized records, random payload) from a temp file, in packets per second (one JMH op = one packet).
 * The file is in the page cache after the first iteration, so this measures the reader, not the disk.
 * How to run: bench/README.md, section "Reader".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReaderBenchmark {
    static final int PACKETS = 1_000_000;
    static final int SNAPLEN = 128;
    static final long T0 = 1_700_000_000L;

    /** pcap: classic µs little-endian; pcapng: SHB + IDB + EPBs; pcap.gz: the pcap, gzip-compressed. */
    @Param({"pcap", "pcapng", "pcap.gz"})
    public String format;

    private Path file;
    private final RawPacket packet = new RawPacket();

    @Setup(Level.Trial)
    public void writeCapture() throws IOException {
        file = Files.createTempFile("mpcap-reader-bench", "." + format);
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
             OutputStream out = format.endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw) {
            if (format.startsWith("pcapng")) {
                writePcapng(out);
            } else {
                writePcap(out);
            }
        }
    }

    @TearDown(Level.Trial)
    public void deleteCapture() throws IOException {
        Files.deleteIfExists(file);
    }

    /** Reads every packet, touching its first data byte and lengths so nothing is optimised away. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long readAll() throws IOException {
        long sum = 0;
        try (CaptureReader reader = CaptureReader.open(file)) {
            RawPacket p = packet;
            while (reader.next(p)) {
                sum += p.capturedLength() + p.data()[p.offset()] + p.timestampNanos();
            }
        }
        return sum;
    }

    /**
     * Contention-robust cross-check of the JMH score on a shared machine: packets per second of this thread's CPU
     * time (user + system, so the read syscalls count), over 10 full reads after 5 warm-up reads per format.
     * Run: {@code java -cp <same classpath> org.mpcap.analyzer.bench.ReaderBenchmark}.
     */
    public static void main(String[] args) throws IOException {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (String f : new String[] {"pcap", "pcapng", "pcap.gz"}) {
            ReaderBenchmark b = new ReaderBenchmark();
            b.format = f;
            b.writeCapture();
            try {
                // bytes of the (decompressed) capture stream
                long bytes = f.startsWith("pcapng") ? 28 + 20 + PACKETS * (32L + SNAPLEN) : 24 + PACKETS * (16L + SNAPLEN);
                for (int i = 0; i < 5; i++) {
                    b.readAll();
                }
                long cpu0 = threads.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                int runs = 10;
                for (int i = 0; i < runs; i++) {
                    b.readAll();
                }
                double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
                double wallSeconds = (System.nanoTime() - wall0) / 1e9;
                System.out.printf(java.util.Locale.ROOT,
                        "%-8s %6.1f M packets/CPU-s  %7.0f MB/CPU-s (decompressed stream)  wall %6.1f M packets/s%n", f,
                        runs * (double) PACKETS / cpuSeconds / 1e6, runs * (double) bytes / cpuSeconds / 1e6,
                        runs * (double) PACKETS / wallSeconds / 1e6);
            } finally {
                b.deleteCapture();
            }
        }
    }

    private static void writePcap(OutputStream out) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAPLEN).putInt(1);
        out.write(b.array());
        SplittableRandom random = new SplittableRandom(42);
        byte[] data = new byte[SNAPLEN];
        ByteBuffer h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < PACKETS; i++) {
            random.nextBytes(data);
            h.clear();
            h.putInt((int) (T0 + i / 10_000)).putInt((i % 10_000) * 100).putInt(SNAPLEN).putInt(1514);
            out.write(h.array());
            out.write(data);
        }
    }

    private static void writePcapng(OutputStream out) throws IOException {
        ByteBuffer shb = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        shb.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1)
                .putInt(28);
        ByteBuffer idb = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        idb.putInt(1).putInt(20).putShort((short) 1).putShort((short) 0).putInt(SNAPLEN).putInt(20);
        out.write(shb.array());
        out.write(idb.array());
        SplittableRandom random = new SplittableRandom(42);
        byte[] data = new byte[SNAPLEN];
        int length = 32 + SNAPLEN;
        ByteBuffer h = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(length);
        for (int i = 0; i < PACKETS; i++) {
            random.nextBytes(data);
            long ticks = T0 * 1_000_000L + i * 100L;
            h.clear();
            h.putInt(6).putInt(length).putInt(0).putInt((int) (ticks >>> 32)).putInt((int) ticks).putInt(SNAPLEN)
                    .putInt(1514);
            out.write(h.array());
            out.write(data);
            out.write(trailer.array());
        }
    }
}
