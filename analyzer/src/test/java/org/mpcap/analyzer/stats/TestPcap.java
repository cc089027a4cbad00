package org.mpcap.analyzer.stats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper, independent of mpcap's reader and decoder: the IP headers of a little-endian pcap (µs or ns) of
 * Ethernet or Linux cooked v2 frames carrying plain IPv4 or
 * IPv6, as (relativeNanos, srcHi, srcLo, dstHi, dstLo). Enough for the
 * synthetic captures under resources/…/stats/ip_hosts (made by burst.py); no tunnels, no VLANs.
 */
final class TestPcap {
    private TestPcap() {}

    static List<long[]> ipHeaders(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        long unit = switch (magic) {
            case 0xa1b2c3d4 -> 1000L;
            case 0xa1b23c4d -> 1L;
            default -> throw new IOException("not a little-endian pcap: " + Integer.toHexString(magic));
        };
        int linkType = b.getInt(20);
        if (linkType != 1 && linkType != 276) throw new IOException("not Ethernet or Linux cooked v2");
        List<long[]> out = new ArrayList<>();
        int p = 24;
        long first = Long.MIN_VALUE;
        while (p + 16 <= b.limit()) {
            long ts = (b.getInt(p) & 0xffffffffL) * 1_000_000_000L + (b.getInt(p + 4) & 0xffffffffL) * unit;
            int caplen = b.getInt(p + 8);
            int f = p + 16;
            if (first == Long.MIN_VALUE) first = ts;
            // Ethernet: EtherType at 12, IP at 14; Linux cooked v2 (SLL2): protocol at 0, IP at 20
            int at = linkType == 1 ? 12 : 0;
            int type = ((b.get(f + at) & 0xff) << 8) | (b.get(f + at + 1) & 0xff);
            int ip = f + (linkType == 1 ? 14 : 20);
            if (type == 0x0800) {
                out.add(new long[] {ts - first, 0, 0xffff_0000_0000L | (getBE(b, ip + 12) & 0xffffffffL), 0,
                        0xffff_0000_0000L | (getBE(b, ip + 16) & 0xffffffffL)});
            } else if (type == 0x86dd) {
                out.add(new long[] {ts - first, getLongBE(b, ip + 8), getLongBE(b, ip + 16), getLongBE(b, ip + 24),
                        getLongBE(b, ip + 32)});
            }
            p = f + caplen;
        }
        return out;
    }

    private static int getBE(ByteBuffer b, int at) {
        return Integer.reverseBytes(b.getInt(at));
    }

    private static long getLongBE(ByteBuffer b, int at) {
        return Long.reverseBytes(b.getLong(at));
    }
}
