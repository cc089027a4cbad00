package org.mpcap.analyzer.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cross-checks the reader against tshark 4.0.17 on the committed fixtures (see resources/capture/README.md for
 * how they were made and for the intended divergences that the expectations below encode).
 */
class TsharkFixtureTest {
    /** Wireshark's WTAP_ENCAP_* (frame.encap_type) → LINKTYPE_* of the link types in the fixtures. */
    private static final Map<Integer, Integer> LINKTYPE_OF_ENCAP = Map.of(1, 1, 7, 101, 25, 113, 210, 276);

    private record Row(long frame, String interfaceId, int encap, String epoch, int len, int capLen) {
        boolean isPacket() {
            return !interfaceId.isEmpty() || !epoch.isEmpty(); // custom blocks have neither
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(TsharkFixtureTest.class.getResource("/capture/" + name).toURI());
    }

    private static List<Row> tshark(String name) throws IOException, URISyntaxException {
        List<String> lines = Files.readAllLines(resource(name + ".tshark.tsv"), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo(
                "frame.number\tframe.interface_id\tframe.encap_type\tframe.time_epoch\tframe.len\tframe.cap_len");
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            rows.add(new Row(Long.parseLong(f[0]), f[1], f[2].isEmpty() ? -1 : Integer.parseInt(f[2]), f[3],
                    Integer.parseInt(f[4]), Integer.parseInt(f[5])));
        }
        return rows;
    }

    private static long nanos(String epoch) {
        return new BigDecimal(epoch).movePointRight(9).longValueExact();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // file,               format,      packets, frame where section 2 starts (0: one section), its IDB base
        "lo.pcap,              PCAP_MICROS, 16,      0, 0",
        "any-ns.pcap,          PCAP_NANOS,  16,      0, 0",
        "merged.pcapng.gz,     PCAPNG,      32,      0, 0",
        "builder-mix.pcapng,   PCAPNG,      6,       6, 2",
    })
    void readsWhatTsharkReads(String file, CaptureFormat format, int packets, long sectionTwoFrom, int sectionTwoBase)
            throws IOException, URISyntaxException {
        List<Row> expected = tshark(file);
        try (CaptureReader reader = CaptureReader.open(resource(file))) {
            assertThat(reader.format()).isEqualTo(format);
            RawPacket p = new RawPacket();
            int returned = 0;
            long previousTimestamp = 0;
            for (Row row : expected) {
                if (!row.isPacket()) {
                    continue; // a custom block: numbered by tshark, not returned by the reader
                }
                assertThat(reader.next(p)).as("frame %d of %s", row.frame(), file).isTrue();
                returned++;
                assertThat(p.frameNumber()).isEqualTo(row.frame());
                assertThat(p.originalLength()).as("frame.len of %d", row.frame()).isEqualTo(row.len());
                assertThat(p.capturedLength()).as("frame.cap_len of %d", row.frame()).isEqualTo(row.capLen());
                assertThat(p.linkType()).as("link type of %d", row.frame()).isEqualTo(LINKTYPE_OF_ENCAP.get(row.encap()));
                long expectedTime = row.epoch().isEmpty() ? previousTimestamp : nanos(row.epoch()); // SPB: no time
                assertThat(p.timestampNanos()).as("frame.time_epoch of %d", row.frame()).isEqualTo(expectedTime);
                int local = row.interfaceId().isEmpty() ? 0 : Integer.parseInt(row.interfaceId());
                int base = sectionTwoFrom > 0 && row.frame() >= sectionTwoFrom ? sectionTwoBase : 0;
                assertThat(p.interfaceId()).as("interface of %d", row.frame()).isEqualTo(local + base);
                previousTimestamp = p.timestampNanos();
            }
            assertThat(reader.next(p)).isFalse();
            assertThat(returned).isEqualTo(packets);
            assertThat(reader.damagedRecords()).isZero();
        }
    }
}
