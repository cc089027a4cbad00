package org.mpcap.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.decode.IpAddresses;
import org.mpcap.analyzer.flow.Endpoint;
import org.mpcap.reports.cli.LiveSession.ConnectionRow;
import org.mpcap.reports.cli.LiveSession.Event;
import org.mpcap.reports.cli.LiveSession.Frame;
import org.mpcap.reports.cli.LiveSession.SubflowRow;

/** What the terminal view draws for one frame. */
class LiveViewsTest {
    private static Endpoint v4(int a, int b, int c, int d, int port) {
        return new Endpoint(IpAddresses.V4_MAPPED_HI, IpAddresses.v4Lo(a << 24 | b << 16 | c << 8 | d), port);
    }

    private static Frame frame() {
        Endpoint server = v4(10, 0, 4, 7, 64000);
        List<SubflowRow> subs = List.of(
                new SubflowRow(0, 0, "up", "eth0", v4(10, 0, 1, 6, 40000), server, false, 1_234_567, 0, 250_000,
                        12.5),
                new SubflowRow(1, 1, "syn", "eth2", v4(10, 0, 3, 6, 40001), server, true, 0, 0, 0, Double.NaN));
        ConnectionRow c = new ConnectionRow(0, 1, "established", v4(10, 0, 1, 6, 40000), server, 1, 0, 1_234_567,
                250_000, subs);
        return new Frame(3.2, 1000, 200_000, 2, List.of(c),
                List.of(new Event(1_500_000, 0, 0, "add_addr", "echo=0 address_id=5 address=10.0.5.7")), "eth0, eth2",
                false);
    }

    @Test
    void theScreenRedrawsInPlaceWithARowPerSubflowThatFitsIpv4InEightyColumns() {
        StringWriter w = new StringWriter();
        LiveViews.Screen screen = new LiveViews.Screen(new PrintWriter(w));
        screen.frame(frame());
        String first = w.toString();
        assertThat(first).startsWith("\033[2J\033[H").endsWith("\033[J");
        w.getBuffer().setLength(0);
        screen.frame(frame());
        assertThat(w.toString()).startsWith("\033[H").doesNotContain("\033[2J");
        List<String> rows = first.replaceAll("\033\\[[0-9]*[A-Za-z]", "").lines().toList();
        assertThat(rows).anyMatch(r -> r.matches("  0 +up +eth0 +10\\.0\\.1\\.6:40000 +10\\.0\\.4\\.7:64000 +no "
                + "+1\\.2 MB +0 B +2\\.0 Mbit/s +12\\.50 ms"));
        assertThat(rows).anyMatch(r -> r.matches("  1 +syn +eth2 +10\\.0\\.3\\.6:40001 +10\\.0\\.4\\.7:64000 +yes .* -"));
        assertThat(rows).anyMatch(r -> r.contains("0.001500 s  conn 0 subflow 0  add_addr"));
        assertThat(rows.stream().filter(r -> r.startsWith("  0 ")).findFirst().orElseThrow().stripTrailing())
                .hasSizeLessThanOrEqualTo(100);
    }
}
