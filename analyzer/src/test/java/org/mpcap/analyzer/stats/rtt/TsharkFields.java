package org.mpcap.analyzer.stats.rtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * tshark's committed per-packet fields of the sample captures ({@code sample-pcaps/tshark/SCENARIO/run-NN.fields.tsv},
 * written by {@code make-reference.sh}; no tshark at test time).
 */
final class TsharkFields {
    final Path tsv;
    final List<String> header;
    final List<String[]> rows = new ArrayList<>();

    TsharkFields(Path tsv) {
        this.tsv = tsv;
        try {
            List<String> lines = Files.readAllLines(tsv);
            header = List.of(lines.get(0).split("\t", -1));
            for (String l : lines.subList(1, lines.size())) rows.add(l.split("\t", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String get(String[] row, String field) {
        int i = header.indexOf(field);
        if (i < 0) throw new IllegalArgumentException(tsv + " has no field " + field);
        return row[i];
    }

    /** The repository's {@code sample-pcaps} directory (tests run in the module directory). */
    static Path samples() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("sample-pcaps"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("no sample-pcaps directory above " + Path.of("").toAbsolutePath());
        return dir.resolve("sample-pcaps");
    }

    /** Every {@code run-NN.fields.tsv}, sorted. */
    static List<Path> all() {
        try (Stream<Path> s = Files.walk(samples().resolve("tshark"))) {
            List<Path> l = s.filter(p -> p.getFileName().toString().endsWith(".fields.tsv")).sorted().toList();
            if (l.isEmpty()) throw new IllegalStateException("no tshark fields under " + samples());
            return l;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * tshark's fields of {@code src/test/resources/rtt/adversarial.pcap} (built by {@code make-adversarial.py}:
     * retransmissions, partial/cumulative/duplicate ACKs, keep-alives, zero deltas, sequence wrap).
     */
    static Path adversarial() {
        return Path.of("src/test/resources/rtt/adversarial.fields.tsv").toAbsolutePath();
    }

    /** The capture a fields file describes: {@code tshark/SCENARIO/run-NN.fields.tsv} → {@code SCENARIO/run-NN.pcap}. */
    static Path capture(Path tsv) {
        if (tsv.equals(adversarial())) return tsv.resolveSibling("adversarial.pcap");
        String name = tsv.getFileName().toString().replace(".fields.tsv", ".pcap");
        return samples().resolve(tsv.getParent().getFileName().toString()).resolve(name);
    }

    /** tshark's relative time / ack_rtt text (seconds, 9 decimals) in nanoseconds. */
    static long nanos(String seconds) {
        return new java.math.BigDecimal(seconds).movePointRight(9).longValueExact();
    }
}
