package org.mpcap.analyzer.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.decode.TestPackets.cat;
import static org.mpcap.analyzer.decode.TestPackets.hex;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.capture.CaptureReader;
import org.mpcap.analyzer.capture.RawPacket;
import org.mpcap.analyzer.fixtures.PcapWriter;

/**
 * LINKTYPE_NULL headers of every kind Wireshark's packet-null.c recognises — BSD AF_ values in either byte order,
 * IRIX/UNICOS 16-bit AF_ values, Ethertypes written by old Linux libpcap in either byte order, PPP in HDLC-like
 * framing — each followed by the same TCP segment, decoded as tshark 4.0.17 decodes them
 * ({@code resources/decode/null-headers.tshark.tsv}, command in that directory's README).
 */
class NullLinkTypeTsharkTest {
    static final Path DIR = Path.of("src/test/resources/decode");
    static final Path CAPTURE = DIR.resolve("null-headers.pcap");

    /** The 4-byte (or ff 03 PPP) headers of the fixture's frames, in frame order, each with its IP version. */
    static final String[][] HEADERS = {
        {"02000000", "4"}, // AF_INET, little-endian host
        {"00000002", "4"}, // AF_INET, big-endian host
        {"00020000", "4"}, // IRIX/UNICOS: 16-bit big-endian AF_INET, then 2 zero bytes
        {"00000200", "4"}, // 2 zero bytes, then the 16-bit big-endian AF_INET
        {"1e000000", "6"}, // Darwin AF_INET6 = 30, little-endian
        {"0000001c", "6"}, // FreeBSD AF_INET6 = 28, big-endian
        {"18000000", "6"}, // NetBSD/OpenBSD AF_INET6 = 24
        {"00000800", "4"}, // Ethertype IPv4 as a big-endian 32-bit value (old Linux libpcap)
        {"00080000", "4"}, // Ethertype IPv4 as a little-endian 32-bit value
        {"000086dd", "6"}, // Ethertype IPv6, big-endian
        {"dd860000", "6"}, // Ethertype IPv6, little-endian
        {"ff030021", "4"}, // PPP in HDLC-like framing, protocol 0x0021 = IPv4
        {"08000000", "4"}, // not recognised: AF_ value 8
        {"86dd0000", "6"}, // not recognised: Ethertype 0xdd86
        {"07000000", "4"}, // not recognised: AF_ value 7
    };

    static byte[] build() {
        List<PcapWriter.Frame> frames = new ArrayList<>();
        for (int i = 0; i < HEADERS.length; i++) {
            byte[] ip = HEADERS[i][1].equals("4") ? LinkLayerDecodeTest.V4 : LinkLayerDecodeTest.V6;
            frames.add(new PcapWriter.Frame(1_700_000_000_000_000L + i * 1000L, cat(hex(HEADERS[i][0]), ip)));
        }
        return PcapWriter.write(frames, PacketDecoder.LINKTYPE_NULL);
    }

    @Test
    void committedCaptureMatchesItsBuilder() throws IOException {
        if (Boolean.getBoolean("golden.update")) Files.write(CAPTURE, build());
        assertThat(Files.readAllBytes(CAPTURE)).isEqualTo(build());
    }

    @Test
    void nullHeadersDecodeAsTsharkDecodesThem() throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve("null-headers.tshark.tsv"), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("frame.number\tip.version\tipv6.version\ttcp.srcport");
        List<String> expected = new ArrayList<>(), actual = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            String version = !f[2].isEmpty() ? "6" : !f[1].isEmpty() ? "4" : "-"; // IPv6 also fills ip.version
            expected.add(f[0] + " ip " + version + " tcp " + (f[3].isEmpty() ? "-" : f[3]));
        }
        PacketDecoder d = new PacketDecoder();
        try (CaptureReader r = CaptureReader.open(CAPTURE)) {
            RawPacket p = new RawPacket();
            while (r.next(p)) {
                DecodeStatus s = d.decode(p);
                boolean tcp = s == DecodeStatus.TCP;
                actual.add(p.frameNumber() + " ip " + (tcp ? Integer.toString(d.ip().version()) : "-") + " tcp "
                        + (tcp ? Integer.toString(d.tcp().srcPort()) : "-"));
            }
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(d.counters().decoderFaults()).isZero();
    }
}
