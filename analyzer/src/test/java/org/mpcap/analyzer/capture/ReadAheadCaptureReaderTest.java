package org.mpcap.analyzer.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadAheadCaptureReaderTest {
    @TempDir
    Path dir;

    /** Every record as (frame, time, lengths, link type, interface, offset, bytes) — copies, for comparison. */
    private static List<String> records(CaptureReader r) throws IOException {
        List<String> out = new ArrayList<>();
        RawPacket p = new RawPacket();
        while (r.next(p)) {
            byte[] bytes = Arrays.copyOfRange(p.data(), p.offset(), p.offset() + p.capturedLength());
            out.add(p.frameNumber() + " " + p.timestampNanos() + " " + p.capturedLength() + " " + p.originalLength()
                    + " " + p.linkType() + " " + p.interfaceId() + " " + p.fileOffset() + " " + Arrays.hashCode(bytes));
        }
        return out;
    }

    /** More records than one batch holds, of varied sizes, and a cut-off last record. */
    private Path bigCapture() {
        CaptureBytes.Pcap pcap = CaptureBytes.Pcap.ethernet(ByteOrder.LITTLE_ENDIAN, false);
        int n = ReadAheadCaptureReader.BATCH_PACKETS * 2 + 123;
        for (int i = 0; i < n; i++) pcap.record(1_700_000_000L + i / 1000, i % 1000 * 1000, CaptureBytes.payload(40 + i % 1400, i));
        pcap.recordHeader(1_700_000_100L, 0, 500, 500).raw(CaptureBytes.payload(100, 7)); // cut off
        return CaptureBytes.write(dir, "big.pcap", pcap.bytes());
    }

    @Test
    void readsAheadOnlyCompressedCapturesWhenAskedTo() throws IOException {
        CaptureBytes.Pcap pcap = CaptureBytes.Pcap.ethernet(ByteOrder.LITTLE_ENDIAN, false);
        pcap.record(1_700_000_000L, 0, CaptureBytes.payload(60, 1));
        Path plain = CaptureBytes.write(dir, "plain.pcap", pcap.bytes());
        Path gz = CaptureBytes.write(dir, "packed.pcap", CaptureBytes.gzip(pcap.bytes())); // told apart by magic
        try (CaptureReader p = CaptureReader.open(plain, CaptureReader.ReadAhead.COMPRESSED);
             CaptureReader g = CaptureReader.open(gz, CaptureReader.ReadAhead.COMPRESSED)) {
            assertThat(p).isNotInstanceOf(ReadAheadCaptureReader.class);
            assertThat(g).isInstanceOf(ReadAheadCaptureReader.class);
            assertThat(records(g)).isEqualTo(records(p));
        }
    }

    @Test
    void givesTheSameRecordsAndCountersAsTheDirectReader() throws IOException {
        Path f = bigCapture();
        List<String> direct;
        long damaged, firstDamage;
        Set<Integer> linkTypes;
        try (CaptureReader r = CaptureReader.open(f)) {
            direct = records(r);
            damaged = r.damagedRecords();
            firstDamage = r.firstDamageOffset();
            linkTypes = r.linkTypes();
        }
        try (CaptureReader r = CaptureReader.open(f, true)) {
            assertThat(r).isInstanceOf(ReadAheadCaptureReader.class);
            assertThat(records(r)).isEqualTo(direct);
            assertThat(r.damagedRecords()).isEqualTo(damaged).isEqualTo(1);
            assertThat(r.firstDamageOffset()).isEqualTo(firstDamage);
            assertThat(r.linkTypes()).isEqualTo(linkTypes);
            assertThat(r.next(new RawPacket())).isFalse(); // stays at the end
        }
        assertThat(direct).hasSize(ReadAheadCaptureReader.BATCH_PACKETS * 2 + 123);
    }

    @Test
    void handsOverTheSourceExceptionAfterTheRecordsBeforeIt() throws IOException {
        Path f = bigCapture();
        CaptureReader failing = new CaptureReader() {
            final CaptureReader inner = CaptureReader.open(f);
            int n;

            @Override public boolean next(RawPacket into) throws IOException {
                if (n++ == 20_000) throw new CaptureFormatException(4242, "broken block: got X (expected Y)");
                return inner.next(into);
            }
            @Override public CaptureFormat format() { return inner.format(); }
            @Override public Set<Integer> linkTypes() { return inner.linkTypes(); }
            @Override public long damagedRecords() { return inner.damagedRecords(); }
            @Override public long firstDamageOffset() { return inner.firstDamageOffset(); }
            @Override public void close() throws IOException { inner.close(); }
        };
        try (CaptureReader r = new ReadAheadCaptureReader(failing, "failing")) {
            RawPacket p = new RawPacket();
            int read = 0;
            try {
                while (r.next(p)) read++;
            } catch (CaptureFormatException e) {
                assertThat(read).isEqualTo(20_000);
                assertThat(e.offset()).isEqualTo(4242);
                return;
            }
            throw new AssertionError("no exception after " + read + " records");
        }
    }

    @Test
    void closingEarlyStopsTheReaderThread() throws IOException {
        Path f = bigCapture();
        CaptureReader r = CaptureReader.open(f, true);
        assertThat(r.next(new RawPacket())).isTrue();
        r.close();
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("mpcap-read-ahead big.pcap") && t.isAlive());
    }

    @Test
    void anEmptyCaptureEndsAtOnce() throws IOException {
        Path f = CaptureBytes.write(dir, "empty.pcap", CaptureBytes.Pcap.ethernet(ByteOrder.BIG_ENDIAN, true).bytes());
        try (CaptureReader r = CaptureReader.open(f, true)) {
            assertThat(r.next(new RawPacket())).isFalse();
            assertThat(r.damagedRecords()).isZero();
        }
        assertThatThrownBy(() -> CaptureReader.open(CaptureBytes.write(dir, "x.pcap", new byte[] {1, 2, 3, 4, 5}), true))
                .isInstanceOf(CaptureFormatException.class);
    }
}
