package org.mpcap.analyzer.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mpcap.analyzer.capture.CaptureBytes.count;
import static org.mpcap.analyzer.capture.CaptureBytes.payload;
import static org.mpcap.analyzer.capture.CaptureBytes.readAll;
import static org.mpcap.analyzer.capture.CaptureBytes.slice;
import static org.mpcap.analyzer.capture.CaptureBytes.write;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.capture.CaptureBytes.Expected;
import org.mpcap.analyzer.capture.CaptureBytes.Pcap;

/** Classic pcap (draft-ietf-opsawg-pcap): byte orders, units, link type field, damage and resynchronisation. */
class PcapReaderTest {
    private static final long T0 = 1_700_000_000L;
    private static final long NS = 1_000_000_000L;

    @TempDir
    Path dir;

    private static Pcap threeRecords(ByteOrder order, boolean nanos) {
        long unit = nanos ? 1 : 1_000;
        return Pcap.ethernet(order, nanos)
                .record(T0, 1, payload(60, 1))
                .record(T0, 999_999_999 / unit, payload(74, 2), 1514)
                .record(T0 + 2, 500_000_000 / unit, payload(54, 3));
    }

    private void assertThreeRecords(Path file, CaptureFormat format, long firstFractionNanos) throws IOException {
        try (CaptureReader reader = CaptureReader.open(file)) {
            assertThat(reader.format()).isEqualTo(format);
            assertThat(reader.linkTypes()).containsExactly(1);
            RawPacket p = new RawPacket();
            assertThat(reader.next(p)).isTrue();
            assertThat(p.frameNumber()).isEqualTo(1);
            assertThat(p.timestampNanos()).isEqualTo(T0 * NS + firstFractionNanos);
            assertThat(p.capturedLength()).isEqualTo(60);
            assertThat(p.originalLength()).isEqualTo(60);
            assertThat(p.fileOffset()).isEqualTo(24);
            assertThat(p.linkType()).isEqualTo(1);
            assertThat(p.interfaceId()).isZero();
            assertThat(Arrays.copyOfRange(p.data(), p.offset(), p.offset() + 60)).isEqualTo(payload(60, 1));
            assertThat(reader.next(p)).isTrue();
            assertThat(p.frameNumber()).isEqualTo(2);
            assertThat(p.capturedLength()).isEqualTo(74);
            assertThat(p.originalLength()).isEqualTo(1514);
            assertThat(p.fileOffset()).isEqualTo(24 + 16 + 60);
            assertThat(Arrays.copyOfRange(p.data(), p.offset(), p.offset() + 74)).isEqualTo(payload(74, 2));
            assertThat(reader.next(p)).isTrue();
            assertThat(p.frameNumber()).isEqualTo(3);
            assertThat(p.timestampNanos()).isEqualTo((T0 + 2) * NS + 500_000_000);
            assertThat(reader.next(p)).isFalse();
            assertThat(reader.damagedRecords()).isZero();
            assertThat(reader.firstDamageOffset()).isEqualTo(-1);
        }
    }

    @Test
    void readsMicrosecondLittleEndianRecords() throws IOException {
        Path f = write(dir, "le.pcap", threeRecords(ByteOrder.LITTLE_ENDIAN, false).bytes());
        assertThreeRecords(f, CaptureFormat.PCAP_MICROS, 1_000);
        assertThat(readAll(f).get(1).timestampNanos()).isEqualTo(T0 * NS + 999_999_000);
    }

    @Test
    void readsMicrosecondBigEndianRecords() throws IOException {
        Path f = write(dir, "be.pcap", threeRecords(ByteOrder.BIG_ENDIAN, false).bytes());
        assertThreeRecords(f, CaptureFormat.PCAP_MICROS, 1_000);
    }

