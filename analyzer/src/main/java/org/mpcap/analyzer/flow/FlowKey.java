package org.mpcap.analyzer.flow;

import org.mpcap.analyzer.decode.IpAddresses;

/**
 * A TCP 4-tuple with one canonical direction: endpoint {@code a} is the smaller of the two (address compared as
 * an unsigned 128-bit number, then port), so that A→B and B→A packets give equal keys. Addresses use the
 * two-long layout of {@link org.mpcap.analyzer.decode.IpView} (IPv4 as IPv4-mapped).
 *
 * <p>A small value (longs and ints, no arrays) for results and maps; the per-packet path of {@link TcpTracker}
 * does not build one.
 */
public record FlowKey(long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {

    /** The canonical key of a packet going from (src) to (dst). */
    public static FlowKey of(long srcHi, long srcLo, int srcPort, long dstHi, long dstLo, int dstPort) {
        return compare(srcHi, srcLo, srcPort, dstHi, dstLo, dstPort) <= 0
                ? new FlowKey(srcHi, srcLo, srcPort, dstHi, dstLo, dstPort)
                : new FlowKey(dstHi, dstLo, dstPort, srcHi, srcLo, srcPort);
    }

    /** Orders two endpoints: unsigned address, then port. */
    static int compare(long hi1, long lo1, int port1, long hi2, long lo2, int port2) {
        int c = Long.compareUnsigned(hi1, hi2);
        if (c == 0) c = Long.compareUnsigned(lo1, lo2);
        if (c == 0) c = Integer.compare(port1, port2);
        return c;
    }

    /** True if (hi, lo, port) is endpoint {@code a}. */
    public boolean isA(long hi, long lo, int port) {
        return hi == aHi && lo == aLo && port == aPort;
    }

    @Override
    public String toString() {
        return IpAddresses.format(aHi, aLo) + ":" + aPort + " <-> " + IpAddresses.format(bHi, bLo) + ":" + bPort;
    }
}
