package org.mpcap.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mpcap.analyzer.table.DataTable;

/**
 * {@link Analyzer#forTables}: a table computed with only the statistics it needs is the one computed with every
 * statistic, cell for cell, on captures that exercise the per-frame verdicts one collector hands another
 * (reinjections after a killed subflow, fallback after MP_FAIL, a sample run with nine subflows).
 */
class TableSelectionTest {
    private static final AnalysisOptions OPTIONS = AnalysisOptions.DEFAULTS.withMptcpOptionRows(true);

    @ParameterizedTest
    @ValueSource(strings = {"../sample-pcaps/fullmesh/run-02.pcap", "src/test/resources/realcaps/fault-kill.pcap",
            "src/test/resources/fixtures/mp-fail.pcap", "src/test/resources/fixtures/v0-dss32.pcap"})
    void everyTableAloneEqualsTheTableWithEveryStatistic(String capture) throws IOException {
        Analyzer every = new Analyzer(OPTIONS);
        CaptureAnalysis all = every.analyze(Path.of(capture));
        List<String> names = every.tableNames();
        assertThat(names).contains("transfers", "rtt", "goodput", "dsn", "tcp-analysis", "hol-delay");
        for (String name : names) {
            CaptureAnalysis alone = every.forTables(Set.of(name)).analyze(Path.of(capture));
            assertThat(rows(alone.table(name))).as(name).isEqualTo(rows(all.table(name)));
        }
    }

    @Test
    void aTableAloneLeavesTheOtherStatisticsOut() throws IOException {
        CaptureAnalysis a = new Analyzer(OPTIONS).forTables(Set.of("rtt"))
                .analyze(Path.of("src/test/resources/realcaps/fault-kill.pcap"));
        assertThat(a.tableNames()).contains("connections", "subflows", "rtt", "rtt-summary")
                .doesNotContain("transfers", "goodput", "addresses", "mptcp-options");
    }

    private static List<List<Object>> rows(DataTable t) {
        List<List<Object>> out = new ArrayList<>();
        for (Object[] r : t.rows()) out.add(Arrays.asList(r));
        return out;
    }
}
