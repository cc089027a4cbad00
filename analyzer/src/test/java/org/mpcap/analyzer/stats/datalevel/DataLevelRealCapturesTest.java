package org.mpcap.analyzer.stats.datalevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.stats.datalevel.GoodputCollectorTest.REAL;
import static org.mpcap.analyzer.stats.datalevel.GoodputCollectorTest.v;

import java.io.IOException;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.AnalysisOptions;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.table.DataTable;

/** The data-level analyses on real captures with reinjections (record.sh --fault), against the other tables. */
class DataLevelRealCapturesTest {

    @Test
    void dsnGraphMarksExactlyTheReinjectingFramesOfTheReinjectionsTable() throws IOException {
        for (String f : new String[] {"fault-kill.pcap", "fault-remove.pcap"}) {
            CaptureAnalysis a = new Analyzer().analyze(REAL.resolve(f));
            DataTable dsn = a.table(DsnGraphCollector.NAME), re = a.table("reinjections");
            Set<Long> marked = new TreeSet<>(), reinjecting = new TreeSet<>();
            for (Object[] r : dsn.rows()) if ("reinjection".equals(v(dsn, r, "kind"))) marked.add((Long) v(dsn, r, "frame"));
            for (Object[] r : re.rows()) reinjecting.add((Long) v(re, r, "frame"));
            assertThat(marked).as(f).isNotEmpty().isEqualTo(reinjecting);
            // relative DSNs as the reinjections table's
            for (Object[] r : re.rows()) {
                long frame = (Long) v(re, r, "frame");
                Object[] point = dsn.rows().stream().filter(p -> (Long) v(dsn, p, "frame") == frame
                        && "reinjection".equals(v(dsn, p, "kind"))).findFirst().orElseThrow();
                assertThat(v(dsn, point, "dsn")).isEqualTo(v(re, r, "dsn_start"));
            }
        }
    }

    @Test
    void dsnAndFlightTablesAreBoundedByTheSampleCapAndSaySo() throws IOException {
        CaptureAnalysis all = new Analyzer().analyze(REAL.resolve("fault-kill.pcap"));
        CaptureAnalysis capped = new Analyzer(AnalysisOptions.DEFAULTS.withRttSampleCap(200))
                .analyze(REAL.resolve("fault-kill.pcap"));
        for (String name : new String[] {DsnGraphCollector.NAME, FlightSizeCollector.NAME}) {
            assertThat(all.table(name).rowCount()).as(name).isGreaterThan(1000);
            assertThat(capped.table(name).rowCount()).as(name).isLessThanOrEqualTo(200);
            assertThat(capped.table(name).title()).as(name).contains("kept");
            assertThat(all.table(name).title()).as(name).doesNotContain("kept");
        }
    }

    @Test
    void flightSizeNeverExceedsWhatWasSentAndEndsAtZeroWhenAllIsAcknowledged() throws IOException {
        CaptureAnalysis a = new Analyzer().analyze(REAL.resolve("fault-kill.pcap"));
        DataTable t = a.table(FlightSizeCollector.NAME);
        long last = -1, max = 0;
        int windows = 0;
        for (Object[] r : t.rows()) {
            if (!"c2s".equals(v(t, r, "direction"))) continue;
            long b = (Long) v(t, r, "bytes");
            if ("flight_size".equals(v(t, r, "metric"))) {
                last = b;
                max = Math.max(max, b);
            } else {
                windows++;
                assertThat(b).isPositive();
            }
        }
        assertThat(max).isPositive().isLessThan(2 * 1024 * 1024);
        assertThat(last).isZero(); // the 2 MB transfer ends data-acknowledged
        assertThat(windows).isPositive();
    }

    @Test
    void headOfLineDelaySummaryIsOrderedAndItsCdfEndsAtOne() throws IOException {
        CaptureAnalysis a = new Analyzer().analyze(REAL.resolve("fault-remove.pcap"));
        DataTable s = a.table(HolDelayCollector.SUMMARY), cdf = a.table(HolDelayCollector.CDF);
        Object[] c2s = s.rows().stream().filter(r -> "c2s".equals(v(s, r, "direction"))).findFirst().orElseThrow();
        assertThat((Long) v(s, c2s, "delayed")).isPositive(); // three subflows at 20/10/5 Mbit/s reorder
        double p50 = (Double) v(s, c2s, "p50_ms"), p90 = (Double) v(s, c2s, "p90_ms"),
                p99 = (Double) v(s, c2s, "p99_ms"), max = (Double) v(s, c2s, "max_ms");
        assertThat(p50).isLessThanOrEqualTo(p90);
        assertThat(p90).isLessThanOrEqualTo(p99);
        assertThat(p99).isLessThanOrEqualTo(max);
        double lastFraction = 0;
        for (Object[] r : cdf.rows()) if ("c2s".equals(v(cdf, r, "direction"))) lastFraction = (Double) v(cdf, r, "fraction");
        assertThat(lastFraction).isEqualTo(1.0);
    }

    @Test
    void histogramQuantilesAreWithinOneThirtySecondOfTheExactOnes() {
        HolDelayCollector.Receiver r = new HolDelayCollector.Receiver();
        Random rnd = new Random(42);
        int n = 5000;
        long[] delays = new long[n];
        // segments of 100 bytes; every other pair swapped: the later one first, it waits for the earlier
        r.settle(0, HolDelayCollector.IDSN); // the sequence starts at 0
        r.onSegment(0, 100, 0);
        long t = 1;
        for (int i = 0; i < n; i++) {
            long d = 1_000 + (long) (rnd.nextDouble() * rnd.nextDouble() * 50_000_000L);
            delays[i] = d;
            long dsn = 100 + 200L * i;
            r.onSegment(dsn + 100, 100, t);      // arrives first: waits for dsn
            r.onSegment(dsn, 100, t + d);        // in order: releases the first after d
            t += d + 1;
        }
        assertThat(r.exact()).isFalse();
        assertThat(r.segments).isEqualTo(2L * n + 1);
        java.util.Arrays.sort(delays);
        for (double q : new double[] {0.6, 0.9, 0.99}) {
            long rank = (long) Math.ceil(q * (2 * n + 1)) - (n + 1); // the n + 1 zeros come first
            long exact = delays[(int) rank - 1];
            assertThat((double) r.quantile(q)).as("q=" + q).isBetween(exact * (1 - 1 / 32.0), exact * (1 + 1 / 32.0));
        }
        assertThat(r.quantile(1.0)).isEqualTo(delays[n - 1]);
    }

    @Test
    void bucketsCoverEveryPositiveValueWithTheirUpperBound() {
        for (long v : new long[] {1, 31, 32, 33, 63, 64, 1000, 123_456_789L, Long.MAX_VALUE}) {
            int b = HolDelayCollector.bucket(v);
            assertThat(b).isLessThan(HolDelayCollector.BUCKETS);
            assertThat(HolDelayCollector.upper(b)).as("v=" + v).isGreaterThanOrEqualTo(v);
            if (b > 0) assertThat(HolDelayCollector.upper(b - 1)).isLessThan(v);
        }
    }
}
