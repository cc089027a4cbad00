package org.mpcap.analyzer.stats.rtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.AnalysisOptions;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.table.DataTable;

/** {@link AnalysisOptions#rttSampleCap()} bounds the {@code rtt} table and leaves {@code rtt-summary} whole. */
class RttSampleCapOptionTest {

    private static long summaryCount(CaptureAnalysis a) {
        DataTable s = a.table(RttCollector.SUMMARY_TABLE);
        int c = s.columnIndex("samples");
        long n = 0;
        for (Object[] r : s.rows()) n += ((Number) r[c]).longValue();
        return n;
    }

    @Test
    void rttSampleCapBoundsTheSampleTableButNotTheSummary() throws IOException {
        Path pcap = TsharkFields.capture(TsharkFields.all().get(0));
        CaptureAnalysis full = new Analyzer().analyze(pcap);
        int all = full.table(RttCollector.SAMPLES_TABLE).rowCount();
        assertThat(all).isGreaterThan(64);
        assertThat(AnalysisOptions.DEFAULTS.rttSampleCap()).isEqualTo(AnalysisOptions.DEFAULT_RTT_SAMPLE_CAP);

        CaptureAnalysis capped = new Analyzer(AnalysisOptions.DEFAULTS.withRttSampleCap(64)).analyze(pcap);
        DataTable samples = capped.table(RttCollector.SAMPLES_TABLE);
        assertThat(samples.rowCount()).isLessThanOrEqualTo(64);
        assertThat(samples.title()).contains("of " + summaryCount(full) + " kept");
        assertThat(summaryCount(capped)).isEqualTo(summaryCount(full));
    }
}
