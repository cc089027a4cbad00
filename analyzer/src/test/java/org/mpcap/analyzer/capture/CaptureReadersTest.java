package org.mpcap.analyzer.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mpcap.analyzer.capture.CaptureBytes.count;
import static org.mpcap.analyzer.capture.CaptureBytes.concat;
import static org.mpcap.analyzer.capture.CaptureBytes.gzip;
import static org.mpcap.analyzer.capture.CaptureBytes.payload;
import static org.mpcap.analyzer.capture.CaptureBytes.readAll;
import static org.mpcap.analyzer.capture.CaptureBytes.slice;
import static org.mpcap.analyzer.capture.CaptureBytes.write;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.capture.CaptureBytes.Expected;
import org.mpcap.analyzer.capture.CaptureBytes.Pcap;
import org.mpcap.analyzer.capture.CaptureBytes.PcapNg;

/** Format detection by magic bytes, gzip input, and the file-level error tier. */
class CaptureReadersTest {
    private static final long T0 = 1_700_000_000L;

    @TempDir
    Path dir;

    private static byte[] pcapOf(int packets) {
        Pcap pcap = Pcap.ethernet(ByteOrder.LITTLE_ENDIAN, false);
        for (int i = 0; i < packets; i++) {
            pcap.record(T0 + i, i, payload(60 + i % 100, i));
        }
        return pcap.bytes();
    }

    private static byte[] pcapngOf(int packets) {
        PcapNg ng = new PcapNg(ByteOrder.BIG_ENDIAN).idb(1, 65535);
        for (int i = 0; i < packets; i++) {
            ng.epb(0, (T0 + i) * 1_000_000L + i, payload(60 + i % 100, i));
        }
        return ng.bytes();
    }

    @Test
    void rejectsANonCaptureFileAtOffsetZeroNamingTheMagic() {
        Path f = write(dir, "page.pcap", "<html><body>not found</body></html>".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> CaptureReader.open(f))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("not a pcap or pcapng file: got magic 0x3c68746d (expected a1b2c3d4, a1b23c4d, 0a0d0d0a"
                        + " or gzip 1f8b) at byte offset 0")
                .extracting(e -> ((CaptureFormatException) e).offset()).isEqualTo(0L);
    }

    @Test
    void rejectsAnEmptyFile() {
        Path f = write(dir, "empty.pcap", new byte[0]);
        assertThatThrownBy(() -> CaptureReader.open(f))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("empty file: got 0 bytes (expected a pcap or pcapng file header) at byte offset 0");
    }

