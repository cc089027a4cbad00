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
 * @param maxBins                most bins of a bytes-over-time series: when a capture is longer than
 *                               {@code maxBins × binNanos}, neighbouring bins merge and the width doubles (as often as
 *                               needed), so tables and charts stay bounded; default 65 536 (1.8 h at 100 ms)
 * @param rttSampleCap           most rows of the {@code rtt} sample table: past it, samples are kept as the minimum
 *                               and maximum per series and time bucket (the table's title says so); the
 *                               {@code rtt-summary} statistics always use every sample; default 500 000
 */
public record AnalysisOptions(long binNanos, long throughputWindowNanos, int burstWindowMs, int burstBucketMs,
                              boolean mptcpOptionRows, boolean statistics, int maxBins, int rttSampleCap) {
    /** Default {@link #maxBins}. */
    public static final int DEFAULT_MAX_BINS = 1 << 16;
    /** Default {@link #rttSampleCap}. */
    public static final int DEFAULT_RTT_SAMPLE_CAP = 500_000;
    public static final AnalysisOptions DEFAULTS = new AnalysisOptions(100_000_000L, 1_000_000_000L, 100, 5);

    /** Options without the per-option table. */
    public AnalysisOptions(long binNanos, long throughputWindowNanos, int burstWindowMs, int burstBucketMs) {
        this(binNanos, throughputWindowNanos, burstWindowMs, burstBucketMs, false, true, DEFAULT_MAX_BINS,
                DEFAULT_RTT_SAMPLE_CAP);
    }

    /** A copy with {@link #mptcpOptionRows} set. */
    public AnalysisOptions withMptcpOptionRows(boolean on) {
        return new AnalysisOptions(binNanos, throughputWindowNanos, burstWindowMs, burstBucketMs, on, statistics,
                maxBins, rttSampleCap);
    }

    /** A copy with {@link #statistics} set. */
    public AnalysisOptions withStatistics(boolean on) {
        return new AnalysisOptions(binNanos, throughputWindowNanos, burstWindowMs, burstBucketMs, mptcpOptionRows, on,
                maxBins, rttSampleCap);
    }

    /** A copy with {@link #maxBins} set. */
    public AnalysisOptions withMaxBins(int bins) {
        return new AnalysisOptions(binNanos, throughputWindowNanos, burstWindowMs, burstBucketMs, mptcpOptionRows,
                statistics, bins, rttSampleCap);
    }

    /** A copy with {@link #rttSampleCap} set. */
    public AnalysisOptions withRttSampleCap(int cap) {
        return new AnalysisOptions(binNanos, throughputWindowNanos, burstWindowMs, burstBucketMs, mptcpOptionRows,
                statistics, maxBins, cap);
    }

    public AnalysisOptions {
        if (binNanos < 0) throw new IllegalArgumentException("bin must be >= 0");
        if (throughputWindowNanos <= 0) throw new IllegalArgumentException("throughput window must be > 0");
        if (maxBins < 2) throw new IllegalArgumentException("a series needs at least 2 bins");
        if (rttSampleCap < 4) throw new IllegalArgumentException("the RTT sample cap must be >= 4");
        if (burstWindowMs <= 0 || burstBucketMs <= 0 || burstWindowMs % burstBucketMs != 0) {
            throw new IllegalArgumentException("burst window must be a positive multiple of the bucket");
        }
    }
}
