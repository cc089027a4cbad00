package org.mpcap.analyzer.stats;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper: parses the plain-text output of {@code tshark -q -z ip_hosts,tree -z ipv6_hosts,tree} (4.0) and
 * prints mpcap's doubles the way tshark does (C printf rounds the exact binary value half-even).
 */
final class TsharkIpHosts {
    /** One printed row; text exactly as tshark printed it ("" when the cell is empty). */
    record Row(String address, String count, String rate, String percent, String burstRate, String burstStart) {}

    private TsharkIpHosts() {}

    /** Rows by IP version (4, 6), in tshark's order, the "All Addresses" root row excluded. */
    static Map<Integer, List<Row>> parse(Path file) throws IOException {
        Map<Integer, List<Row>> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Integer version = null;
        int[] starts = null;
        for (String line : lines) {
            if (line.startsWith("IPv4 Statistics/All Addresses:")) { version = 4; continue; }
            if (line.startsWith("IPv6 Statistics/All Addresses:")) { version = 6; continue; }
            if (version == null) continue;
            if (line.startsWith("Topic / Item")) {
                // column starts from the header: name, Count, Average, Min Val, Max Val, Rate, Percent, Burst..
                String[] names = {"Count", "Average", "Min Val", "Max Val", "Rate (ms)", "Percent", "Burst Rate",
                        "Burst Start"};
                starts = new int[names.length];
                for (int i = 0; i < names.length; i++) starts[i] = line.indexOf(names[i]);
                out.put(version, new ArrayList<>());
                continue;
            }
            if (starts == null || line.startsWith("-") || line.startsWith("=") || line.isBlank()
                    || line.startsWith("All Addresses")) {
                if (line.startsWith("=")) { version = null; starts = null; }
                continue;
            }
            String name = line.substring(0, starts[0]).trim();
            out.get(version).add(new Row(name, cell(line, starts, 0), cell(line, starts, 4), cell(line, starts, 5),
                    cell(line, starts, 6), cell(line, starts, 7)));
        }
        return out;
    }

    private static String cell(String line, int[] starts, int i) {
        int from = starts[i];
        int to = i + 1 < starts.length ? starts[i + 1] : line.length();
        if (from >= line.length()) return "";
        return line.substring(from, Math.min(to, line.length())).trim();
    }

    /** {@code printf("%.Nf", v)} as glibc does it (exact binary value, ties to even). */
    static String printf(double v, int decimals) {
        return new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }
}
