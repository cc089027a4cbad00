package org.mpcap.analyzer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A committed tshark {@code -T fields -E header=y} output: rows by frame number, values by field name. Lines
 * starting with '#' are comments (e.g. the tshark version).
 */
final class TsharkReference {
    private final Map<String, Integer> columns = new HashMap<>();
    private final Map<Long, String[]> rows = new HashMap<>();

    TsharkReference(Path tsv) throws IOException {
        boolean header = true;
        for (String line : Files.readAllLines(tsv)) {
            if (line.startsWith("#") || line.isEmpty()) continue;
            String[] f = line.split("\t", -1);
            if (header) {
                for (int i = 0; i < f.length; i++) columns.put(f[i], i);
                header = false;
                continue;
            }
            rows.put(Long.parseLong(f[columns.get("frame.number")]), f);
        }
    }

    int frames() { return rows.size(); }

    boolean has(String field) { return columns.containsKey(field); }

    /** The field's text in this frame, "" if empty or absent. */
    String text(long frame, String field) {
        String[] r = rows.get(frame);
        Integer c = columns.get(field);
        if (r == null || c == null || c >= r.length) return "";
        return r[c].trim();
    }

    /** An integer field, or -1 if empty. Multiple values: the first. */
    long number(long frame, String field) {
        List<String> v = values(frame, field);
        return v.isEmpty() ? -1 : Long.parseLong(v.get(0));
    }

    /** Aggregated values (tshark separates them with ',' by default, or ' ' with -E aggregator=/s). */
    List<String> values(long frame, String field) {
        String t = text(frame, field);
        if (t.isEmpty()) return List.of();
        return new ArrayList<>(Arrays.asList(t.split("[ ,;]+")));
    }
}
