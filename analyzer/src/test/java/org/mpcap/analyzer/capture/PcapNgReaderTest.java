package org.mpcap.analyzer.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mpcap.analyzer.capture.CaptureBytes.count;
import static org.mpcap.analyzer.capture.CaptureBytes.PcapNg.opt;
import static org.mpcap.analyzer.capture.CaptureBytes.PcapNg.tsoffset;
import static org.mpcap.analyzer.capture.CaptureBytes.PcapNg.tsresol;
import static org.mpcap.analyzer.capture.CaptureBytes.payload;
import static org.mpcap.analyzer.capture.CaptureBytes.readAll;
import static org.mpcap.analyzer.capture.CaptureBytes.slice;
import static org.mpcap.analyzer.capture.CaptureBytes.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.capture.CaptureBytes.Expected;
import org.mpcap.analyzer.capture.CaptureBytes.PcapNg;

/** pcapng (draft-ietf-opsawg-pcapng): sections, interfaces, resolutions, block kinds, damage. */
class PcapNgReaderTest {
    private static final long T0 = 1_700_000_000L;
    private static final long NS = 1_000_000_000L;
    private static final long US = 1_000_000L;
    private static final int ETHERNET = 1;
    private static final int RAW = 101;
    private static final int LINUX_SLL = 113;

    @TempDir
    Path dir;

    private static byte[] data(RawPacket p) {
        return Arrays.copyOfRange(p.data(), p.offset(), p.offset() + p.capturedLength());
    }

    private void assertSimpleSection(ByteOrder order) throws IOException {
        PcapNg ng = new PcapNg(order).idb(ETHERNET, 262144);
        int firstEpb = ng.size();
        ng.epb(0, T0 * US + 123_456, payload(60, 1), 60).epb(0, (T0 + 1) * US, payload(61, 2), 1500);
        Path f = write(dir, "s.pcapng", ng.bytes());
        try (CaptureReader reader = CaptureReader.open(f)) {
            assertThat(reader.format()).isEqualTo(CaptureFormat.PCAPNG);
            RawPacket p = new RawPacket();
            assertThat(reader.next(p)).isTrue();
            assertThat(p.frameNumber()).isEqualTo(1);
            assertThat(p.timestampNanos()).isEqualTo(T0 * NS + 123_456_000);
            assertThat(p.capturedLength()).isEqualTo(60);
            assertThat(p.linkType()).isEqualTo(ETHERNET);
            assertThat(p.interfaceId()).isZero();
            assertThat(p.fileOffset()).isEqualTo(firstEpb);
            assertThat(data(p)).isEqualTo(payload(60, 1));
            assertThat(reader.next(p)).isTrue();
            assertThat(p.frameNumber()).isEqualTo(2);
            assertThat(p.originalLength()).isEqualTo(1500);
            assertThat(data(p)).isEqualTo(payload(61, 2));
            assertThat(reader.next(p)).isFalse();
            assertThat(reader.linkTypes()).containsExactly(ETHERNET);
            assertThat(reader.damagedRecords()).isZero();
        }
    }

