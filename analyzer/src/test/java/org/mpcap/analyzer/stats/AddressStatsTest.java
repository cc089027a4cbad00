package org.mpcap.analyzer.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressStatsTest {
    private static final long MS = 1_000_000L;
    private static final long A = v4(10, 0, 1, 6), B = v4(10, 0, 4, 7), C = v4(192, 0, 2, 9), D = v4(192, 0, 2, 100);

    private static long v4(int a, int b, int c, int d) {
        return 0xffff_0000_0000L | ((long) a << 24) | ((long) b << 16) | ((long) c << 8) | d;
    }

    private static AddressStats.Row row(AddressStats s, String address) {
        return s.rows().stream().filter(r -> r.address().equals(address)).findFirst().orElseThrow();
    }

    @Test
    void burstMaximumInsideTheFirstWindowStartsAtZero() {
        // Wireshark starts each address with an empty bucket 0 whose start time is 0
        AddressStats s = new AddressStats(100, 5);
        s.add(1 * MS, 0, A, 0, B);
        s.add(2 * MS, 0, A, 0, B);
        AddressStats.Row a = row(s, "10.0.1.6");
        assertThat(a.count()).isEqualTo(2);
        assertThat(a.burstRate()).isEqualTo(0.02);
        assertThat(a.burstStartSeconds()).isEqualTo(0.0);
        assertThat(a.rateMs()).isEqualTo(2.0); // 2 packets / 1 ms elapsed
        assertThat(a.percent()).isEqualTo(100.0);
    }

    @Test
    void burstStartIsTheFirstPacketOfTheOldestBucketInTheWindow() {
        // buckets of 5 ms: 500,503 → #100; 507 → #101; 601,602,603 → #120. At 601 bucket #100 leaves the
        // window (#101..#120), count 1+1 = 2; at 603 the count reaches 4 > 3: maximum 4, from bucket #101 = 507 ms
        AddressStats s = new AddressStats(100, 5);
        for (long t : new long[] {500, 503, 507, 601, 602, 603}) s.add(t * MS, 0, A, 0, B);
        AddressStats.Row a = row(s, "10.0.1.6");
        assertThat(a.burstRate()).isEqualTo(0.04);
        assertThat(a.burstStartSeconds()).isEqualTo(0.507);
    }

    @Test
    void burstOfEqualCountLaterDoesNotReplaceTheMaximum() {
        AddressStats s = new AddressStats(100, 5);
        for (long t : new long[] {500, 503, 900, 903}) s.add(t * MS, 0, A, 0, B);
        assertThat(row(s, "10.0.1.6").burstStartSeconds()).isEqualTo(0.5);
    }

    @Test
    void packetGoingBackInsideTheWindowJoinsItsOwnBucket() {
        // 1000 ms → bucket #200; 990 ms → #198, still inside the window: burst 2 from bucket #198 (990 ms)
        AddressStats s = new AddressStats(100, 5);
        s.add(1000 * MS, 0, A, 0, B);
        s.add(990 * MS, 0, A, 0, B);
        AddressStats.Row a = row(s, "10.0.1.6");
        assertThat(a.burstRate()).isEqualTo(0.02);
        assertThat(a.burstStartSeconds()).isEqualTo(0.99);
    }

    @Test
    void packetOlderThanTheWindowIsCountedButNotInTheBurst() {
        AddressStats s = new AddressStats(100, 5);
        s.add(1000 * MS, 0, A, 0, B);
        s.add(800 * MS, 0, A, 0, B);
        AddressStats.Row a = row(s, "10.0.1.6");
        assertThat(a.count()).isEqualTo(2);
        assertThat(a.burstRate()).isEqualTo(0.01);
        assertThat(a.burstStartSeconds()).isEqualTo(1.0);
    }

    @Test
    void elapsedSpansEarliestToLatestPacketEvenOutOfOrder() {
        AddressStats s = new AddressStats(100, 5);
        s.add(1000 * MS, 0, A, 0, B);
        s.add(1200 * MS, 0, A, 0, B);
        s.add(800 * MS, 0, A, 0, B);
        assertThat(s.elapsedMs()).isEqualTo(400.0);
        assertThat(row(s, "10.0.1.6").rateMs()).isEqualTo(3 / 400.0);
    }

    @Test
    void rateIsUndefinedWhenAllPacketsHaveTheSameTime() {
        AddressStats s = new AddressStats(100, 5);
        s.add(7 * MS, 0, A, 0, B);
        assertThat(row(s, "10.0.1.6").rateMs()).isNull();
    }

    @Test
    void packetToItselfCountsTwiceForThatAddress() {
        AddressStats s = new AddressStats(100, 5);
        s.add(0, 0, A, 0, A);
        AddressStats.Row a = row(s, "10.0.1.6");
        assertThat(a.count()).isEqualTo(2);
        assertThat(a.percent()).isEqualTo(200.0);
        assertThat(a.burstRate()).isEqualTo(0.02);
    }

    @Test
    void percentOfEachAddressIsOverHeadersCountedSoRowsAddTo200() {
        AddressStats s = new AddressStats(100, 5);
        s.add(0, 0, A, 0, B);
        s.add(MS, 0, A, 0, C);
        s.add(2 * MS, 0, B, 0, D);
        double sum = s.rows().stream().mapToDouble(AddressStats.Row::percent).sum();
        assertThat(sum).isCloseTo(200.0, within(1e-9));
        assertThat(row(s, "10.0.1.6").percent()).isCloseTo(200.0 / 3, within(1e-12));
    }

    @Test
    void rowsAreSortedByCountDescendingThenAddressTextDescending() {
        AddressStats s = new AddressStats(100, 5);
        s.add(0, 0, A, 0, C);
        s.add(0, 0, A, 0, D);
        s.add(0, 0, A, 0, B);
        assertThat(s.rows()).extracting(AddressStats.Row::address)
                .containsExactly("10.0.1.6", "192.0.2.9", "192.0.2.100", "10.0.4.7");
    }

    @Test
    void windowAndBucketAreConfigurable() {
        // window 10 ms = 2 buckets of 5 ms: 0,4 → #0; 6 → #1 (3 in window); 11 → #2 drops #0 (2 in window)
        AddressStats s = new AddressStats(10, 5);
        for (long t : new long[] {0, 4, 6, 11}) s.add(t * MS, 0, A, 0, B);
        AddressStats.Row a = row(s, "10.0.1.6");
        assertThat(a.burstRate()).isEqualTo(0.3);
        assertThat(a.burstStartSeconds()).isEqualTo(0.0);
    }

    @Test
    void manyAddressesGrowTheTableWithoutLosingCounts() {
        AddressStats s = new AddressStats(100, 5);
        for (int i = 0; i < 5000; i++) s.add(i * MS, 0, v4(10, 1, i >> 8, i & 0xff), 0, B);
        assertThat(s.addresses()).isEqualTo(5001);
        assertThat(row(s, "10.0.4.7").count()).isEqualTo(5000);
        assertThat(row(s, "10.1.19.135").count()).isEqualTo(1);
    }

    @Test
    void addressesWithOneBucketAliveKeepNoRingAndASecondBucketGivesOne() {
        // 1000 spoofed sources, one packet each 1 ms apart from 200 ms on, to B: each source has one bucket alive
        // (Wireshark's initial bucket 0 has left the window), B, with packets in many buckets, a ring
        AddressStats s = new AddressStats(100, 5);
        for (int i = 0; i < 1000; i++) s.add((200 + i) * MS, 0, v4(10, 2, i >> 8, i & 0xff), 0, B);
        assertThat(s.rings()).isEqualTo(1);
        assertThat(row(s, "10.2.0.0").burstRate()).isEqualTo(0.01);
        assertThat(row(s, "10.2.0.0").burstStartSeconds()).isEqualTo(0.2);
        // a second packet of 10.2.0.7 (first at 207 ms, bucket #41) in bucket #43, inside the window: a ring
        s.add(217 * MS, 0, v4(10, 2, 0, 7), 0, B);
        assertThat(s.rings()).isEqualTo(2);
        assertThat(row(s, "10.2.0.7").count()).isEqualTo(2);
        assertThat(row(s, "10.2.0.7").burstRate()).isEqualTo(0.02);
        assertThat(row(s, "10.2.0.7").burstStartSeconds()).isEqualTo(0.207);
        // one far later (bucket #200): the first leaves the window, no ring needed by an address like that
        s.add(1000 * MS, 0, v4(10, 2, 0, 8), 0, B);
        assertThat(s.rings()).isEqualTo(2);
        assertThat(row(s, "10.2.0.8").burstRate()).isEqualTo(0.01);
        assertThat(row(s, "10.2.0.8").burstStartSeconds()).isEqualTo(0.208);
    }

    @Test
    void addingPacketsOfKnownAddressesDoesNotAllocate() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        AddressStats s = new AddressStats(100, 5);
        long[] addrs = {A, B, C, D};
        for (int i = 0; i < 1000; i++) s.add(i * 3 * MS, 0, addrs[i & 3], 0, addrs[(i + 1) & 3]);
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 1000; i < 11_000; i++) s.add(i * 3 * MS, 0, addrs[i & 3], 0, addrs[(i + 1) & 3]);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).isLessThan(1024);
    }

    /** Synthetic captures (burst.py) and what tshark 4.0.17 printed for them (tshark lines in the .txt files). */
    @ParameterizedTest(name = "{0} window {1} bucket {2}")
    @CsvSource({
            "burst1, 100, 5, burst1.ip_hosts.txt",
            "burst2, 100, 5, burst2.ip_hosts.txt",
            "burst2, 250, 10, burst2.w250b10.ip_hosts.txt"})
    void everyPrintedValueEqualsTsharks(String capture, int window, int bucket, String tsharkFile)
            throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("ip_hosts/" + capture + ".pcap").toURI()).getParent();
        AddressStats v4 = new AddressStats(window, bucket);
        AddressStats v6 = new AddressStats(window, bucket);
        // tshark's elapsed: last minus first header in file order (mpcap: latest minus earliest)
        double[] first = {Double.NaN, Double.NaN}, last = new double[2];
        for (long[] h : TestPcap.ipHeaders(dir.resolve(capture + ".pcap"))) {
            boolean isV4 = h[1] == 0 && (h[2] >>> 32) == 0xffff;
            (isV4 ? v4 : v6).add(h[0], h[1], h[2], h[3], h[4]);
            int k = isV4 ? 0 : 1;
            if (Double.isNaN(first[k])) first[k] = AddressStats.toMillis(h[0]);
            last[k] = AddressStats.toMillis(h[0]);
        }
        Map<Integer, List<TsharkIpHosts.Row>> expected = TsharkIpHosts.parse(dir.resolve(tsharkFile));
        int compared = compare(v4, expected.get(4), last[0] - first[0])
                + compare(v6, expected.get(6), last[1] - first[1]);
        assertThat(compared).isGreaterThan(50);
    }

    /**
     * Compares every printed cell; returns how many values were compared. {@code tsharkElapsedMs} is tshark's
     * elapsed (last − first in file order): where timestamps go backwards it differs from mpcap's (documented
     * divergence), and the rate is then checked as count / tshark's elapsed.
     */
    static int compare(AddressStats stats, List<TsharkIpHosts.Row> expected, double tsharkElapsedMs) {
        List<AddressStats.Row> rows = stats.rows();
        assertThat(rows).hasSameSizeAs(expected);
        int n = 0;
        for (int i = 0; i < rows.size(); i++) {
            AddressStats.Row r = rows.get(i);
            TsharkIpHosts.Row e = expected.get(i);
            assertThat(r.address()).as("row %d", i).isEqualTo(e.address());
            assertThat(String.valueOf(r.count())).as(e.address()).isEqualTo(e.count());
            Double rate = tsharkElapsedMs == stats.elapsedMs() ? r.rateMs() : r.count() / tsharkElapsedMs;
            assertThat(rate == null ? "" : TsharkIpHosts.printf(rate, 4)).as(e.address() + " rate")
                    .isEqualTo(e.rate());
            assertThat(TsharkIpHosts.printf(r.percent(), 2) + "%").as(e.address() + " percent")
                    .isEqualTo(e.percent());
            assertThat(r.burstRate() == null ? "-" : TsharkIpHosts.printf(r.burstRate(), 4))
                    .as(e.address() + " burst rate").isEqualTo(e.burstRate());
            assertThat(r.burstStartSeconds() == null ? "-" : TsharkIpHosts.printf(r.burstStartSeconds(), 3))
                    .as(e.address() + " burst start").isEqualTo(e.burstStart());
            n += 6;
        }
        return n;
    }
}
