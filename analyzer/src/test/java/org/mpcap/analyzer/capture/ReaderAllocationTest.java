package org.mpcap.analyzer.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.capture.CaptureBytes.gzip;
import static org.mpcap.analyzer.capture.CaptureBytes.payload;
import static org.mpcap.analyzer.capture.CaptureBytes.write;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.capture.CaptureBytes.Pcap;
import org.mpcap.analyzer.capture.CaptureBytes.PcapNg;

/**
 * The read loop allocates nothing per packet: reading 100k records allocates (on this thread's heap) less than a
 * small bound that does not grow with the packet count. The reader's own 1 MiB window is allocated in
 * {@code open}, outside the measured loop.
 */
class ReaderAllocationTest {
    private static final int PACKETS = 100_000;
    /** Per-read bookkeeping of the JDK (buffer wrappers, gzip member headers) stays far below this. */
    private static final long BOUND_BYTES = 64 * 1024;

    @TempDir
    static Path dir;
    private static Path pcap;
    private static Path pcapng;
    private static Path pcapGz;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @BeforeAll
    static void writeCaptures() {
        byte[] data = payload(64, 0);
        Pcap p = Pcap.ethernet(ByteOrder.LITTLE_ENDIAN, false);
        PcapNg ng = new PcapNg(ByteOrder.LITTLE_ENDIAN).idb(1, 65535).idb(101, 65535, PcapNg.tsresol(9));
        for (int i = 0; i < PACKETS; i++) {
            p.record(1_700_000_000L + i / 1000, i % 1_000_000, data);
            ng.epb(i & 1, 1_700_000_000_000_000L + i, data);
        }
        pcap = write(dir, "alloc.pcap", p.bytes());
        pcapng = write(dir, "alloc.pcapng", ng.bytes());
        pcapGz = write(dir, "alloc.pcap.gz", gzip(p.bytes()));
    }

    /** Bytes allocated by this thread while reading every packet of {@code file} (after opening it). */
    private static long allocatedWhileReading(Path file) throws IOException {
        try (CaptureReader reader = CaptureReader.open(file)) {
            RawPacket packet = new RawPacket();
            long count = 0;
            long checksum = 0;
            long before = THREADS.getCurrentThreadAllocatedBytes();
            while (reader.next(packet)) {
                count++;
                checksum += packet.data()[packet.offset()] + packet.timestampNanos();
            }
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            assertThat(count).isEqualTo(PACKETS);
            assertThat(checksum).isNotZero();
            return allocated;
        }
    }

    private static void assertReadLoopDoesNotAllocate(Path file) throws IOException {
        allocatedWhileReading(file); // warm-up: class loading and the JDK's temporary direct buffer
        assertThat(allocatedWhileReading(file)).isLessThan(BOUND_BYTES);
    }

    @Test
    void readingPcapAllocatesNothingPerPacket() throws IOException {
        assertReadLoopDoesNotAllocate(pcap);
    }

    @Test
    void readingPcapngAllocatesNothingPerPacket() throws IOException {
        assertReadLoopDoesNotAllocate(pcapng);
    }

    @Test
    void readingGzippedPcapAllocatesNothingPerPacket() throws IOException {
        assertReadLoopDoesNotAllocate(pcapGz);
    }
}
