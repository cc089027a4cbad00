package org.mpcap.analyzer.stats;

import java.util.ArrayList;
import java.util.List;
import org.mpcap.analyzer.AnalysisOptions;

/** The statistics computed in every analysis pass, in table order. */
public final class StatsCollectors {
    private StatsCollectors() {}

    /** New collectors (they hold per-capture state: one list per analysis). */
    public static List<StatsCollector> create(AnalysisOptions options) {
        List<StatsCollector> list = new ArrayList<>();
        list.add(new FlowStatsCollector(options));
        return list;
    }
}
