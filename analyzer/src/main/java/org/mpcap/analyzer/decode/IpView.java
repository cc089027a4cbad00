package org.mpcap.analyzer.decode;

/**
 * The innermost IP header of the current packet (after any IP-in-IP, GRE or GTP-U decapsulation).
 * <b>Reused</b>: overwritten by every {@link PacketDecoder#decode} call.
 *
 * <p>Addresses are held as two longs each, IPv6 layout; an IPv4 address {@code a.b.c.d} is held as the
 * IPv4-mapped {@code ::ffff:a.b.c.d} (hi = 0, lo = 0x0000_ffff_0000_0000 | addr). Use
 * {@link IpAddresses#format(long, long)} to print one.
 */
public final class IpView {
    int version;
    long srcHi, srcLo, dstHi, dstLo;
    int protocol;
    int headerOffset;
    int totalLength;
    int ttl;
    int encapsulationDepth;
    int outerIpCount;
    final long[] outerSrcHi = new long[PacketDecoder.MAX_ENCAPSULATION];
    final long[] outerSrcLo = new long[PacketDecoder.MAX_ENCAPSULATION];
    final long[] outerDstHi = new long[PacketDecoder.MAX_ENCAPSULATION];
    final long[] outerDstLo = new long[PacketDecoder.MAX_ENCAPSULATION];

    /** 4 or 6. */
    public int version() { return version; }
    public long srcHi() { return srcHi; }
    public long srcLo() { return srcLo; }
    public long dstHi() { return dstHi; }
    public long dstLo() { return dstLo; }
    /** Upper-layer protocol number after the extension-header chain (6 = TCP). */
    public int protocol() { return protocol; }
    /** Offset in the packet buffer of the first byte of this IP header. */
    public int headerOffset() { return headerOffset; }
    /**
     * Length of this IP packet on the wire in bytes, header included, from the header's own length field
     * (IPv6: 40 + payload length, or 40 + the RFC 2675 jumbo payload length), not from the captured length.
     * A length field of 0 (TSO/GSO/BIG TCP super-packets captured on the sender) falls back to the frame's
     * length on the wire minus the bytes before this header.
     */
    public int totalLength() { return totalLength; }
    /** IPv4 TTL or IPv6 hop limit. */
    public int ttl() { return ttl; }
    /** Number of tunnel layers removed to reach this header (0 = not tunnelled). */
    public int encapsulationDepth() { return encapsulationDepth; }

    /**
     * Number of IP headers before this one in the packet (outer tunnel headers), each of which Wireshark's
     * {@code ip_hosts} statistics also counts. Their addresses are {@link #outerSrcHi(int)} etc.
     */
    public int outerIpCount() { return outerIpCount; }
    public long outerSrcHi(int i) { return outerSrcHi[i]; }
    public long outerSrcLo(int i) { return outerSrcLo[i]; }
    public long outerDstHi(int i) { return outerDstHi[i]; }
    public long outerDstLo(int i) { return outerDstLo[i]; }
}
