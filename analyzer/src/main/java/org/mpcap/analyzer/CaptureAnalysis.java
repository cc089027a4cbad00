package org.mpcap.analyzer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mpcap.analyzer.capture.CaptureFormat;
import org.mpcap.analyzer.decode.DecoderCounters;
import org.mpcap.analyzer.flow.TcpStreamInfo;
import org.mpcap.analyzer.mptcp.MptcpConnectionInfo;
import org.mpcap.analyzer.stats.TrackingView;
import org.mpcap.analyzer.table.DataTable;

/**
 * Everything mpcap learned from one capture in one pass. Immutable once returned by {@link Analyzer}.
 *
 * @param path               the capture file ({@code -} for standard input)
 * @param format             file format (from magic bytes)
 * @param linkTypes          LINKTYPE_* values of the capture's interfaces
 * @param packets            records read (damaged, skipped records not included)
 * @param firstTimestampNanos epoch nanos of the earliest record (time outliers excluded), or 0 if none
 * @param lastTimestampNanos  epoch nanos of the latest record (time outliers excluded), or 0 if none
 * @param damagedRecords     records skipped because damaged
 * @param firstDamageOffset  byte offset of the first damaged record, or -1
 * @param decoder            what could not be decoded
 * @param tables             result tables by contract name, in a stable order
 * @param tracking           TCP conversations and MPTCP connections found
 * @param timeOutliers       records whose timestamp jumped more than a day from the record before (a damaged
 *                           clock: year 2106, zero); they are analysed with the previous record's time
 * @param firstTimeOutlierFrame 1-based frame number of the first of them, or 0
 * @param firstTimeOutlierNanos its timestamp as recorded (epoch nanos), or 0
 */
public record CaptureAnalysis(Path path, CaptureFormat format, Set<Integer> linkTypes, long packets,
                              long firstTimestampNanos, long lastTimestampNanos, long damagedRecords,
                              long firstDamageOffset, DecoderCounters decoder, Map<String, DataTable> tables,
                              TrackingView tracking, long timeOutliers, long firstTimeOutlierFrame,
                              long firstTimeOutlierNanos) {

    /** An analysis without time outliers. */
    public CaptureAnalysis(Path path, CaptureFormat format, Set<Integer> linkTypes, long packets,
                           long firstTimestampNanos, long lastTimestampNanos, long damagedRecords,
                           long firstDamageOffset, DecoderCounters decoder, Map<String, DataTable> tables,
                           TrackingView tracking) {
        this(path, format, linkTypes, packets, firstTimestampNanos, lastTimestampNanos, damagedRecords,
                firstDamageOffset, decoder, tables, tracking, 0, 0, 0);
    }

    public CaptureAnalysis {
        linkTypes = Set.copyOf(linkTypes);
        tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    /** The file name used in every table's {@code capture} column. */
    public String captureName() { return Analyzer.captureName(path); }

    /** The table called {@code name}, or throws if this analysis has none. */
    public DataTable table(String name) {
        DataTable t = tables.get(name);
        if (t == null) throw new IllegalArgumentException("no table " + name + "; have " + tables.keySet());
        return t;
    }

    /**
     * The capture's duration in seconds: latest minus earliest record time, time outliers left out (not last
     * minus first in file order, which is negative when the clock steps back); the same number in summary,
     * report and compare.
     */
    public double durationSeconds() { return (lastTimestampNanos - firstTimestampNanos) / 1e9; }

    /** One sentence about the time outliers for warnings, or null when there are none. */
    public String timeOutlierWarning() {
        if (timeOutliers == 0) return null;
        String when;
        try {
            when = java.time.Instant.ofEpochSecond(Math.floorDiv(firstTimeOutlierNanos, 1_000_000_000L)).toString();
        } catch (java.time.DateTimeException e) {
            when = firstTimeOutlierNanos + " ns";
        }
        return timeOutliers + " record" + (timeOutliers == 1 ? "" : "s") + " with a timestamp more than a day away "
                + "from the record before (first: frame " + firstTimeOutlierFrame + ", " + when + ") analysed with "
                + "the previous record's time; bins and durations ignore " + (timeOutliers == 1 ? "it" : "them");
    }

    /** Connections named one by one in {@link #echoedKeyMismatchWarning()}; the rest are counted. */
    static final int WARNING_NAMES = 10;

    /**
     * One sentence naming the connections whose handshake ACK echoed a key other than the SYN/ACK's (RFC 8684
     * §3.1; tshark warns the same, {@code mptcp.connection.echoed_key_mismatch}), or null when there are none.
     * Their IDSNs, tokens and HMAC checks use the SYN/ACK's key, as tshark's do.
     */
    public String echoedKeyMismatchWarning() {
        List<Integer> ids = tracking.echoedKeyMismatches();
        if (ids.isEmpty()) return null;
        String who;
        if (ids.size() == 1) {
            who = "connection " + ids.get(0);
        } else {
            List<String> names = new java.util.ArrayList<>();
            for (int i = 0; i < Math.min(WARNING_NAMES, ids.size()); i++) names.add(Integer.toString(ids.get(i)));
            who = ids.size() + " connections (" + String.join(", ", names)
                    + (ids.size() > WARNING_NAMES ? " and " + (ids.size() - WARNING_NAMES) + " more" : "") + ")";
        }
        return "the ACK of the MPTCP handshake echoes a key that does not match the key of the SYN/ACK on " + who
                + " (RFC 8684 §3.1); the SYN/ACK's key is used";
    }

    /** MPTCP connections, by connection index. */
    public List<MptcpConnectionInfo> connections() { return tracking.connections(); }

    /** TCP conversations, by {@code tcp.stream}. */
    public List<TcpStreamInfo> tcpStreams() { return tracking.tcpStreams(); }

    /** Names of the tables this analysis holds. */
    public List<String> tableNames() { return List.copyOf(tables.keySet()); }
}
