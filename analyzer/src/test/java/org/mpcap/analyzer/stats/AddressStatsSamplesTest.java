package org.mpcap.analyzer.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mpcap.analyzer.AnalysisOptions;
import org.mpcap.analyzer.table.DataTable;

/**
 * {@link AddressStats} on the testbed's sample captures (sample-pcaps/, Linux cooked v2) against tshark 4.0.17's
 * committed {@code -z ip_hosts,tree} / {@code -z ipv6_hosts,tree} output (sample-pcaps/tshark/): every printed
 * cell. The IP headers are read by the test's own {@link TestPcap}, independent of mpcap's reader and decoder.
 */
class AddressStatsSamplesTest {
    private static final Path SAMPLES = Path.of("..", "sample-pcaps");

    @ParameterizedTest(name = "{0}/run-0{1}")
    @CsvSource({"default,1", "default,2", "default,3", "default,4", "default,5",
            "fullmesh,1", "fullmesh,2", "fullmesh,3", "fullmesh,4", "fullmesh,5"})
    void everyCellEqualsTsharksIpHosts(String scenario, int run) throws IOException {
        String name = String.format("run-%02d", run);
        Path pcap = SAMPLES.resolve(scenario).resolve(name + ".pcap");
        assertThat(pcap).as("sample capture (run from the analyzer module)").exists();
        AddressStats v4 = new AddressStats(100, 5);
        AddressStats v6 = new AddressStats(100, 5);
        double[] first = {Double.NaN, Double.NaN}, last = new double[2];
        for (long[] h : TestPcap.ipHeaders(pcap)) {
            boolean isV4 = h[1] == 0 && (h[2] >>> 32) == 0xffff;
            (isV4 ? v4 : v6).add(h[0], h[1], h[2], h[3], h[4]);
            int k = isV4 ? 0 : 1;
            if (Double.isNaN(first[k])) first[k] = AddressStats.toMillis(h[0]);
            last[k] = AddressStats.toMillis(h[0]);
        }
        Path tshark = SAMPLES.resolve("tshark").resolve(scenario);
        List<TsharkIpHosts.Row> e4 = TsharkIpHosts.parse(tshark.resolve(name + ".ip_hosts.txt")).get(4);
        List<TsharkIpHosts.Row> e6 = TsharkIpHosts.parse(tshark.resolve(name + ".ipv6_hosts.txt")).get(6);
        assertThat(e4).isNotEmpty();
        int compared = AddressStatsTest.compare(v4, e4, last[0] - first[0])
                + AddressStatsTest.compare(v6, e6, last[1] - first[1]);
        assertThat(compared).isEqualTo(6 * (e4.size() + e6.size()));
    }

    /** The same through mpcap's decoder and the {@code addresses} collector (the table users get). */
    @ParameterizedTest(name = "{0}/run-0{1}")
    @CsvSource({"default,1", "default,2", "default,3", "default,4", "default,5",
            "fullmesh,1", "fullmesh,2", "fullmesh,3", "fullmesh,4", "fullmesh,5"})
    void addressesTableEqualsTsharksIpHosts(String scenario, int run) throws IOException {
        String name = String.format("run-%02d", run);
        DataTable t = AddressStatsCollectorTest.addresses(SAMPLES.resolve(scenario).resolve(name + ".pcap"),
                AnalysisOptions.DEFAULTS);
        Path tshark = SAMPLES.resolve("tshark").resolve(scenario);
        List<TsharkIpHosts.Row> expected = new java.util.ArrayList<>(
                TsharkIpHosts.parse(tshark.resolve(name + ".ip_hosts.txt")).get(4));
        expected.addAll(TsharkIpHosts.parse(tshark.resolve(name + ".ipv6_hosts.txt")).get(6));
        assertThat(t.rowCount()).isEqualTo(expected.size()).isPositive();
        for (int i = 0; i < expected.size(); i++) {
            TsharkIpHosts.Row e = expected.get(i);
            assertThat(t.get(i, "address")).isEqualTo(e.address());
            assertThat(t.get(i, "count").toString()).as(e.address()).isEqualTo(e.count());
            assertThat(TsharkIpHosts.printf((Double) t.get(i, "rate_ms"), 4)).as(e.address()).isEqualTo(e.rate());
            assertThat(TsharkIpHosts.printf((Double) t.get(i, "percent"), 2) + "%").isEqualTo(e.percent());
            assertThat(TsharkIpHosts.printf((Double) t.get(i, "burst_rate"), 4)).isEqualTo(e.burstRate());
            assertThat(TsharkIpHosts.printf((Double) t.get(i, "burst_start"), 3)).isEqualTo(e.burstStart());
        }
    }
}
