package org.mpcap.analyzer.stats;

import java.util.ArrayList;
import java.util.List;
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
