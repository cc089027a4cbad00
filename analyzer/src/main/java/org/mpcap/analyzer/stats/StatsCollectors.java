package org.mpcap.analyzer.stats;

import java.util.ArrayList;
import java.util.List;
import org.mpcap.analyzer.AnalysisOptions;

/** The statistics computed in the single pass; the {@link org.mpcap.analyzer.Analyzer} feeds each one. */
public final class StatsCollectors {
    private StatsCollectors() {}

    /** A fresh instance of every collector, for one capture. */
    public static List<StatsCollector> create(AnalysisOptions options) {
        List<StatsCollector> all = new ArrayList<>();
        all.add(new AddressStatsCollector(options));
        return all;
    }
}
