package org.mpcap.reports.cli;

import java.nio.file.Path;
import java.util.List;
import org.mpcap.analyzer.table.DataTable;

/** Glue between the {@code runs} table and the analyzer's aggregation across runs. */
final class Aggregation {
    /** Tables {@code aggregate} and {@code comparison}; null when the analyzer cannot produce them. */
    record Result(DataTable aggregate, DataTable comparison) {}

    private Aggregation() {}

    static Result of(DataTable runs) {
        return new Result(null, null); // the analyzer's RunAggregate is not in this build yet
    }

    static DataTable mergeObservations(DataTable runs, List<Path> files) {
        if (!files.isEmpty()) throw new InputException("--observations needs the analyzer's Observations reader, "
                + "which is not in this build yet");
        return runs;
    }
}
