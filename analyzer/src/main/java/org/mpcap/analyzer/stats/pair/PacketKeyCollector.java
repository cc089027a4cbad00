package org.mpcap.analyzer.stats.pair;

import java.util.Arrays;
import java.util.List;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.decode.IpView;
import org.mpcap.analyzer.decode.TcpView;
import org.mpcap.analyzer.stats.PacketContext;
import org.mpcap.analyzer.stats.StatsCollector;
import org.mpcap.analyzer.stats.TrackingView;
import org.mpcap.analyzer.table.DataTable;

/**
 * Records, for each TCP segment of one capture, a key that identifies the same segment in another capture of the
 * same connections (taken at the other end), with its capture time: the input of {@link CapturePairing}. The key
 * is a 64-bit hash of the fields a router does not change: source and destination address and port, sequence and
 * acknowledgement numbers, payload length (from the IP length), the TCP flags, the window, the IPv4
 * identification and the TCP timestamp value when present. The IPv4 identification (per-socket counter on Linux)
 * and the TSval tell a retransmission from its original; TTL and checksums, which change on the way, are left out.
 *
 * <p>Keys are made of TCP/IP header fields only, never of data sequence numbers, so the MPTCP tracker's corrections
 * of guessed DSNs ({@link PacketContext#rebased}) cannot change them.
 *
 * <p>Memory: three longs and an int per TCP segment (a pairing holds both captures). Produces no table itself.
 */
public final class PacketKeyCollector implements StatsCollector {
    long[] hash = new long[1024], nanos = new long[1024];
    int[] stream = new int[1024];
    /** 1 when the segment goes from its stream's client to its server. */
    byte[] fromClient = new byte[1024];
    int count;
    long firstNanos = Long.MAX_VALUE, lastNanos = Long.MIN_VALUE;

    @Override
    public void onPacket(PacketContext p) {
        long t = p.raw.timestampNanos();
        if (t < firstNanos) firstNanos = t;
        if (t > lastNanos) lastNanos = t;
        if (p.status != DecodeStatus.TCP || p.tcpStream < 0) return;
        IpView ip = p.decoder.ip();
        TcpView tcp = p.decoder.tcp();
        int ipId = -1;
        if (ip.version() == 4) {
            int off = ip.headerOffset() + 4; // RFC 791 §3.1: Identification, octets 4-5 of the header
            byte[] d = p.raw.data();
            if (off + 1 < d.length) ipId = ((d[off] & 0xff) << 8) | (d[off + 1] & 0xff);
        }
        long h = mix(ip.srcHi(), ip.srcLo());
        h = mix(h ^ ip.dstHi(), ip.dstLo());
        h = mix(h, ((long) tcp.srcPort() << 16 | tcp.dstPort()) << 32 | (tcp.seq() & 0xffffffffL));
        h = mix(h, ((long) tcp.ack() << 32) | (tcp.payloadLength() & 0xffffffffL));
        h = mix(h, ((long) tcp.flags() << 48) | ((long) tcp.window() << 32) | (ipId & 0xffffffffL));
        h = mix(h, tcp.hasTimestamps() ? (tcp.tsVal() & 0xffffffffL) | (1L << 40) : 0);
        if (count == hash.length) grow();
        hash[count] = h;
        nanos[count] = t;
        stream[count] = p.tcpStream;
        fromClient[count] = (byte) (p.fromClient ? 1 : 0);
        count++;
    }

    private static long mix(long h, long v) {
        long x = (h ^ v) * 0x9E3779B97F4A7C15L;
        x ^= x >>> 29;
        x *= 0xBF58476D1CE4E5B9L;
        return x ^ (x >>> 32);
    }

    private void grow() {
        int n = count * 2;
        hash = Arrays.copyOf(hash, n);
        nanos = Arrays.copyOf(nanos, n);
        stream = Arrays.copyOf(stream, n);
        fromClient = Arrays.copyOf(fromClient, n);
    }

    @Override
    public List<DataTable> finish(String capture, TrackingView tracking) { return List.of(); }
}
