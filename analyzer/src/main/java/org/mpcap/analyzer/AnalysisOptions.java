package org.mpcap.analyzer;

/**
 * Knobs of one analysis. Durations in nanoseconds or milliseconds as named.
 *
 * @param binNanos               bin width of cumulative-bytes series (default 100 ms); 0 = full resolution
 * @param throughputWindowNanos  moving window of throughput series (default 1 s, as Wireshark's graph)
 * @param burstWindowMs          ip_hosts burst window (default 100 ms, as Wireshark)
 * @param burstBucketMs          ip_hosts burst bucket (default 5 ms, as Wireshark)
 * @param mptcpOptionRows        also build the per-option table {@code mptcp-options} (one row per MPTCP option:
 *                               memory grows with the capture, so off by default; {@code export} turns it on)
 * @param statistics             run the statistics collectors ({@code StatsCollectors}: RTT, addresses, bytes over
 *                               time, transfers …); off, an analysis only reads, decodes and tracks, and holds just
 *                               the tracking tables ({@code connections}, {@code subflows}) — what {@code summary}
 *                               needs, at about a third of the cost per packet
 */
public record AnalysisOptions(long binNanos, long throughputWindowNanos, int burstWindowMs, int burstBucketMs,
                              boolean mptcpOptionRows, boolean statistics) {
    public static final AnalysisOptions DEFAULTS = new AnalysisOptions(100_000_000L, 1_000_000_000L, 100, 5);

    /** Options without the per-option table. */
    public AnalysisOptions(long binNanos, long throughputWindowNanos, int burstWindowMs, int burstBucketMs) {
        this(binNanos, throughputWindowNanos, burstWindowMs, burstBucketMs, false, true);
    }

    /** A copy with {@link #mptcpOptionRows} set. */
    public AnalysisOptions withMptcpOptionRows(boolean on) {
        return new AnalysisOptions(binNanos, throughputWindowNanos, burstWindowMs, burstBucketMs, on, statistics);
    }

    /** A copy with {@link #statistics} set. */
    public AnalysisOptions withStatistics(boolean on) {
        return new AnalysisOptions(binNanos, throughputWindowNanos, burstWindowMs, burstBucketMs, mptcpOptionRows, on);
    }

    public AnalysisOptions {
        if (binNanos < 0) throw new IllegalArgumentException("bin must be >= 0");
        if (throughputWindowNanos <= 0) throw new IllegalArgumentException("throughput window must be > 0");
        if (burstWindowMs <= 0 || burstBucketMs <= 0 || burstWindowMs % burstBucketMs != 0) {
            throw new IllegalArgumentException("burst window must be a positive multiple of the bucket");
        }
    }
}
