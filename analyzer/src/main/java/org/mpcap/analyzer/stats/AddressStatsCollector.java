package org.mpcap.analyzer.stats;

import java.util.List;
import org.mpcap.analyzer.AnalysisOptions;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.decode.IpAddresses;
import org.mpcap.analyzer.decode.IpView;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/**
 * Table {@code addresses}: per-address packet distribution, Wireshark's Statistics › IPv4/IPv6 Statistics ›
 * All Addresses (see {@link AddressStats} for every definition). One row per address and IP version; IPv4 rows
 * first, then IPv6, each in Wireshark's order (count descending).
 *
 * <p>Counted: every IP header of a packet the decoder read as {@link DecodeStatus#TCP} or
 * {@link DecodeStatus#IP_OTHER} (non-first fragments included), the outer headers of a tunnel included, each in
 * the table of its own version with its own addresses. <b>Divergence from tshark 4.0</b>: tshark reads the
 * addresses when the tap runs, after the whole packet is dissected, so for a tunnelled packet it counts the
 * <i>innermost</i> addresses once per IP header and never the outer ones (and puts IPv6 addresses in the IPv4
 * table for 6in4); mpcap counts what is on the wire. Packets the decoder marks TRUNCATED or MALFORMED are not
 * counted (tshark counts an IP header whose payload is cut).
 */
final class AddressStatsCollector implements StatsCollector {
    static final String TABLE = "addresses";

    static final List<Column> COLUMNS = List.of(
            Column.text("capture", "Capture file name"),
            Column.text("address", "IP address (canonical text form)"),
            Column.integer("count", "packets",
                    "IP headers with this address as source plus those with it as destination"),
            Column.decimal("rate_ms", 4, "packets/ms",
                    "count divided by the milliseconds between the first and last packet of this IP version"),
            Column.decimal("percent", 2, "%",
                    "count × 100 / IP headers of this version counted (each header counts twice: rows add to 200)"),
            Column.decimal("burst_rate", 4, "packets/ms",
                    "largest number of this address's packets in one burst window, divided by the window in ms"),
            Column.seconds("burst_start",
                    "time of the first packet of the oldest bucket of the window where the burst maximum was set"),
            Column.integer("ip_version", "", "4 or 6"));

    private final AddressStats v4;
    private final AddressStats v6;

    AddressStatsCollector(AnalysisOptions options) {
        v4 = new AddressStats(options.burstWindowMs(), options.burstBucketMs());
        v6 = new AddressStats(options.burstWindowMs(), options.burstBucketMs());
    }

    @Override
    public void onPacket(PacketContext packet) {
        if (packet.status != DecodeStatus.TCP && packet.status != DecodeStatus.IP_OTHER) return;
        IpView ip = packet.decoder.ip();
        long t = packet.relativeNanos;
        for (int k = 0; k < ip.outerIpCount(); k++) {
            long sh = ip.outerSrcHi(k), sl = ip.outerSrcLo(k);
            (IpAddresses.isV4(sh, sl) ? v4 : v6).add(t, sh, sl, ip.outerDstHi(k), ip.outerDstLo(k));
        }
        (ip.version() == 4 ? v4 : v6).add(t, ip.srcHi(), ip.srcLo(), ip.dstHi(), ip.dstLo());
    }

    @Override
    public List<DataTable> finish(String capture, TrackingView tracking) {
        return List.of(table(capture, v4, v6));
    }

    /**
     * The {@code addresses} table of the given per-version statistics: IPv4 rows, then IPv6, made on access from
     * their columns (a SYN flood from spoofed sources has a row per source).
     */
    static DataTable table(String capture, AddressStats v4, AddressStats v6) {
        int[] order4 = v4.order(), order6 = v6.order();
        return DataTable.generated(TABLE, "Packets per address (Wireshark All Addresses)", COLUMNS,
                order4.length + order6.length, k -> {
                    boolean four = k < order4.length;
                    AddressStats.Row r = four ? v4.row(order4[k]) : v6.row(order6[k - order4.length]);
                    return new Object[] {capture, r.address(), r.count(), r.rateMs(), r.percent(), r.burstRate(),
                            r.burstStartSeconds(), four ? 4L : 6L};
                });
    }
}
