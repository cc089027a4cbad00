package org.mpcap.reports.cli;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The outputs {@code mpcap report} and {@code mpcap compare} can write ({@code --format}). */
enum OutputFormat {
    /** index.html: one self-contained page, charts inline as SVG. */
    HTML,
    /** tables.xlsx: one sheet per table, native charts. */
    XLSX,
    /** csv/NAME.csv for every table. */
    CSV,
    /** report.md: Markdown tables and links to charts/ID.png. */
    MD,
    /** tables.tex: LaTeX booktabs tables. */
    TEX,
    /** charts/ID.png and charts/ID.svg. */
    CHARTS,
    /** parquet/NAME.parquet for every table (typed columns); opt-in: not part of "all". */
    PARQUET;

    /** Parses a comma list ("html,csv"), or "all" (every format but the opt-in PARQUET). */
    static Set<OutputFormat> parse(List<String> values) {
        Set<OutputFormat> out = EnumSet.noneOf(OutputFormat.class);
        for (String v : values) {
            for (String s : v.split(",")) {
                String k = s.trim().toLowerCase(Locale.ROOT);
                if (k.isEmpty()) continue;
                switch (k) {
                    case "all" -> out.addAll(EnumSet.complementOf(EnumSet.of(PARQUET)));
                    case "markdown" -> out.add(MD);
                    case "latex" -> out.add(TEX);
                    case "png", "svg" -> out.add(CHARTS);
                    default -> {
                        try {
                            out.add(valueOf(k.toUpperCase(Locale.ROOT)));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException("unknown format '" + s.trim()
                                    + "' (expected html, xlsx, csv, md, tex, charts, parquet or all)");
                        }
                    }
                }
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no output format given");
        return out;
    }
}
