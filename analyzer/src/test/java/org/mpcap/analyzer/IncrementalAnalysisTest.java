package org.mpcap.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.capture.CaptureReader;
import org.mpcap.analyzer.capture.RawPacket;
import org.mpcap.analyzer.mptcp.SubflowEnd;
import org.mpcap.analyzer.table.DataTable;

/** The pass fed a record at a time, as a live capture drives it. */
class IncrementalAnalysisTest {
    private static final Path EVENTS = Path.of("src/test/resources/realcaps/ev-any.pcap");
    private static final Path MID = Path.of("src/test/resources/realcaps/ev-mid.pcap");
    private static final Path FULLMESH = Path.of("../sample-pcaps/fullmesh/run-01.pcap");

    /** Feeds {@code capture} record by record, looking at the state every {@code every} records. */
    private static CaptureAnalysis feed(Analyzer analyzer, Path capture, int every,
                                        List<IncrementalAnalysis.Signal> signals) throws IOException {
        IncrementalAnalysis pass = analyzer.incremental();
        if (signals != null) pass.onSignal(signals::add);
        try (CaptureReader reader = CaptureReader.open(capture)) {
            RawPacket raw = new RawPacket();
            while (reader.next(raw)) {
                pass.accept(raw);
                if (pass.packets() % every == 0) {
                    assertThat(pass.tracking().connections()).isNotNull();
                    pass.lastRttNanos(0);
                }
            }
            return pass.finish(capture, reader.format(), reader.linkTypes(), reader.damagedRecords(),
                    reader.firstDamageOffset());
        }
    }

    private static void assertSameTables(CaptureAnalysis a, CaptureAnalysis b) {
        assertThat(a.tableNames()).isEqualTo(b.tableNames());
        for (String name : a.tableNames()) {
            DataTable x = a.table(name), y = b.table(name);
            assertThat(x.rowCount()).as(name).isEqualTo(y.rowCount());
            for (int r = 0; r < x.rowCount(); r++) {
                assertThat(Arrays.asList(x.rows().get(r))).as("%s row %d", name, r)
                        .isEqualTo(Arrays.asList(y.rows().get(r)));
            }
        }
        assertThat(a.connections()).isEqualTo(b.connections());
        assertThat(a.packets()).isEqualTo(b.packets());
    }

    @Test
    void lookingAtTheStateDuringThePassChangesNoResult() throws IOException {
        Analyzer analyzer = new Analyzer(AnalysisOptions.DEFAULTS.withMptcpOptionRows(true));
        for (Path capture : List.of(EVENTS, MID, FULLMESH)) {
            // ev-mid starts after the handshakes: its connections are numbered late, a snapshot must not number them
            assertSameTables(feed(analyzer, capture, 7, null), analyzer.analyze(capture));
        }
    }

    @Test
    void signalsEveryAddAddrRemoveAddrMpPrioAndTcpRstAsItIsFed() throws IOException {
        List<IncrementalAnalysis.Signal> signals = new ArrayList<>();
        CaptureAnalysis a = feed(new Analyzer(AnalysisOptions.DEFAULTS.withMptcpOptionRows(true)), EVENTS, 1_000_000,
                signals);
        DataTable options = a.table("mptcp-options");
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < options.rowCount(); r++) {
            String subtype = (String) options.get(r, "subtype");
            if (List.of("ADD_ADDR", "REMOVE_ADDR", "MP_PRIO", "MP_FAIL", "MP_FASTCLOSE", "MP_TCPRST")
                    .contains(subtype)) {
                expected.add(options.get(r, "frame") + " " + subtype + " " + options.get(r, "detail"));
            }
        }
        assertThat(expected).hasSize(2 + 2 + 1 + 2);
        assertThat(signals).extracting(s -> s.frame() + " " + s.subtype() + " " + s.detail())
                .containsExactlyElementsOf(expected);
        assertThat(signals).allMatch(s -> s.connection() == 0 && s.subflow() >= 0);
    }

    @Test
    void theStateShowsASubflowUpBeforeItCloses() throws IOException {
        Analyzer analyzer = new Analyzer();
        IncrementalAnalysis pass = analyzer.incremental();
        boolean sawOpen = false;
        try (CaptureReader reader = CaptureReader.open(FULLMESH)) {
            RawPacket raw = new RawPacket();
            while (reader.next(raw)) {
                pass.accept(raw);
                var cs = pass.tracking().connections();
                if (!cs.isEmpty() && cs.get(0).subflows().size() == 9 && cs.get(0).subflows().stream()
                        .allMatch(s -> s.establishedNanos() >= 0 && s.end() == SubflowEnd.OPEN)) {
                    sawOpen = true;
                    assertThat(pass.lastRttNanos(cs.get(0).subflows().get(0).tcpStream())).isPositive();
                    break;
                }
            }
        }
        assertThat(sawOpen).as("all nine fullmesh subflows up at some point of the pass").isTrue();
    }
}
