package org.mpcap.analyzer.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.AnalysisOptions;
import org.mpcap.analyzer.capture.CaptureReader;
import org.mpcap.analyzer.capture.RawPacket;
import org.mpcap.analyzer.decode.PacketDecoder;
import org.mpcap.analyzer.table.DataTable;

/** The collector fed by mpcap's reader and decoder, on the synthetic captures of resources/…/stats/ip_hosts. */
class AddressStatsCollectorTest {
    private static Path resource(String name) throws URISyntaxException {
        return Path.of(AddressStatsCollectorTest.class.getResource("ip_hosts/" + name).toURI());
    }

    /** Runs the collectors over a capture as the Analyzer does (read, decode, relative time, onPacket). */
    static DataTable addresses(Path pcap, AnalysisOptions options) throws IOException {
        PacketDecoder decoder = new PacketDecoder();
        PacketContext ctx = new PacketContext();
        RawPacket raw = new RawPacket();
        ctx.raw = raw;
        ctx.decoder = decoder;
        List<StatsCollector> collectors = StatsCollectors.create(options);
        try (CaptureReader reader = CaptureReader.open(pcap)) {
            long first = 0;
            boolean started = false;
            while (reader.next(raw)) {
                if (!started) { first = raw.timestampNanos(); started = true; }
                ctx.status = decoder.decode(raw);
                ctx.relativeNanos = raw.timestampNanos() - first;
                for (StatsCollector c : collectors) c.onPacket(ctx);
            }
        }
        for (StatsCollector c : collectors) {
            for (DataTable t : c.finish(pcap.getFileName().toString(), null)) {
                if (t.name().equals("addresses")) return t;
            }
        }
        throw new AssertionError("no addresses table");
    }

    private static String summary(DataTable t) {
        StringBuilder b = new StringBuilder();
        for (Object[] r : t.rows()) b.append(r[7]).append(' ').append(r[1]).append(' ').append(r[2]).append('\n');
        return b.toString();
    }

    @Test
    void tableMatchesTsharkThroughTheDecoder() throws Exception {
        DataTable t = addresses(resource("burst1.pcap"), AnalysisOptions.DEFAULTS);
        Map<Integer, List<TsharkIpHosts.Row>> expected = TsharkIpHosts.parse(resource("burst1.ip_hosts.txt"));
        assertThat(t.columns()).extracting(DataTable.Column::name).containsExactly("capture", "address", "count",
                "rate_ms", "percent", "burst_rate", "burst_start", "ip_version");
        int row = 0;
        for (int version : new int[] {4, 6}) {
            for (TsharkIpHosts.Row e : expected.get(version)) {
                Object[] r = t.rows().get(row++);
                assertThat(r[0]).isEqualTo("burst1.pcap");
                assertThat(r[7]).isEqualTo((long) version);
                assertThat(r[1]).isEqualTo(e.address());
                assertThat(r[2].toString()).isEqualTo(e.count());
                assertThat(TsharkIpHosts.printf((Double) r[4], 2) + "%").isEqualTo(e.percent());
                assertThat(TsharkIpHosts.printf((Double) r[5], 4)).isEqualTo(e.burstRate());
                assertThat(TsharkIpHosts.printf((Double) r[6], 3)).isEqualTo(e.burstStart());
            }
        }
        assertThat(row).isEqualTo(t.rowCount());
    }

    @Test
    void tunnelledPacketCountsOuterAndInnerAddresses() throws Exception {
        // frame 2 is IPv4-in-IPv4 172.16.0.1 → 172.16.0.2 carrying 192.168.1.1 → 192.168.1.2.
        // Divergence: tshark 4.0 counts 192.168.1.1/.2 twice and 172.16.0.x never (tunnel.ip_hosts.txt)
        DataTable t = addresses(resource("tunnel.pcap"), AnalysisOptions.DEFAULTS);
        assertThat(summary(t)).isEqualTo("""
                4 10.0.0.2 2
                4 10.0.0.1 2
                4 192.168.1.2 1
                4 192.168.1.1 1
                4 172.16.0.2 1
                4 172.16.0.1 1
                """);
        assertThat((Double) t.get(0, "percent")).isEqualTo(50.0); // 2 of 4 IP headers
    }

    @Test
    void sixInFourGoesToEachVersionsTableAndIcmpErrorPayloadIsNotCounted() throws Exception {
        // edge.pcap: ICMP error 10.0.0.1 → 10.0.0.2 quoting 10.0.0.9 → 10.0.0.8 (not counted, as tshark);
        // 6in4 172.16.0.1 → 172.16.0.2 carrying 2001:db8::1 → ::2 (tshark puts the IPv6 addresses in its IPv4
        // table: divergence); a non-first fragment 10.0.0.3 → 10.0.0.4 (counted, as tshark); IPv6 ::1 → ::3
        DataTable t = addresses(resource("edge.pcap"), AnalysisOptions.DEFAULTS);
        assertThat(summary(t)).isEqualTo("""
                4 172.16.0.2 1
                4 172.16.0.1 1
                4 10.0.0.4 1
                4 10.0.0.3 1
                4 10.0.0.2 1
                4 10.0.0.1 1
                6 2001:db8::1 2
                6 2001:db8::3 1
                6 2001:db8::2 1
                """);
        // IPv6 headers at 1 ms and 3 ms: elapsed 2 ms, as tshark's IPv6 table
        assertThat((Double) t.get(6, "rate_ms")).isEqualTo(1.0);
    }

    @Test
    void burstWindowComesFromAnalysisOptions() throws Exception {
        DataTable t = addresses(resource("burst2.pcap"), new AnalysisOptions(100_000_000L, 1_000_000_000L, 250, 10));
        Map<Integer, List<TsharkIpHosts.Row>> expected = TsharkIpHosts.parse(resource("burst2.w250b10.ip_hosts.txt"));
        TsharkIpHosts.Row e = expected.get(4).get(0);
        assertThat(t.get(0, "address")).isEqualTo(e.address());
        assertThat(TsharkIpHosts.printf((Double) t.get(0, "burst_rate"), 4)).isEqualTo(e.burstRate());
        assertThat(TsharkIpHosts.printf((Double) t.get(0, "burst_start"), 3)).isEqualTo(e.burstStart());
    }

    @Test
    void captureWithoutIpGivesAnEmptyTableWithAllColumns() {
        List<DataTable> tables = new AddressStatsCollector(AnalysisOptions.DEFAULTS).finish("x.pcap", null);
        assertThat(tables).hasSize(1);
        assertThat(tables.get(0).name()).isEqualTo("addresses");
        assertThat(tables.get(0).rowCount()).isZero();
        assertThat(tables.get(0).columns()).hasSize(8);
    }
}
