package org.mpcap.reports.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Names for captures in a report: the shortest trailing part of each path that tells it apart from the others
 * ({@code run-01.pcap}, or {@code default/run-01.pcap} when {@code fullmesh/run-01.pcap} is in the same
 * report), and ids safe for file names and HTML anchors.
 */
public final class CaptureLabels {
    private CaptureLabels() {}

    /** One label per path, in order; unique when the paths are distinct. */
    public static List<String> labels(List<Path> paths) {
        List<Path> abs = new ArrayList<>();
        for (Path p : paths) abs.add(p.toAbsolutePath().normalize());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < abs.size(); i++) {
            Path p = abs.get(i);
            int n = p.getNameCount();
            String label = p.toString();
            for (int k = 1; k <= n; k++) {
                Path suffix = p.subpath(n - k, n);
                boolean unique = true;
                for (int j = 0; j < abs.size() && unique; j++) {
                    if (j != i && abs.get(j).endsWith(suffix)) unique = false;
                }
                if (unique) {
                    // the separator as '/', a backslash stays (a name character on Unix)
                    label = suffix.toString().replace(java.io.File.separatorChar, '/');
                    break;
                }
            }
            out.add(label);
        }
        return out;
    }

    /** File-name and anchor safe ids from labels ("default/run-01.pcap" → "default-run-01"), unique. */
    public static List<String> ids(List<String> labels) {
        Set<String> used = new HashSet<>();
        Map<String, Integer> next = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (String l : labels) {
            String base = l.replaceAll("\\.(pcapng|pcap|cap|gz|dmp)(?=$|\\.)", "").toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
            if (base.isEmpty() || !Character.isLetter(base.charAt(0))) base = "c-" + base;
            String id = base;
            while (!used.add(id)) {
                int k = next.merge(base, 2, (a, b) -> a + 1);
                id = base + "-" + k;
            }
            out.add(id);
        }
        return out;
    }
}