    @Test
    void readsNanosecondRecordsExactly() throws IOException {
        Path f = write(dir, "ns.pcap", threeRecords(ByteOrder.LITTLE_ENDIAN, true).bytes());
        assertThreeRecords(f, CaptureFormat.PCAP_NANOS, 1);
        assertThat(readAll(f).get(1).timestampNanos()).isEqualTo(T0 * NS + 999_999_999);
    }

    @Test
    void readsNanosecondBigEndianRecords() throws IOException {
        Path f = write(dir, "nsbe.pcap", threeRecords(ByteOrder.BIG_ENDIAN, true).bytes());
        assertThreeRecords(f, CaptureFormat.PCAP_NANOS, 1);
    }

    @Test
    void readsSecondsAboveTwoToThe31AsUnsigned() throws IOException {
        long seconds = 0x9000_0000L; // 2046-07-...: the seconds field is unsigned (§5)
        Path f = write(dir, "late.pcap", Pcap.ethernet(ByteOrder.LITTLE_ENDIAN, false)
                .record(seconds, 7, payload(20, 0)).bytes());
        assertThat(readAll(f).get(0).timestampNanos()).isEqualTo(seconds * NS + 7_000);
    }

    @Test
    void masksFcsBitsOffTheLinkTypeField() throws IOException {
        // §4 Figure 2: FCS len = 2 (4 octets), P bit set, LinkType 1 (Ethernet).
        long field = (2L << 28) | (1L << 26) | 1;
        Path f = write(dir, "fcs.pcap", new Pcap(ByteOrder.BIG_ENDIAN, false, 65535, field)
                .record(T0, 0, payload(64, 0)).bytes());
        try (CaptureReader reader = CaptureReader.open(f)) {
            assertThat(reader.linkTypes()).containsExactly(1);
            RawPacket p = new RawPacket();
            assertThat(reader.next(p)).isTrue();
            assertThat(p.linkType()).isEqualTo(1);
        }
    }