    @Test
    void rejectsAFileShorterThanAMagicNumber() {
        Path f = write(dir, "three.pcap", new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2});
        assertThatThrownBy(() -> CaptureReader.open(f))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("file too short: got 3 bytes (expected a pcap or pcapng file header) at byte offset 0");
    }

    @Test
    void decidesTheFormatByMagicNotByFileName() throws IOException {
        Path ngNamedPcap = write(dir, "really-pcapng.pcap", pcapngOf(3));
        Path pcapNamedNg = write(dir, "really-pcap.pcapng.gz", pcapOf(3));
        try (CaptureReader reader = CaptureReader.open(ngNamedPcap)) {
            assertThat(reader.format()).isEqualTo(CaptureFormat.PCAPNG);
        }
        try (CaptureReader reader = CaptureReader.open(pcapNamedNg)) {
            assertThat(reader.format()).isEqualTo(CaptureFormat.PCAP_MICROS);
        }
    }

    @Test
    void readsAGzippedPcapLikeTheUncompressedOne() throws IOException {
        byte[] plain = pcapOf(500);
        List<Expected> expected = readAll(write(dir, "a.pcap", plain));
        Path gz = write(dir, "a.pcap.gz", gzip(plain));
        assertThat(readAll(gz)).hasSize(500).isEqualTo(expected);
    }

    @Test
    void readsAGzippedPcapngLikeTheUncompressedOne() throws IOException {
        byte[] plain = pcapngOf(500);
        List<Expected> expected = readAll(write(dir, "a.pcapng", plain));
        Path gz = write(dir, "a.pcapng.gz", gzip(plain));
        try (CaptureReader reader = CaptureReader.open(gz)) {
            assertThat(reader.format()).isEqualTo(CaptureFormat.PCAPNG);
        }
        assertThat(readAll(gz)).hasSize(500).isEqualTo(expected);
    }

    @Test
    void readsAcrossTheMembersOfAMultiMemberGzip() throws IOException {
        byte[] plain = pcapngOf(300);
        int cut = plain.length / 3 + 5; // inside a block
        Path gz = write(dir, "multi.pcapng.gz", gzip(slice(plain, 0, cut), slice(plain, cut, plain.length)));
        assertThat(readAll(gz)).isEqualTo(readAll(write(dir, "multi.pcapng", plain)));
    }

    @Test
    void reportsFileOffsetsInTheDecompressedStream() throws IOException {
        byte[] plain = pcapOf(3);
        List<Long> offsets = new java.util.ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(write(dir, "off.pcap.gz", gzip(plain)))) {
            RawPacket p = new RawPacket();
            while (reader.next(p)) {
                offsets.add(p.fileOffset());
            }
        }
        assertThat(offsets).containsExactly(24L, 24L + 16 + 60, 24L + 16 + 60 + 16 + 61);
    }

    @Test
    void countsACutOffGzipStreamAsDamageAndKeepsTheEarlierPackets() throws IOException {
        byte[] plain = pcapOf(2000);
        byte[] gz = gzip(plain);
        Path f = write(dir, "cut.pcap.gz", slice(gz, 0, gz.length / 2));
        try (CaptureReader reader = CaptureReader.open(f)) {
            RawPacket p = new RawPacket();
            long n = 0;
            while (reader.next(p)) {
                n++;
                assertThat(p.frameNumber()).isEqualTo(n);
            }
            assertThat(n).isBetween(100L, 1999L);
            assertThat(reader.damagedRecords()).isEqualTo(1);
            assertThat(reader.firstDamageOffset()).isPositive();
        }
    }

    @Test
    void countsAGzipStreamCutAtARecordBoundaryAsDamage() throws IOException {
        byte[] plain = pcapOf(10);
        byte[] gz = gzip(plain);
        Path f = write(dir, "trailer.pcap.gz", slice(gz, 0, gz.length - 4)); // CRC kept, ISIZE cut off
        var c = count(f);
        assertThat(c.packets()).isEqualTo(10);
        assertThat(c.damaged()).isEqualTo(1);
    }

    @Test
    void rejectsAGzipFileThatDecompressesToNothing() {
        Path f = write(dir, "nothing.pcap.gz", gzip(new byte[0]));
        assertThatThrownBy(() -> CaptureReader.open(f))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageStartingWith("empty file after gzip decompression: got 0 bytes");
    }

    @Test
    void rejectsAGzipFileWhoseContentIsNotACapture() {
        Path f = write(dir, "text.gz", gzip("hello world".getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> CaptureReader.open(f))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageStartingWith("not a pcap or pcapng file after gzip decompression: got magic 0x68656c6c");
    }

    @Test
    void rejectsABrokenGzipHeader() {
        Path f = write(dir, "hdr.gz", new byte[] {0x1f, (byte) 0x8b, 7, 0, 0, 0, 0, 0, 0, 0});
        assertThatThrownBy(() -> CaptureReader.open(f))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageStartingWith("broken gzip header: got ");
    }

    @Test
    void missingFileIsAnIoErrorNotAFormatError() {
        assertThatThrownBy(() -> CaptureReader.open(dir.resolve("absent.pcap")))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void readsAReadOnlyFileAndLeavesItUnchanged() throws IOException {
        byte[] plain = pcapngOf(50);
        Path f = write(dir, "ro.pcapng", plain);
        FileTime modified = FileTime.fromMillis(1_600_000_000_000L);
        Files.setLastModifiedTime(f, modified);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r--r--"));
        assertThat(readAll(f)).hasSize(50);
        assertThat(Files.readAllBytes(f)).isEqualTo(plain);
        assertThat(Files.getLastModifiedTime(f)).isEqualTo(modified);
    }

    @Test
    void reportsBytesReadFromDiskForProgress() throws IOException {
        byte[] gz = gzip(pcapOf(3000));
        Path f = write(dir, "progress.pcap.gz", gz);
        try (CaptureReader reader = CaptureReader.open(f)) {
            assertThat(reader.bytesRead()).isBetween(1L, (long) gz.length);
            while (reader.next(new RawPacket())) {
                // drain
            }
            assertThat(reader.bytesRead()).isEqualTo(gz.length);
        }
    }

    @Test
    void concatenatedPlainPcapngFilesAreOneFileOfSeveralSections() throws IOException {
        Path f = write(dir, "cat.pcapng", concat(pcapngOf(2), new PcapNg(ByteOrder.LITTLE_ENDIAN).idb(101, 65535)
                .epb(0, 5, payload(20, 0)).bytes()));
        assertThat(readAll(f)).extracting(Expected::interfaceId).containsExactly(0, 0, 1);
    }
}
