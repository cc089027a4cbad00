package org.mpcap.reports.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.reports.output.AtomicOutput;
import org.mpcap.reports.parquet.ParquetTableWriter;
import org.mpcap.reports.parquet.ParquetTableWriter.CaptureInfo;

/** The {@code parquet/} folder of {@code report} and {@code compare}: one {@code NAME.parquet} per table. */
final class ParquetOutput {
    private ParquetOutput() {}

    /** Writes every table into {@code dir} (created), each file atomically. */
    static void write(List<DataTable> tables, Origins origins, Path dir) throws IOException {
        for (DataTable t : tables) {
            AtomicOutput.write(dir.resolve(t.name() + ".parquet"),
                    os -> ParquetTableWriter.write(t, origins::get, false, os));
        }
    }

    /**
     * What is known of each capture by the name its tables' {@code capture} column gives it. Two captures
     * under one name with different start times make that name's start unknown rather than wrong.
     */
    static final class Origins {
        private final Map<String, CaptureInfo> byName = new HashMap<>();

        void put(String name, CaptureAnalysis a) { put(name, a, null, null); }

        void put(String name, CaptureAnalysis a, String scenario, String run) {
            long first = a.packets() > 0 ? a.firstTimestampNanos() : Long.MIN_VALUE;
            CaptureInfo info = new CaptureInfo(first, scenario, run);
            CaptureInfo had = byName.putIfAbsent(name, info);
            if (had != null && !had.equals(info)) byName.put(name, new CaptureInfo(Long.MIN_VALUE, null, null));
        }

        CaptureInfo get(String name) { return byName.get(name); }
    }
}
