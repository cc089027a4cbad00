package org.mpcap.analyzer.stats;

import java.util.List;
import org.mpcap.analyzer.table.DataTable;

/**
 * A statistic computed in the single pass over a capture. {@link #onPacket} is called once per record, in file
 * order, after decoding and tracking; it must not allocate per packet (primitive arrays, ring buffers).
 * {@link #finish} is called once at the end and returns the collector's tables.
 */
public interface StatsCollector {
    void onPacket(PacketContext packet);

    /**
     * Builds the result tables. {@code capture} is the file name put in each table's first column;
     * {@code tracking} gives access to the connections and subflows found.
     */
    List<DataTable> finish(String capture, TrackingView tracking);
}
