package org.mpcap.analyzer.stats;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mpcap.analyzer.AnalysisOptions;
import org.mpcap.analyzer.stats.datalevel.DsnGraphCollector;
import org.mpcap.analyzer.stats.datalevel.FlightSizeCollector;
import org.mpcap.analyzer.stats.datalevel.GoodputCollector;
import org.mpcap.analyzer.stats.datalevel.HolDelayCollector;
import org.mpcap.analyzer.stats.rtt.RttCollector;
import org.mpcap.analyzer.stats.tcp.TcpAnalysisCollector;

/**
 * The statistics computed in every analysis: one new set of collectors per capture, fed by the single pass in
 * {@link org.mpcap.analyzer.Analyzer}. Add a collector here to have its tables in every {@code CaptureAnalysis}.
 */
public final class StatsCollectors {
    private StatsCollectors() {
    }

    /**
     * Which collectors read the per-frame verdicts another one publishes in {@link PacketContext}
     * ({@code newDataBytes}, {@code reinjectedBytes}: the flow statistics; {@code tcpRetransmission}: the TCP
     * analysis): a collector is never run without those it reads, and runs after them ({@link #create} order).
     */
    private static final Map<Class<?>, List<Class<?>>> READS_VERDICTS_OF = Map.of(
            GoodputCollector.class, List.of(FlowStatsCollector.class, TcpAnalysisCollector.class),
            DsnGraphCollector.class, List.of(FlowStatsCollector.class, TcpAnalysisCollector.class));

    /**
     * Fresh collectors for one capture that produce at least one of {@code tables}, with the collectors whose
     * per-frame verdicts they read, in the order of {@link #create(AnalysisOptions)}: each table is then the same
     * as with every collector, and the pass does only the work those tables need ({@code export --table rtt} does
     * not compute bytes over time).
     */
    public static List<StatsCollector> create(AnalysisOptions options, Set<String> tables) {
        List<StatsCollector> probe = create(options);
        BitSet keep = new BitSet();
        for (int i = 0; i < probe.size(); i++) {
            for (var t : probe.get(i).finish("", TrackingView.empty())) {
                if (tables.contains(t.name())) keep.set(i);
            }
        }
        for (int i = probe.size() - 1; i >= 0; i--) { // prerequisites come first in the list
            if (!keep.get(i)) continue;
            for (Class<?> needed : READS_VERDICTS_OF.getOrDefault(probe.get(i).getClass(), List.of())) {
                for (int j = 0; j < i; j++) if (probe.get(j).getClass() == needed) keep.set(j);
            }
        }
        List<StatsCollector> all = create(options), kept = new ArrayList<>();
        for (int i = keep.nextSetBit(0); i >= 0; i = keep.nextSetBit(i + 1)) kept.add(all.get(i));
        return kept;
    }

    /** Fresh collectors for one capture, in the order their tables are listed. */
    public static List<StatsCollector> create(AnalysisOptions options) {
        List<StatsCollector> list = new ArrayList<>();
        list.add(new RttCollector(options.rttSampleCap()));
        list.add(new AddressStatsCollector(options));
        list.add(new InterfaceShareCollector());
        list.add(new FlowStatsCollector(options));
        list.add(new TcpAnalysisCollector());
        // after the flow statistics and the TCP analysis: they publish the per-frame verdicts these read
        // (PacketContext.newDataBytes, reinjectedBytes, tcpRetransmission)
        list.add(new GoodputCollector(options));
        list.add(new DsnGraphCollector(options.rttSampleCap()));
        list.add(new FlightSizeCollector(options.rttSampleCap()));
        list.add(new HolDelayCollector());
        return list;
    }
}
