package org.mpcap.analyzer;

import java.util.List;
import org.mpcap.analyzer.table.DataTable;

/**
 * Two captures of the same connections, one at the client and one at the server, and what their pairing found
 * ({@link org.mpcap.analyzer.stats.pair.CapturePairing}: tables {@code owd-summary} and {@code owd}).
 *
 * @param client the client-side capture's analysis
 * @param server the server-side capture's analysis
 * @param tables the pairing's tables
 */
public record PairAnalysis(CaptureAnalysis client, CaptureAnalysis server, List<DataTable> tables) {
    public PairAnalysis {
        tables = List.copyOf(tables);
    }
}
