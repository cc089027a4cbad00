package org.mpcap.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mpcap.analyzer.table.DataTable;

/**
 * The two-thread analysis (statistics shared out over two passes fed by one read of the file) gives exactly the
 * tables, counters and tracking of one sequential pass, on real captures of several kinds.
 */
class ParallelAnalysisTest {

    static List<Path> captures() throws IOException {
        List<Path> out = new ArrayList<>();
        Path samples = Path.of("..", "sample-pcaps");
        try (Stream<Path> s = Files.walk(samples)) {
            s.filter(p -> p.toString().endsWith(".pcap")).sorted().limit(4).forEach(out::add);
        }
        for (String f : List.of("ev-any.pcap", "ev-mid.pcap", "v6-multi.pcapng", "v6gz.pcap.gz", "close-snap64.pcap")) {
            out.add(Path.of("src", "test", "resources", "realcaps", f));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("captures")
    void twoThreadsGiveTheSameResultAsOne(Path capture) throws IOException {
        AnalysisOptions options = AnalysisOptions.DEFAULTS.withMptcpOptionRows(true);
        CaptureAnalysis one = new Analyzer(options, false).analyze(capture);
        CaptureAnalysis two = new Analyzer(options, true).analyze(capture);
        assertThat(two.packets()).isEqualTo(one.packets());
        assertThat(two.damagedRecords()).isEqualTo(one.damagedRecords());
        assertThat(two.linkTypes()).isEqualTo(one.linkTypes());
        assertThat(two.connections()).isEqualTo(one.connections());
        assertThat(two.tcpStreams()).isEqualTo(one.tcpStreams());
        assertThat(two.tableNames()).isEqualTo(one.tableNames());
        for (String name : one.tableNames()) {
            DataTable a = one.table(name), b = two.table(name);
            assertThat(b.rowCount()).as(name).isEqualTo(a.rowCount());
            for (int i = 0; i < a.rowCount(); i++) {
                assertThat(Arrays.asList(b.rows().get(i))).as("%s row %d", name, i)
                        .isEqualTo(Arrays.asList(a.rows().get(i)));
            }
        }
        assertThat(one.table("connections").rowCount() + one.tcpStreams().size()).isPositive();
    }
}
