package org.mpcap.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.table.DataTable;

/**
 * realcaps/ev-mid.pcap starts mid-connection: no keys, and the server's DSN space is first seen in the client's
 * 4-byte data ACKs (frames 601-613, upper 32 bits unknown), then in the server's 8-byte mapping (frame 604) and
 * data ACKs (615, 616). The MPTCP tracker moves what it guessed at the first 8-byte value and every statistic
 * follows: the 8 bytes are data, their DATA_FIN is acknowledged by frame 616, the data RTT is measured.
 */
class PartialDsnSpaceTest {
    @Test
    void statisticsFollowTheTrackerWhenAGuessedDsnSpaceMeetsItsFirst8ByteValue() throws IOException {
        CaptureAnalysis a = new Analyzer().analyze(Path.of("src/test/resources/realcaps/ev-mid.pcap"));
        DataTable ev = a.table("events");
        boolean finAcked = false;
        for (Object[] r : ev.rows()) {
            finAcked |= "data_fin".equals(r[ev.columnIndex("event")])
                    && "c2s, acknowledged at 1.179330 s".equals(r[ev.columnIndex("detail")]);
        }
        assertThat(finAcked).isTrue();
        DataTable share = a.table("subflow-share");
        assertThat(share.get(0, "direction")).isEqualTo("c2s");
        assertThat(share.get(0, "data_bytes")).isEqualTo(8L);
        DataTable rtt = a.table("rtt");
        long dataSamples = rtt.rows().stream().filter(r -> "data".equals(r[rtt.columnIndex("estimator")])
                && "c2s".equals(r[rtt.columnIndex("direction")]) && Long.valueOf(616).equals(r[rtt.columnIndex("frame")]))
                .count();
        assertThat(dataSamples).isEqualTo(1);
    }
}