    @Test
    void readsALittleEndianSection() throws IOException {
        assertSimpleSection(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void readsABigEndianSection() throws IOException {
        assertSimpleSection(ByteOrder.BIG_ENDIAN);
    }

    @Test
    void numbersInterfacesAcrossSectionsOfDifferentByteOrders() throws IOException {
        PcapNg ng = new PcapNg(ByteOrder.LITTLE_ENDIAN).idb(ETHERNET, 65535).idb(RAW, 65535)
                .epb(1, T0 * US, payload(40, 1))
                .section(ByteOrder.BIG_ENDIAN).idb(LINUX_SLL, 65535)
                .epb(0, (T0 + 1) * US, payload(41, 2))
                .section(ByteOrder.LITTLE_ENDIAN).idb(ETHERNET, 65535).idb(RAW, 65535)
                .epb(1, (T0 + 2) * US, payload(42, 3)).epb(0, (T0 + 3) * US, payload(43, 4));
        Path f = write(dir, "sections.pcapng", ng.bytes());
        List<Expected> all = readAll(f);
        assertThat(all).extracting(Expected::interfaceId).containsExactly(1, 2, 4, 3);
        assertThat(all).extracting(Expected::linkType).containsExactly(RAW, LINUX_SLL, RAW, ETHERNET);
        assertThat(all).extracting(Expected::frame).containsExactly(1L, 2L, 3L, 4L);
        assertThat(all).extracting(Expected::timestampNanos)
                .containsExactly(T0 * NS, (T0 + 1) * NS, (T0 + 2) * NS, (T0 + 3) * NS);
        try (CaptureReader reader = CaptureReader.open(f)) {
            while (reader.next(new RawPacket())) {
                // read to the end so every IDB has been seen
            }
            assertThat(reader.linkTypes()).containsExactly(ETHERNET, RAW, LINUX_SLL);
        }
    }

    @Test
    void convertsEachInterfaceAtItsOwnResolution() throws IOException {
        long frac20 = 0xABCDEL; // 20-bit fraction
        PcapNg ng = new PcapNg(ByteOrder.LITTLE_ENDIAN)
                .idb(ETHERNET, 262144)                    // default 10^-6
                .idb(RAW, 262144, tsresol(9))             // 10^-9
                .idb(LINUX_SLL, 262144, tsresol(0x80 | 20)) // 2^-20
                .epb(0, T0 * US + 1, payload(20, 0))
                .epb(1, T0 * NS + 123_456_789, payload(20, 1))
                .epb(2, (T0 << 20) | frac20, payload(20, 2));
        Path f = write(dir, "res.pcapng", ng.bytes());
        List<Expected> all = readAll(f);
        assertThat(all).extracting(Expected::linkType).containsExactly(ETHERNET, RAW, LINUX_SLL);
        assertThat(all.get(0).timestampNanos()).isEqualTo(T0 * NS + 1_000);
        assertThat(all.get(1).timestampNanos()).isEqualTo(T0 * NS + 123_456_789);
        // floor(0xABCDE × 10^9 / 2^20) = floor(703_710 × 10^9 / 1_048_576) = floor(671_110_153.2)
        assertThat(all.get(2).timestampNanos()).isEqualTo(T0 * NS + 671_110_153);
    }

    @Test
    void addsTsoffsetSecondsToEveryTimestampOfTheInterface() throws IOException {
        PcapNg ng = new PcapNg(ByteOrder.BIG_ENDIAN)
                .idb(ETHERNET, 262144, tsoffset(T0), tsresol(9))
                .idb(ETHERNET, 262144, tsoffset(-5))
                .epb(0, 1_500_000_000L, payload(20, 0))
                .epb(1, T0 * US, payload(20, 1));
        Path f = write(dir, "offset.pcapng", ng.bytes());
        assertThat(readAll(f)).extracting(Expected::timestampNanos)
                .containsExactly((T0 + 1) * NS + 500_000_000, (T0 - 5) * NS);
    }

    @Test
    void ignoresOtherInterfaceOptions() throws IOException {
        PcapNg ng = new PcapNg(ByteOrder.LITTLE_ENDIAN)
                .idb(ETHERNET, 262144, opt(2, "eth0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                        opt(3, "a long interface description".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                        tsresol(3))
                .epb(0, T0 * 1000 + 7, payload(20, 0));
        Path f = write(dir, "opts.pcapng", ng.bytes());
        assertThat(readAll(f)).extracting(Expected::timestampNanos).containsExactly(T0 * NS + 7_000_000);
    }

    @Test
    void readsSimplePacketBlocksOnTheFirstInterfaceCappedAtItsSnaplen() throws IOException {
        PcapNg ng = new PcapNg(ByteOrder.LITTLE_ENDIAN).idb(RAW, 64).idb(ETHERNET, 65535)
                .epb(1, T0 * US + 5, payload(30, 0))
                .spb(payload(64, 1), 1400)
                .spb(payload(33, 2), 33);
        Path f = write(dir, "spb.pcapng", ng.bytes());
        try (CaptureReader reader = CaptureReader.open(f)) {
            RawPacket p = new RawPacket();
            assertThat(reader.next(p)).isTrue();
            assertThat(reader.next(p)).isTrue();
            assertThat(p.frameNumber()).isEqualTo(2);
            assertThat(p.interfaceId()).isZero();
            assertThat(p.linkType()).isEqualTo(RAW);
            assertThat(p.capturedLength()).isEqualTo(64);
            assertThat(p.originalLength()).isEqualTo(1400);
            assertThat(data(p)).isEqualTo(payload(64, 1));
            assertThat(p.timestampNanos()).as("no timestamp in an SPB: the previous packet's")
                    .isEqualTo(T0 * NS + 5_000);
            assertThat(reader.next(p)).isTrue();
            assertThat(p.capturedLength()).as("padding is not data").isEqualTo(33);
            assertThat(data(p)).isEqualTo(payload(33, 2));
            assertThat(reader.next(p)).isFalse();
            assertThat(reader.damagedRecords()).isZero();
        }
    }

    @Test
    void readsObsoletePacketBlocks() throws IOException {
        PcapNg ng = new PcapNg(ByteOrder.BIG_ENDIAN).idb(ETHERNET, 65535).idb(RAW, 65535, tsresol(9))
                .pb(1, T0 * NS + 42, payload(50, 3), 70);
        Path f = write(dir, "pb.pcapng", ng.bytes());
        assertThat(readAll(f)).containsExactly(new Expected(1, T0 * NS + 42, 50, 70, RAW, 1));
    }

    @Test
    void skipsUnknownAndUninterestingBlocksByTheirLength() throws IOException {
        PcapNg ng = new PcapNg(ByteOrder.LITTLE_ENDIAN)
                .block(0x0BAD, payload(21, 0))            // custom block (§4.8)
                .idb(ETHERNET, 65535)
                .block(4, payload(16, 0))                 // name resolution (§4.5)
                .epb(0, T0 * US, payload(20, 1))
                .block(5, payload(24, 0))                 // interface statistics (§4.6)
                .block(0x8000_1234, payload(7, 0))        // local use
                .block(0x0000_0777, new byte[0])          // unknown, empty body
                .epb(0, T0 * US + 1, payload(20, 2));
        Path f = write(dir, "unknown.pcapng", ng.bytes());
        var c = count(f);
        assertThat(c.packets()).isEqualTo(2);
        assertThat(c.damaged()).isZero();
    }

    @Test
    void customBlocksTakeAFrameNumberAsInWiresharkButAreNotReturned() throws IOException {
        PcapNg ng = new PcapNg(ByteOrder.LITTLE_ENDIAN).idb(ETHERNET, 65535)
                .epb(0, 1, payload(20, 1))
                .block(0x0BAD, payload(12, 0))      // §4.8 custom block: frame 2 in Wireshark
                .block(0x4000_0BAD, payload(12, 0)) // custom block, not to be copied: frame 3
                .block(4, new byte[4])              // NRB: not a frame
                .epb(0, 2, payload(20, 2));
        Path f = write(dir, "custom.pcapng", ng.bytes());
        assertThat(readAll(f)).extracting(Expected::frame).containsExactly(1L, 4L);
    }

    @Test
    void sectionWithOnlyHeadersHasNoPackets() throws IOException {
        Path f = write(dir, "hdr.pcapng", new PcapNg(ByteOrder.LITTLE_ENDIAN).idb(ETHERNET, 65535).bytes());
        try (CaptureReader reader = CaptureReader.open(f)) {
            assertThat(reader.next(new RawPacket())).isFalse();
            assertThat(reader.damagedRecords()).isZero();
            assertThat(reader.linkTypes()).containsExactly(ETHERNET);
        }
    }

    private PcapNg fourPackets(ByteOrder order) {
        return new PcapNg(order).idb(ETHERNET, 65535);
    }

    @Test
    void skipsABlockWhoseLeadingLengthLiesAndReadsTheRest() throws IOException {
        PcapNg ng = fourPackets(ByteOrder.LITTLE_ENDIAN).epb(0, 1, payload(60, 1));
        int lying = ng.size();
        ng.blockWithLeadingLength(6, ng.epbBody(0, 2, payload(60, 2)), 200)
                .epb(0, 3, payload(60, 3)).epb(0, 4, payload(60, 4));
        Path f = write(dir, "lying.pcapng", ng.bytes());
        try (CaptureReader reader = CaptureReader.open(f)) {
            RawPacket p = new RawPacket();
            long[] stamps = new long[3];
            int n = 0;
            while (reader.next(p)) {
                assertThat(p.frameNumber()).isEqualTo(n + 1);
                stamps[n++] = p.timestampNanos();
            }
            assertThat(n).isEqualTo(3);
            assertThat(stamps).containsExactly(1_000, 3_000, 4_000);
            assertThat(reader.damagedRecords()).isEqualTo(1);
            assertThat(reader.firstDamageOffset()).isEqualTo(lying);
        }
    }

    @Test
    void treatsABlockLengthThatIsNotAMultipleOfFourAsDamage() throws IOException {
        PcapNg ng = fourPackets(ByteOrder.BIG_ENDIAN).epb(0, 1, payload(60, 1));
        ng.blockWithLeadingLength(6, ng.epbBody(0, 2, payload(60, 2)), 98)
                .epb(0, 3, payload(60, 3));
        Path f = write(dir, "odd.pcapng", ng.bytes());
        var c = count(f);
        assertThat(c.packets()).isEqualTo(2);
        assertThat(c.damaged()).isEqualTo(1);
    }

    @Test
    void treatsABlockLengthBelowTwelveAsDamage() throws IOException {
        PcapNg ng = fourPackets(ByteOrder.LITTLE_ENDIAN).epb(0, 1, payload(60, 1));
        ng.blockWithLeadingLength(6, ng.epbBody(0, 2, payload(60, 2)), 8)
                .epb(0, 3, payload(60, 3));
        Path f = write(dir, "tiny.pcapng", ng.bytes());
        assertThat(readAll(f)).extracting(Expected::timestampNanos).containsExactly(1_000L, 3_000L);
    }

    @Test
    void treatsABlockLongerThanTheRestOfTheFileAsDamage() throws IOException {
        PcapNg ng = fourPackets(ByteOrder.LITTLE_ENDIAN).epb(0, 1, payload(60, 1));
        int lying = ng.size();
        ng.blockWithLeadingLength(6, ng.epbBody(0, 2, payload(60, 2)), 4_000_000);
        Path f = write(dir, "long.pcapng", ng.bytes());
        try (CaptureReader reader = CaptureReader.open(f)) {
            RawPacket p = new RawPacket();
            assertThat(reader.next(p)).isTrue();
            assertThat(reader.next(p)).isFalse();
            assertThat(reader.damagedRecords()).isEqualTo(1);
            assertThat(reader.firstDamageOffset()).isEqualTo(lying);
        }
    }

    @Test
    void cutOffLastBlockIsCountedAsDamagedAndEarlierPacketsAreIntact() throws IOException {
        PcapNg ng = fourPackets(ByteOrder.BIG_ENDIAN).epb(0, 1, payload(60, 1)).epb(0, 2, payload(60, 2));
        int last = ng.size();
        byte[] all = ng.epb(0, 3, payload(60, 3)).bytes();
        Path f = write(dir, "cut.pcapng", slice(all, 0, all.length - 30));
        try (CaptureReader reader = CaptureReader.open(f)) {
            RawPacket p = new RawPacket();
            assertThat(reader.next(p)).isTrue();
            assertThat(reader.next(p)).isTrue();
            assertThat(data(p)).isEqualTo(payload(60, 2));
            assertThat(reader.next(p)).isFalse();
            assertThat(reader.damagedRecords()).isEqualTo(1);
            assertThat(reader.firstDamageOffset()).isEqualTo(last);
        }
    }

    @Test
    void cutOffBlockHeaderIsCountedAsDamaged() throws IOException {
        byte[] all = fourPackets(ByteOrder.LITTLE_ENDIAN).epb(0, 1, payload(60, 1)).epb(0, 2, payload(60, 2)).bytes();
        Path f = write(dir, "cuthdr.pcapng", slice(all, 0, all.length - (32 + 60 + 12) + 5));
        try (CaptureReader reader = CaptureReader.open(f)) {
            RawPacket p = new RawPacket();
            assertThat(reader.next(p)).isTrue();
            assertThat(reader.next(p)).isFalse();
            assertThat(reader.damagedRecords()).isEqualTo(1);
        }
    }

    @Test
    void packetOnAnUndefinedInterfaceIsDamage() throws IOException {
        PcapNg ng = fourPackets(ByteOrder.LITTLE_ENDIAN).epb(0, 1, payload(60, 1)).epb(1, 2, payload(60, 2))
                .epb(0, 3, payload(60, 3));
        Path f = write(dir, "noif.pcapng", ng.bytes());
        try (CaptureReader reader = CaptureReader.open(f)) {
            RawPacket p = new RawPacket();
            assertThat(reader.next(p)).isTrue();
            assertThat(reader.next(p)).isTrue();
            assertThat(p.frameNumber()).as("damaged records are not numbered").isEqualTo(2);
            assertThat(p.timestampNanos()).isEqualTo(3_000);
            assertThat(reader.next(p)).isFalse();
            assertThat(reader.damagedRecords()).isEqualTo(1);
        }
    }

    @Test
    void interfaceIdsOfAnEarlierSectionAreNotValidInALaterOne() throws IOException {
        PcapNg ng = new PcapNg(ByteOrder.LITTLE_ENDIAN).idb(ETHERNET, 65535).idb(ETHERNET, 65535)
                .section(ByteOrder.LITTLE_ENDIAN).idb(RAW, 65535)
                .epb(1, 1, payload(20, 0)).epb(0, 2, payload(20, 0));
        Path f = write(dir, "restart.pcapng", ng.bytes());
        try (CaptureReader reader = CaptureReader.open(f)) {
            RawPacket p = new RawPacket();
            assertThat(reader.next(p)).isTrue();
            assertThat(p.interfaceId()).isEqualTo(2);
            assertThat(reader.next(p)).isFalse();
            assertThat(reader.damagedRecords()).isEqualTo(1);
        }
    }

    @Test
    void capturedLengthBeyondTheBlockIsDamage() throws IOException {
        PcapNg ng = fourPackets(ByteOrder.LITTLE_ENDIAN);
        byte[] body = ng.epbBody(0, 2, payload(60, 2));
        ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 61); // captured length 61 > 60 present
        ng.block(6, body).epb(0, 3, payload(60, 3));
        Path f = write(dir, "caplen.pcapng", ng.bytes());
        try (CaptureReader reader = CaptureReader.open(f)) {
            RawPacket p = new RawPacket();
            assertThat(reader.next(p)).isTrue();
            assertThat(p.timestampNanos()).isEqualTo(3_000);
            assertThat(reader.damagedRecords()).isEqualTo(1);
        }
    }

    @Test
    void skipsASectionWithAnUnsupportedMajorVersion() throws IOException {
        ByteBuffer shb = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0x1A2B3C4D).putShort((short) 2).putShort((short) 0).putLong(-1);
        PcapNg ng = fourPackets(ByteOrder.LITTLE_ENDIAN).epb(0, 1, payload(20, 1))
                .block(0x0A0D0D0A, shb.array()).idb(ETHERNET, 65535).epb(0, 2, payload(20, 2))
                .section(ByteOrder.BIG_ENDIAN).idb(RAW, 65535).epb(0, 3, payload(20, 3));
        Path f = write(dir, "v2.pcapng", ng.bytes());
        try (CaptureReader reader = CaptureReader.open(f)) {
            RawPacket p = new RawPacket();
            assertThat(reader.next(p)).isTrue();
            assertThat(reader.next(p)).isTrue();
            assertThat(p.timestampNanos()).isEqualTo(3_000);
            assertThat(p.linkType()).isEqualTo(RAW);
            assertThat(reader.next(p)).isFalse();
            assertThat(reader.damagedRecords()).isEqualTo(1);
        }
    }

    @Test
    void badByteOrderMagicIsAFormatErrorAtItsOffset() {
        byte[] bytes = new PcapNg(ByteOrder.LITTLE_ENDIAN).idb(ETHERNET, 65535).bytes();
        bytes[8] = 0x12;
        Path f = write(dir, "bom.pcapng", bytes);
        assertThatThrownBy(() -> CaptureReader.open(f))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("bad pcapng byte-order magic: got 0x123c2b1a (expected 0x1a2b3c4d in either byte order)"
                        + " at byte offset 8");
    }

    @Test
    void badFirstSectionLengthIsAFormatError() {
        byte[] bytes = new PcapNg(ByteOrder.LITTLE_ENDIAN).idb(ETHERNET, 65535).bytes();
        bytes[4] = 30; // leading length 30, not a multiple of 4
        Path f = write(dir, "shblen.pcapng", bytes);
        assertThatThrownBy(() -> CaptureReader.open(f))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageStartingWith("bad pcapng section header block length: got 30")
                .extracting(e -> ((CaptureFormatException) e).offset()).isEqualTo(4L);
    }

    @Test
    void cutOffSectionHeaderIsAFormatError() {
        byte[] bytes = new PcapNg(ByteOrder.LITTLE_ENDIAN).bytes();
        Path f = write(dir, "shbcut.pcapng", slice(bytes, 0, 20));
        assertThatThrownBy(() -> CaptureReader.open(f))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("pcapng section header block cut off: got 20 bytes (expected at least 28) at byte offset 0");
    }

    @Test
    void readsAnEnhancedPacketBiggerThanTheInitialBuffer() throws IOException {
        byte[] big = payload(5 * 1024 * 1024 + 3, 7);
        PcapNg ng = fourPackets(ByteOrder.BIG_ENDIAN).epb(0, 1, payload(60, 1)).epb(0, 2, big)
                .epb(0, 3, payload(60, 3));
        Path f = write(dir, "bigepb.pcapng", ng.bytes());
        try (CaptureReader reader = CaptureReader.open(f)) {
            RawPacket p = new RawPacket();
            assertThat(reader.next(p)).isTrue();
            assertThat(reader.next(p)).isTrue();
            assertThat(data(p)).isEqualTo(big);
            assertThat(reader.next(p)).isTrue();
            assertThat(data(p)).isEqualTo(payload(60, 3));
            assertThat(reader.damagedRecords()).isZero();
        }
    }

    @Test
    void keepsEveryPacketIntactAcrossBufferRefills() throws IOException {
        PcapNg ng = new PcapNg(ByteOrder.LITTLE_ENDIAN).idb(ETHERNET, 65535).idb(RAW, 65535, tsresol(9));
        int count = 25_000;
        for (int i = 0; i < count; i++) {
            ng.epb(i % 2, i, payload(1 + (i * 31) % 150, i));
        }
        Path f = write(dir, "many.pcapng", ng.bytes());
        try (CaptureReader reader = CaptureReader.open(f)) {
            RawPacket p = new RawPacket();
            for (int i = 0; i < count; i++) {
                assertThat(reader.next(p)).isTrue();
                int len = 1 + (i * 31) % 150;
                assertThat(p.interfaceId()).isEqualTo(i % 2);
                assertThat(p.timestampNanos()).isEqualTo(i % 2 == 0 ? i * 1000L : i);
                if (!Arrays.equals(data(p), payload(len, i))) {
                    throw new AssertionError("packet " + (i + 1) + " differs");
                }
            }
            assertThat(reader.next(p)).isFalse();
            assertThat(reader.damagedRecords()).isZero();
        }
    }
}
