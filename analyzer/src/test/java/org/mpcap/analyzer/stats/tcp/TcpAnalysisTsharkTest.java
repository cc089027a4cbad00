package org.mpcap.analyzer.stats.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.table.DataTable;

/**
 * Differential test against tshark 4.0.17: for every capture with a reference in
 * {@code src/test/resources/tcp-analysis/} (written by its {@code tshark.sh}), the frames mpcap's {@code tcp-analysis}
 * table flags with retransmission, fast_retransmission, spurious_retransmission, out_of_order, lost_segment,
 * ack_lost_segment or duplicate_ack — and duplicate_ack_num / duplicate_ack_frame — equal tshark's, frame for frame
 * (a frame absent from both carries none of them). Divergences, each with its reason, are in
 * {@code tshark-divergences.md}; the frames concerned are listed in {@link #DIVERGENT}.
 */
class TcpAnalysisTsharkTest {
    private static final Path REFERENCES = Path.of("src/test/resources/tcp-analysis");
    private static final String[] FLAGS = {"retransmission", "fast_retransmission", "spurious_retransmission",
            "out_of_order", "lost_segment", "ack_lost_segment", "duplicate_ack"};

    /**
     * Frames where mpcap differs from tshark on purpose (tshark-divergences.md, "TCP analysis"), by reference name.
     * Snap-length captures: tshark stops dissecting at the cut option and flags nothing, so every mpcap flag there
     * differs; they are checked apart ({@link #snapLengthCapturesAreAnalysedFromTheFixedHeader}).
     */
    private static final Map<String, Set<Long>> DIVERGENT = Map.of(
            "realcaps_ev-mid.pcap.tsv", Set.of(19L, 31L));
    private static final Set<String> SNAP_CUT = Set.of("realcaps_close-snap64.pcap.tsv",
            "realcaps_ev-a0-snap54.pcap.tsv");

    static Stream<String> references() throws IOException {
        try (Stream<Path> s = Files.list(REFERENCES)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tsv"))
                    .filter(n -> !SNAP_CUT.contains(n)).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void flaggedFramesEqualTshark(String reference) throws IOException {
        Map<Long, String> expected = readReference(REFERENCES.resolve(reference));
        Map<Long, String> actual = mpcapFlags(capture(reference));
        Set<Long> ignore = DIVERGENT.getOrDefault(reference, Set.of());
        List<String> differences = new ArrayList<>();
        Set<Long> frames = new TreeSet<>(expected.keySet());
        frames.addAll(actual.keySet());
        for (long f : frames) {
            if (ignore.contains(f)) continue;
            String e = expected.get(f), a = actual.get(f);
            if (!java.util.Objects.equals(e, a)) differences.add("frame " + f + ": tshark " + e + ", mpcap " + a);
        }
        assertTrue(differences.isEmpty(), reference + ": " + differences.size() + " frames differ, first: "
                + differences.subList(0, Math.min(10, differences.size())));
        assertTrue(expected.size() >= ignore.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snapCut")
    void snapLengthCapturesAreAnalysedFromTheFixedHeader(String reference) throws IOException {
        // tshark flags nothing (its dissection of the frame stops at the cut option before the flags are shown);
        // mpcap needs only the fixed TCP header and flags what the full capture shows for the same segments
        assertEquals(Map.of(), readReference(REFERENCES.resolve(reference)));
        assertTrue(mpcapFlags(capture(reference)).size() > 0, reference);
    }

    static Stream<String> snapCut() { return SNAP_CUT.stream().sorted(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lossCaptures")
    void lossCapturesHaveRetransmissionsAndDuplicateAcks(String reference) throws IOException {
        // the recorded loss fixtures must really exercise the analysis (a reference of zero flags would pass anything)
        Map<Long, String> expected = readReference(REFERENCES.resolve(reference));
        assertTrue(expected.values().stream().anyMatch(v -> v.startsWith("retransmission,fast_retransmission")),
                reference + " has no fast retransmission");
        assertTrue(expected.values().stream().anyMatch(v -> v.contains("duplicate_ack")), reference);
    }

    static Stream<String> lossCaptures() throws IOException {
        return references().filter(n -> n.startsWith("loss_"));
    }

    /** The capture a reference file describes: NAME.tsv where NAME is its path with '/' turned into '_'. */
    static Path capture(String reference) {
        String name = reference.substring(0, reference.length() - ".tsv".length());
        if (name.startsWith("sample-pcaps_")) {
            return Path.of("..", "sample-pcaps", name.substring(13).replaceFirst("_", "/"));
        }
        int cut = name.indexOf('_');
        return Path.of("src/test/resources", name.substring(0, cut), name.substring(cut + 1));
    }

    /** Frame → "flag,flag|dupnum|dupframe" from mpcap's tcp-analysis table (only the compared flags). */
    static Map<Long, String> mpcapFlags(Path capture) throws IOException {
        CaptureAnalysis a = new Analyzer().analyze(capture);
        DataTable t = a.table(TcpAnalysisCollector.FRAMES);
        Map<Long, String> out = new TreeMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            Set<String> names = Set.of(((String) t.get(r, "analysis")).split(","));
            List<String> on = new ArrayList<>();
            for (String f : FLAGS) if (names.contains(f)) on.add(f);
            if (on.isEmpty()) continue;
            Object num = t.get(r, "duplicate_ack_num"), frame = t.get(r, "duplicate_ack_frame");
            out.put((Long) t.get(r, "frame"), String.join(",", on) + "|" + (num == null ? "" : num) + "|"
                    + (frame == null ? "" : frame));
        }
        return out;
    }

    /** Frame → the same key from a tshark reference (first value of each field: -E aggregator gives two for dups). */
    static Map<Long, String> readReference(Path file) throws IOException {
        Map<Long, String> out = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("#") || line.startsWith("frame.number") || line.isBlank()) continue;
            String[] c = line.split("\t", -1);
            List<String> on = new ArrayList<>();
            for (int i = 0; i < FLAGS.length; i++) if (!c[2 + i].isEmpty()) on.add(FLAGS[i]);
            if (on.isEmpty()) continue;
            out.put(Long.parseLong(c[0]), String.join(",", on) + "|" + first(c[9]) + "|" + first(c[10]));
        }
        return out;
    }

    private static String first(String aggregated) {
        int i = aggregated.indexOf(' ');
        return i < 0 ? aggregated : aggregated.substring(0, i);
    }
}
