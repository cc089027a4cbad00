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
     * False for a collector whose tables come from the trackers alone: the pass then does not call its
     * {@link #onPacket} at all.
     */
    default boolean needsPackets() { return true; }

    /**
     * Builds the result tables. {@code capture} is the file name put in each table's first column;
     * {@code tracking} gives access to the connections and subflows found. It may run on another thread than
     * {@link #onPacket}, at the same time as other collectors' {@code finish}: it reads only this collector's
     * state and {@code tracking} (immutable).
     */
    List<DataTable> finish(String capture, TrackingView tracking);
}
