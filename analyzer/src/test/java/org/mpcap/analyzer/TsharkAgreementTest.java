package org.mpcap.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Per-packet agreement with tshark 4.0 on {@code tcp.stream}, {@code mptcp.stream} and
 * {@code tcp.options.mptcp.subtype}, and of tokens with {@code mptcp.expected_token}, using the committed tshark
 * outputs (no tshark at test time): the edge-case fixtures (src/test/resources/fixtures/NAME.tshark.tsv), the
 * captures recorded on real kernels in many set-ups (src/test/resources/realcaps/F.tshark.tsv, see its README) and the
 * testbed's sample captures (sample-pcaps/tshark/SCENARIO/run-NN.fields.tsv). Intended divergences are listed in
 * src/test/resources/tshark-divergences.md; the fixtures that show them are checked by their own tests.
 */
class TsharkAgreementTest {
    /** Fixtures whose mptcp.stream intentionally differs from Wireshark (see tshark-divergences.md). */
    static final Set<String> MPTCP_STREAM_DIVERGES = Set.of("partial", "ev-mid");
    /**
     * Captures with a snap length that cuts MPTCP options: Wireshark shows the subtype of an option cut after its
     * third byte, mpcap drops the cut option (tshark-divergences.md); there ours must be a prefix of tshark's.
     */
    static final Set<String> CUT_OPTIONS = Set.of("close-snap64", "ev-a0-snap54");

    static List<Path[]> cases() throws IOException {
        List<Path[]> out = new ArrayList<>();
        Path fixtures = Path.of("src/test/resources/fixtures");
        try (Stream<Path> s = Files.list(fixtures)) {
            s.filter(p -> p.toString().endsWith(".pcap")).sorted().forEach(p -> out.add(new Path[] {p,
                    fixtures.resolve(p.getFileName().toString().replace(".pcap", ".tshark.tsv"))}));
        }
        Path realcaps = Path.of("src/test/resources/realcaps");
        try (Stream<Path> s = Files.list(realcaps)) {
            s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng|gz)$")).sorted().forEach(p -> out.add(new Path[] {p,
                    realcaps.resolve(p.getFileName() + ".tshark.tsv")}));
        }
        Path samples = Path.of("../sample-pcaps");
        if (Files.isDirectory(samples.resolve("tshark"))) {
            try (Stream<Path> s = Files.walk(samples.resolve("tshark"))) {
                s.filter(p -> p.getFileName().toString().endsWith(".fields.tsv")).sorted().forEach(tsv -> {
                    String scenario = tsv.getParent().getFileName().toString();
                    String run = tsv.getFileName().toString().replace(".fields.tsv", "");
                    Path pcap = samples.resolve(scenario).resolve(run + ".pcap");
                    if (Files.exists(pcap)) out.add(new Path[] {pcap, tsv});
                });
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> tcpStreamMptcpStreamAndSubtypesEqualTshark() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c[0].toString(), () -> compare(c[0], c[1])));
    }

    static void compare(Path pcap, Path tsv) throws IOException {
        TsharkReference ref = new TsharkReference(tsv);
        PacketRecorder rec = new PacketRecorder();
        CaptureAnalysis a = new Analyzer().analyze(pcap, List.of(rec));
        String name = pcap.getFileName().toString().replace(".pcap", "");
        boolean checkMptcp = !MPTCP_STREAM_DIVERGES.contains(name);
        boolean cutOptions = CUT_OPTIONS.contains(name);
        long tcpCompared = 0, mptcpCompared = 0, subtypeCompared = 0;
        Set<Long> tcpStreams = new TreeSet<>(), mptcpStreams = new TreeSet<>();
        for (PacketRecorder.Seen p : rec.packets) {
            long frame = p.frame();
            long tcp = ref.number(frame, "tcp.stream");
            if (tcp >= 0) {
                assertThat(p.tcpStream()).as("%s frame %d tcp.stream", pcap, frame).isEqualTo(tcp);
                tcpCompared++;
                tcpStreams.add(tcp);
            }
            long mptcp = ref.number(frame, "mptcp.stream");
            if (mptcp >= 0 && checkMptcp) {
                assertThat(p.connection()).as("%s frame %d mptcp.stream", pcap, frame).isEqualTo(mptcp);
                mptcpCompared++;
                mptcpStreams.add(mptcp);
            }
            List<Integer> subtypes = new ArrayList<>();
            for (String v : ref.values(frame, "tcp.options.mptcp.subtype")) subtypes.add(Integer.parseInt(v));
            if (cutOptions && p.subtypes().size() < subtypes.size()) {
                assertThat(subtypes.subList(0, p.subtypes().size())).as("%s frame %d subtypes", pcap, frame)
                        .isEqualTo(p.subtypes());
            } else {
                assertThat(p.subtypes()).as("%s frame %d subtypes", pcap, frame).isEqualTo(subtypes);
            }
            if (!subtypes.isEmpty()) subtypeCompared++;
            for (String tok : ref.values(frame, "mptcp.expected_token")) {
                long token = Long.parseLong(tok);
                assertThat(a.connections()).as("%s frame %d expected_token %d", pcap, frame, token)
                        .anyMatch(c -> c.clientToken() == token || c.serverToken() == token);
            }
        }
        assertThat(tcpCompared).as("%s: frames with tcp.stream", pcap).isPositive();
        System.out.printf("tshark agreement %s: %d frames, tcp.stream on %d frames (%d streams), mptcp.stream on %d "
                        + "frames (%d connections), subtypes on %d frames%n", pcap, rec.packets.size(), tcpCompared,
                tcpStreams.size(), mptcpCompared, mptcpStreams.size(), subtypeCompared);
    }
}