    @Test
    void passesUnknownLinkTypesThrough() throws IOException {
        Path f = write(dir, "lt.pcap", new Pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 65000)
                .record(T0, 0, payload(10, 0)).bytes());
        assertThat(readAll(f)).extracting(Expected::linkType).containsExactly(65000);
    }

    @Test
    void headerOnlyFileHasNoPacketsAndNoDamage() throws IOException {
        Path f = write(dir, "empty.pcap", Pcap.ethernet(ByteOrder.LITTLE_ENDIAN, false).bytes());
        try (CaptureReader reader = CaptureReader.open(f)) {
            assertThat(reader.next(new RawPacket())).isFalse();
            assertThat(reader.damagedRecords()).isZero();
        }
    }

    @Test
    void cutOffFileHeaderIsAFormatErrorWithOffset() {
        byte[] header = Pcap.ethernet(ByteOrder.LITTLE_ENDIAN, false).bytes();
        Path f = write(dir, "short.pcap", slice(header, 0, 10));
        assertThatThrownBy(() -> CaptureReader.open(f))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("pcap file header cut off: got 10 bytes (expected 24) at byte offset 0")
                .extracting(e -> ((CaptureFormatException) e).offset()).isEqualTo(0L);
    }

    @Test
    void unknownMajorVersionIsAFormatError() {
        Path f = write(dir, "v3.pcap", new Pcap(ByteOrder.LITTLE_ENDIAN, false, 3, 0, 65535, 1).bytes());
        assertThatThrownBy(() -> CaptureReader.open(f))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("unsupported pcap version: got 3.0 (expected 2.4) at byte offset 4");
    }

    @Test
    void cutOffLastRecordIsCountedAsDamagedAndEarlierRecordsAreIntact() throws IOException {
        Pcap pcap = threeRecords(ByteOrder.LITTLE_ENDIAN, false);
        byte[] all = pcap.bytes();
        Path f = write(dir, "cut.pcap", slice(all, 0, all.length - 10));
        try (CaptureReader reader = CaptureReader.open(f)) {
            RawPacket p = new RawPacket();
            assertThat(reader.next(p)).isTrue();
            assertThat(reader.next(p)).isTrue();
            assertThat(Arrays.copyOfRange(p.data(), p.offset(), p.offset() + 74)).isEqualTo(payload(74, 2));
            assertThat(reader.next(p)).isFalse();
            assertThat(reader.damagedRecords()).isEqualTo(1);
            assertThat(reader.firstDamageOffset()).isEqualTo(24 + 16 + 60 + 16 + 74);
            assertThat(reader.next(p)).isFalse();
            assertThat(reader.damagedRecords()).as("not counted twice").isEqualTo(1);
        }
    }

    @Test
    void cutOffRecordHeaderIsCountedAsDamaged() throws IOException {
        byte[] all = Pcap.ethernet(ByteOrder.LITTLE_ENDIAN, false).record(T0, 0, payload(40, 0))
                .recordHeader(T0, 1, 40, 40).bytes();
        Path f = write(dir, "cuthdr.pcap", slice(all, 0, all.length - 7));
        try (CaptureReader reader = CaptureReader.open(f)) {
            RawPacket p = new RawPacket();
            assertThat(reader.next(p)).isTrue();
            assertThat(reader.next(p)).isFalse();
            assertThat(reader.damagedRecords()).isEqualTo(1);
            assertThat(reader.firstDamageOffset()).isEqualTo(24 + 16 + 40);
        }
    }

    /** Five records; record 3 (index 2) gets its header's captured length replaced. */
    private byte[] fiveRecordsWithDamagedThird(long capLen, long origLen) {
        Pcap pcap = Pcap.ethernet(ByteOrder.LITTLE_ENDIAN, false);
        for (int i = 0; i < 2; i++) {
            pcap.record(T0 + i, 100 * i, payload(60 + i, i));
        }
        pcap.recordHeader(T0 + 2, 0, capLen, origLen).raw(payload(62, 2));
        for (int i = 3; i < 5; i++) {
            pcap.record(T0 + i, 100 * i, payload(60 + i, i));
        }
        return pcap.bytes();
    }

    @Test
    void skipsARecordWithAnImpossibleCapturedLengthAndReadsTheLaterOnes() throws IOException {
        Path f = write(dir, "mid.pcap", fiveRecordsWithDamagedThird(0x7fff_fff0L, 0x7fff_fff0L));
        try (CaptureReader reader = CaptureReader.open(f)) {
            RawPacket p = new RawPacket();
            int[] lengths = new int[4];
            long[] offsets = new long[4];
            int n = 0;
            while (reader.next(p)) {
                assertThat(p.frameNumber()).isEqualTo(n + 1);
                lengths[n] = p.capturedLength();
                offsets[n] = p.fileOffset();
                n++;
            }
            assertThat(n).isEqualTo(4);
            assertThat(lengths).containsExactly(60, 61, 63, 64);
            assertThat(reader.damagedRecords()).isEqualTo(1);
            long third = 24 + (16 + 60) + (16 + 61);
            assertThat(reader.firstDamageOffset()).isEqualTo(third);
            assertThat(offsets[2]).isEqualTo(third + 16 + 62);
        }
    }

    @Test
    void acceptsCapturedLengthAboveOriginalLengthWhenTheNextHeaderIsPlausible() throws IOException {
        Path f = write(dir, "capgtorig.pcap", fiveRecordsWithDamagedThird(62, 61));
        try (CaptureReader reader = CaptureReader.open(f)) {
            RawPacket p = new RawPacket();
            int n = 0;
            while (reader.next(p)) {
                n++;
                if (n == 3) {
                    assertThat(p.capturedLength()).isEqualTo(62);
                    assertThat(p.originalLength()).isEqualTo(61);
                }
            }
            assertThat(n).isEqualTo(5);
            assertThat(reader.damagedRecords()).isZero();
        }
    }

    @Test
    void treatsCapturedLengthAboveOriginalLengthAsDamageWhenTheNextHeaderIsNot() throws IOException {
        Path f = write(dir, "misaligned.pcap", fiveRecordsWithDamagedThird(70, 61)); // only 62 bytes follow
        var c = count(f);
        assertThat(c.packets()).isEqualTo(4);
        assertThat(c.damaged()).isEqualTo(1);
    }

    @Test
    void resynchronisesAfterGarbageInsertedBetweenRecords() throws IOException {
        byte[] garbage = new byte[37];
        Arrays.fill(garbage, (byte) 0xff);
        Pcap pcap = Pcap.ethernet(ByteOrder.BIG_ENDIAN, true)
                .record(T0, 1, payload(60, 1)).record(T0, 2, payload(60, 2)).raw(garbage)
                .record(T0, 3, payload(60, 3)).record(T0, 4, payload(60, 4));
        Path f = write(dir, "garbage.pcap", pcap.bytes());
        try (CaptureReader reader = CaptureReader.open(f)) {
            RawPacket p = new RawPacket();
            long[] stamps = new long[4];
            int n = 0;
            while (reader.next(p)) {
                stamps[n++] = p.timestampNanos() - T0 * NS;
            }
            assertThat(n).isEqualTo(4);
            assertThat(stamps).containsExactly(1, 2, 3, 4);
            assertThat(reader.damagedRecords()).isEqualTo(1);
            assertThat(reader.firstDamageOffset()).isEqualTo(24 + 2 * (16 + 60));
        }
    }

    @Test
    void resynchronisesWhenTheFirstRecordIsDamaged() throws IOException {
        Pcap pcap = Pcap.ethernet(ByteOrder.LITTLE_ENDIAN, false)
                .recordHeader(T0, 0, 0xffff_ffffL, 10).raw(payload(10, 0))
                .record(T0, 1, payload(60, 1)).record(T0, 2, payload(60, 2));
        Path f = write(dir, "first.pcap", pcap.bytes());
        try (CaptureReader reader = CaptureReader.open(f)) {
            RawPacket p = new RawPacket();
            assertThat(reader.next(p)).isTrue();
            assertThat(p.frameNumber()).isEqualTo(1);
            assertThat(p.fileOffset()).isEqualTo(24 + 16 + 10);
            assertThat(reader.next(p)).isTrue();
            assertThat(reader.next(p)).isFalse();
            assertThat(reader.damagedRecords()).isEqualTo(1);
        }
    }

    @Test
    void acceptsTheLastRecordOfTheFileAsResynchronisationPoint() throws IOException {
        Pcap pcap = Pcap.ethernet(ByteOrder.LITTLE_ENDIAN, false)
                .record(T0, 1, payload(60, 1))
                .recordHeader(T0, 0, 0xffff_ffffL, 10).raw(payload(10, 0))
                .record(T0, 2, payload(60, 2));
        Path f = write(dir, "lastresync.pcap", pcap.bytes());
        assertThat(readAll(f)).extracting(Expected::capLen).containsExactly(60, 60);
    }

    @Test
    void stopsWithOneDamageWhenNothingPlausibleFollows() throws IOException {
        byte[] garbage = new byte[5000];
        Arrays.fill(garbage, (byte) 0xee);
        Pcap pcap = Pcap.ethernet(ByteOrder.LITTLE_ENDIAN, false)
                .record(T0, 1, payload(60, 1)).raw(garbage);
        Path f = write(dir, "tail.pcap", pcap.bytes());
        try (CaptureReader reader = CaptureReader.open(f)) {
            RawPacket p = new RawPacket();
            assertThat(reader.next(p)).isTrue();
            assertThat(reader.next(p)).isFalse();
            assertThat(reader.damagedRecords()).isEqualTo(1);
            assertThat(reader.firstDamageOffset()).isEqualTo(24 + 16 + 60);
        }
    }

    @Test
    void doesNotResynchroniseIntoATimestampFarFromThePreviousRecord() throws IOException {
        // A damaged header followed by a record-shaped header a year later, then the true next record.
        Pcap pcap = Pcap.ethernet(ByteOrder.LITTLE_ENDIAN, false)
                .record(T0, 1, payload(60, 1))
                .recordHeader(T0, 0, 0xffff_ffffL, 10)
                .recordHeader(T0 + 365 * 86_400L, 0, 0, 10)
                .recordHeader(T0 + 365 * 86_400L, 0, 0, 10)
                .record(T0 + 1, 2, payload(60, 2));
        Path f = write(dir, "window.pcap", pcap.bytes());
        assertThat(readAll(f)).extracting(Expected::timestampNanos)
                .containsExactly(T0 * NS + 1_000, (T0 + 1) * NS + 2_000);
    }

    @Test
    void readsARecordBiggerThanTheInitialBuffer() throws IOException {
        int big = 3 * 1024 * 1024;
        byte[] data = payload(big, 9);
        Path f = write(dir, "big.pcap", new Pcap(ByteOrder.LITTLE_ENDIAN, false, 4 * 1024 * 1024, 1)
                .record(T0, 0, payload(100, 1)).record(T0, 1, data).record(T0, 2, payload(100, 3)).bytes());
        try (CaptureReader reader = CaptureReader.open(f)) {
            RawPacket p = new RawPacket();
            assertThat(reader.next(p)).isTrue();
            assertThat(reader.next(p)).isTrue();
            assertThat(p.capturedLength()).isEqualTo(big);
            assertThat(Arrays.copyOfRange(p.data(), p.offset(), p.offset() + big)).isEqualTo(data);
            assertThat(reader.next(p)).isTrue();
            assertThat(p.capturedLength()).isEqualTo(100);
            assertThat(reader.next(p)).isFalse();
            assertThat(reader.damagedRecords()).isZero();
        }
    }

    @Test
    void treatsARecordAboveTheHardMaximumAsDamageEvenIfSnaplenAllowsIt() throws IOException {
        long huge = PcapReader.HARD_MAX_CAPTURED_LENGTH + 4L;
        Pcap pcap = new Pcap(ByteOrder.LITTLE_ENDIAN, false, 0x7fff_ffffL, 1)
                .record(T0, 1, payload(60, 1))
                .recordHeader(T0, 0, huge, huge)
                .record(T0, 2, payload(60, 2));
        Path f = write(dir, "huge.pcap", pcap.bytes());
        var c = count(f);
        assertThat(c.packets()).isEqualTo(2);
        assertThat(c.damaged()).isEqualTo(1);
    }

    @Test
    void keepsEveryRecordIntactAcrossBufferRefills() throws IOException {
        Pcap pcap = Pcap.ethernet(ByteOrder.LITTLE_ENDIAN, false);
        int count = 30_000; // about 3.5 MiB: several refills of the 1 MiB window, records straddling each edge
        for (int i = 0; i < count; i++) {
            pcap.record(T0 + i / 1000, i % 1000, payload(1 + (i * 37) % 200, i));
        }
        Path f = write(dir, "many.pcap", pcap.bytes());
        try (CaptureReader reader = CaptureReader.open(f)) {
            RawPacket p = new RawPacket();
            long offset = 24;
            for (int i = 0; i < count; i++) {
                assertThat(reader.next(p)).isTrue();
                int len = 1 + (i * 37) % 200;
                assertThat(p.frameNumber()).isEqualTo(i + 1);
                assertThat(p.fileOffset()).isEqualTo(offset);
                assertThat(p.timestampNanos()).isEqualTo((T0 + i / 1000) * NS + (i % 1000) * 1000L);
                byte[] expected = payload(len, i);
                for (int k = 0; k < len; k++) {
                    if (p.data()[p.offset() + k] != expected[k]) {
                        throw new AssertionError("record " + (i + 1) + " byte " + k + " differs");
                    }
                }
                offset += 16 + len;
            }
            assertThat(reader.next(p)).isFalse();
            assertThat(reader.damagedRecords()).isZero();
        }
    }
}
