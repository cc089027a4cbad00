package org.mpcap.analyzer.decode;

import static org.mpcap.analyzer.decode.Bytes.i32;
import static org.mpcap.analyzer.decode.Bytes.i64;
import static org.mpcap.analyzer.decode.Bytes.u16;
import static org.mpcap.analyzer.decode.Bytes.u32;
import static org.mpcap.analyzer.decode.Bytes.u8;

import org.mpcap.analyzer.capture.RawPacket;
import org.mpcap.analyzer.decode.mptcp.MptcpOption;
import org.mpcap.analyzer.decode.mptcp.MptcpOptionDecoder;
import org.mpcap.analyzer.decode.mptcp.MptcpSubtype;

/**
 * Decodes link layer → IP (v4/v6, with tunnels) → TCP → MPTCP options into views owned by this decoder and
 * <b>overwritten on every call</b>; allocates nothing per packet. Damaged packets yield
 * {@link DecodeStatus#TRUNCATED} or {@link DecodeStatus#MALFORMED} and are counted, never thrown.
 *
 * <p>Link types (tcpdump.org/linktypes.html): Ethernet (1) with 802.1Q/802.1ad tag stacks, MPLS label stacks
 * and PPPoE sessions; Linux cooked v1 (113) and v2 (276); raw IP (101, and the DLT values 12 and 14 some
 * files carry); IPv4 (228); IPv6 (229); BSD loopback (0, family in the capturing host's byte order, or an
 * Ethertype as old Linux libpcap wrote: {@link #nullHeaderType}; 108, network byte order); PPP (9) and PPP in HDLC-like framing (50). Any other link type is
 * {@link DecodeStatus#UNSUPPORTED_LINK}, counted per type.
 *
 * <p>Tunnels: IP-in-IP (protocol 4 and 41), GRE (47; RFC 2784/2890, payload IPv4/IPv6/MPLS or transparent
 * Ethernet bridging) and GTP-U (UDP port 2152, T-PDUs) are removed, up to {@link #MAX_ENCAPSULATION} layers.
 * {@link #ip()} reports the innermost IP header; each outer IP header's addresses are kept in
 * {@link IpView#outerIpCount()} and friends. A tunnel whose payload is not IP (an ARP inside GRE, a GTP echo)
 * is {@link DecodeStatus#IP_OTHER} with {@link #ip()} on the outer header.
 *
 * <p>Lengths: the IP header's own length gives {@link IpView#totalLength()} and {@link TcpView#payloadLength()}.
 * A length of 0 (IPv4 total length, or IPv6 payload length without a jumbo option) is what captures of
 * TSO/GSO/BIG TCP super-packets show; then the length recorded for the frame on the wire
 * ({@link RawPacket#originalLength()}, minus the headers before the IP header) is used instead.
 *
 * <p>Not thread-safe: use one decoder per thread.
 */
public final class PacketDecoder {
    /** Most tunnel layers (IP-in-IP, GRE, GTP-U) removed before giving up. */
    public static final int MAX_ENCAPSULATION = 4;

    // LINKTYPE_* values (tcpdump.org/linktypes.html).
    static final int LINKTYPE_NULL = 0;
    static final int LINKTYPE_ETHERNET = 1;
    static final int LINKTYPE_PPP = 9;
    static final int DLT_RAW_12 = 12;
    static final int DLT_RAW_14 = 14;
    static final int LINKTYPE_PPP_HDLC = 50;
    static final int LINKTYPE_RAW = 101;
    static final int LINKTYPE_LOOP = 108;
    static final int LINKTYPE_LINUX_SLL = 113;
    static final int LINKTYPE_IPV4 = 228;
    static final int LINKTYPE_IPV6 = 229;
    static final int LINKTYPE_LINUX_SLL2 = 276;

    // EtherType values (IEEE registry).
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86dd;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHERTYPE_QINQ = 0x88a8;
    static final int ETHERTYPE_QINQ_OLD = 0x9100;
    static final int ETHERTYPE_MPLS = 0x8847;
    static final int ETHERTYPE_MPLS_MULTICAST = 0x8848;
    static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
    /** Transparent Ethernet bridging (GRE payload is an Ethernet frame, RFC 1701 §3.3 / IANA). */
    static final int ETHERTYPE_TEB = 0x6558;
    /** EtherType values up to this are IEEE 802.3 length fields (LLC follows): not IP. */
    static final int ETHERTYPE_MAX_8023_LENGTH = 1500;

    static final int ETHERNET_HEADER_LEN = 14;
    static final int VLAN_TAG_LEN = 4;
    static final int MPLS_LABEL_LEN = 4;
    /** MPLS bottom-of-stack bit in a label stack entry (RFC 3032 §2.1). */
    static final int MPLS_BOTTOM_OF_STACK = 0x100;
    /** PPPoE session header: ver/type, code, session id, length (RFC 2516 §4). */
    static final int PPPOE_HEADER_LEN = 6;
    static final int PPP_IPV4 = 0x0021;
    static final int PPP_IPV6 = 0x0057;
    /** Most VLAN tags plus MPLS labels followed in one frame. */
    static final int MAX_LINK_TAGS = 16;
    static final int SLL_HEADER_LEN = 16;
    static final int SLL2_HEADER_LEN = 20;
    /** ARPHRD_NETLINK: cooked frames of this hardware type carry netlink messages, not EtherTypes. */
    static final int ARPHRD_NETLINK = 824;
    static final int LOOPBACK_HEADER_LEN = 4;
    /** IEEE 802.3's largest length field: a LINKTYPE_NULL header value above it is an Ethertype. */
    static final int IEEE_802_3_MAX_LENGTH = 1500;
    /** BSD AF_INET, and the AF_INET6 values of NetBSD/OpenBSD (24), FreeBSD (28) and Darwin (30). */
    static final int BSD_AF_INET = 2, BSD_AF_INET6_NETBSD = 24, BSD_AF_INET6_FREEBSD = 28, BSD_AF_INET6_DARWIN = 30;

    static final int IPV4_MIN_HEADER_LEN = 20;
    static final int IPV4_FRAGMENT_OFFSET_MASK = 0x1fff;
    static final int IPV6_HEADER_LEN = 40;
    /** IPv6 extension headers followed before the chain is called malformed (each is ≥ 8 bytes anyway). */
    static final int IPV6_MAX_EXTENSION_HEADERS = 32;
    static final int IPPROTO_HOPOPTS = 0, IPPROTO_IPIP = 4, IPPROTO_TCP = 6, IPPROTO_UDP = 17, IPPROTO_IPV6 = 41,
            IPPROTO_ROUTING = 43, IPPROTO_FRAGMENT = 44, IPPROTO_GRE = 47, IPPROTO_ESP = 50, IPPROTO_AH = 51,
            IPPROTO_NONE = 59, IPPROTO_DSTOPTS = 60, IPPROTO_MOBILITY = 135, IPPROTO_HIP = 139,
            IPPROTO_SHIM6 = 140;
    /** RFC 2675 §2: Jumbo Payload option type and its data length. */
    static final int IPV6_OPT_JUMBO = 0xc2, IPV6_OPT_JUMBO_LEN = 4, IPV6_OPT_PAD1 = 0;

    static final int GRE_BASE_LEN = 4;
    /** GRE flag bits (RFC 2784 §2.1, RFC 2890 §2): checksum present, routing present (RFC 1701), key, sequence. */
    static final int GRE_C = 0x8000, GRE_R = 0x4000, GRE_K = 0x2000, GRE_S = 0x1000, GRE_VERSION_MASK = 0x7;

    static final int UDP_HEADER_LEN = 8;
    /** GTP-U (3GPP TS 29.281 §4.4.2): UDP port, header lengths, flags, T-PDU message type. */
    static final int GTPU_PORT = 2152;
    static final int GTP_HEADER_LEN = 8, GTP_OPTIONAL_LEN = 4;
    static final int GTP_FLAG_E = 0x04, GTP_FLAG_S = 0x02, GTP_FLAG_PN = 0x01;
    static final int GTP_TPDU = 0xff;
    static final int GTP_MAX_EXTENSION_HEADERS = 16;

    static final int TCP_MIN_HEADER_LEN = 20;
    /** TCP option kinds (IANA "TCP Option Kind Numbers"). */
    static final int TCPOPT_EOL = 0, TCPOPT_NOP = 1, TCPOPT_MSS = 2, TCPOPT_WSCALE = 3, TCPOPT_SACK_PERMITTED = 4,
            TCPOPT_SACK = 5, TCPOPT_TIMESTAMP = 8, TCPOPT_MPTCP = 30;
    static final int TCPOLEN_MSS = 4, TCPOLEN_WSCALE = 3, TCPOLEN_SACK_PERMITTED = 2, TCPOLEN_TIMESTAMP = 10,
            TCPOLEN_SACK_BLOCK = 8;

    private final IpView ip = new IpView();
    private final TcpView tcp = new TcpView();
    private final MptcpOptionDecoder mptcp = new MptcpOptionDecoder();
    private final DecoderCounters counters = new DecoderCounters();

    /** The current packet's buffer (only while {@link #decode} runs). */
    private byte[] b;
    /** Set by a tunnel before decoding its payload: the next IP header found is an inner one. */
    private boolean pendingOuter;

    /** Decodes {@code packet}; the views stay valid until the next call. */
    public DecodeStatus decode(RawPacket packet) {
        mptcp.reset();
        ip.outerIpCount = 0;
        ip.encapsulationDepth = 0;
        pendingOuter = false;
        DecodeStatus status;
        try {
            status = decodeFrame(packet);
        } catch (RuntimeException e) {
            // Safety net only: every length is checked before it is used, so this must never happen.
            counters.decoderFaults++;
            status = DecodeStatus.MALFORMED;
        } finally {
            b = null;
        }
        switch (status) {
            case TRUNCATED -> counters.truncated++;
            case MALFORMED -> counters.malformed++;
            case NOT_IP -> counters.notIp++;
            default -> { }
        }
        return status;
    }

    private DecodeStatus decodeFrame(RawPacket p) {
        b = p.data();
        int off = p.offset();
        int cap = p.capturedLength();
        if (off < 0 || cap < 0 || off > b.length - cap) return DecodeStatus.MALFORMED;
        int end = off + cap;
        // The frame's length on the wire, clamped so that offsets stay ints.
        long wire = Math.max((long) cap, p.originalLength());
        int wireEnd = (int) Math.min((long) off + wire, Integer.MAX_VALUE);
        int linkType = p.linkType();
        switch (linkType) {
            case LINKTYPE_ETHERNET:
                return ethernet(off, end, wireEnd);
            case LINKTYPE_LINUX_SLL: {
                // Linux cooked v1: packet type(2) ARPHRD type(2) address length(2) address(8) protocol(2).
                if (end - off < SLL_HEADER_LEN) return DecodeStatus.TRUNCATED;
                if (u16(b, off + 2) == ARPHRD_NETLINK) return DecodeStatus.NOT_IP;
                return etherType(u16(b, off + 14), off + SLL_HEADER_LEN, end, wireEnd);
            }
            case LINKTYPE_LINUX_SLL2: {
                // Linux cooked v2: protocol(2) reserved(2) interface index(4) ARPHRD type(2) packet type(1)
                // address length(1) address(8).
                if (end - off < SLL2_HEADER_LEN) return DecodeStatus.TRUNCATED;
                if (u16(b, off + 8) == ARPHRD_NETLINK) return DecodeStatus.NOT_IP;
                return etherType(u16(b, off), off + SLL2_HEADER_LEN, end, wireEnd);
            }
            case LINKTYPE_RAW, DLT_RAW_12, DLT_RAW_14:
                return ip(off, end, wireEnd, 0);
            case LINKTYPE_IPV4:
                return ip(off, end, wireEnd, 4);
            case LINKTYPE_IPV6:
                return ip(off, end, wireEnd, 6);
            case LINKTYPE_NULL: {
                if (end - off >= 2 && u8(b, off) == 0xff && u8(b, off + 1) == 0x03) return ppp(off, end, wireEnd);
                if (end - off < LOOPBACK_HEADER_LEN) return DecodeStatus.TRUNCATED;
                int type = nullHeaderType(Integer.reverseBytes(i32(b, off)));
                if (Integer.compareUnsigned(type, IEEE_802_3_MAX_LENGTH) > 0) {
                    return etherType(type & 0xffff, off + LOOPBACK_HEADER_LEN, end, wireEnd);
                }
                return loopback(type, off + LOOPBACK_HEADER_LEN, end, wireEnd);
            }
            case LINKTYPE_LOOP: {
                // OpenBSD loopback: the same family word, always in network byte order.
                if (end - off < LOOPBACK_HEADER_LEN) return DecodeStatus.TRUNCATED;
                return loopback(i32(b, off), off + LOOPBACK_HEADER_LEN, end, wireEnd);
            }
            case LINKTYPE_PPP, LINKTYPE_PPP_HDLC:
                return ppp(off, end, wireEnd);
            default:
                counters.unsupportedLink(linkType);
                return DecodeStatus.UNSUPPORTED_LINK;
        }
    }

    /**
     * The value of a LINKTYPE_NULL header, decided as Wireshark's packet-null.c does on a little-endian host
     * (tshark's references are made on one), so that mpcap reads what tshark reads. The 4 bytes, read
     * little-endian, hold a BSD AF_ value in the capturing host's byte order (either order), an IRIX or
     * UNICOS/mp 2-byte big-endian AF_ value followed or preceded by 2 zero bytes, or, from old Linux libpcap
     * loopback captures, an Ethertype in the 32-bit value (either order). A result above
     * {@link #IEEE_802_3_MAX_LENGTH} is an Ethertype, anything else an AF_ value. Header bytes ff 03 (PPP in
     * HDLC-like framing) are handled before.
     */
    static int nullHeaderType(int littleEndian) {
        int h = littleEndian;
        if ((h & 0xffff_0000) != 0) {
            // IRIX/UNICOS 16-bit AF_ value in the upper half (its high byte zero, below 0x06: not an Ethertype)
            if ((h & 0xff00_0000) == 0 && (h & 0x00ff_0000) < 0x0006_0000) return h >>> 16;
            return Integer.reverseBytes(h); // an AF_ value or Ethertype written in the other byte order
        }
        // IRIX/UNICOS 16-bit AF_ value, byte-swapped, in the lower half
        if ((h & 0xff) == 0 && (h & 0xff00) < 0x0600) return Integer.reverseBytes(h) >>> 16;
        return h;
    }

    private DecodeStatus loopback(int family, int off, int end, int wireEnd) {
        return switch (family) {
            case BSD_AF_INET -> ip(off, end, wireEnd, 4);
            case BSD_AF_INET6_NETBSD, BSD_AF_INET6_FREEBSD, BSD_AF_INET6_DARWIN -> ip(off, end, wireEnd, 6);
            default -> DecodeStatus.NOT_IP;
        };
    }

    /** PPP (RFC 1661 §2), optionally with the HDLC address/control bytes ff 03 (RFC 1662 §3.1). */
    private DecodeStatus ppp(int off, int end, int wireEnd) {
        if (end - off >= 2 && u8(b, off) == 0xff && u8(b, off + 1) == 0x03) off += 2;
        if (end - off < 1) return DecodeStatus.TRUNCATED;
        int protocol;
        if ((u8(b, off) & 1) == 1) {
            // Protocol-field compression (RFC 1661 §6.5): a one-byte protocol number is odd.
            protocol = u8(b, off);
            off += 1;
        } else {
            if (end - off < 2) return DecodeStatus.TRUNCATED;
            protocol = u16(b, off);
            off += 2;
        }
        return pppProtocol(protocol, off, end, wireEnd);
    }

    private DecodeStatus pppProtocol(int protocol, int off, int end, int wireEnd) {
        return switch (protocol) {
            case PPP_IPV4 -> ip(off, end, wireEnd, 4);
            case PPP_IPV6 -> ip(off, end, wireEnd, 6);
            default -> DecodeStatus.NOT_IP;
        };
    }

    /** Ethernet II (IEEE 802.3 clause 3.2.6); 802.3 length-field frames (LLC) are not IP. */
    private DecodeStatus ethernet(int off, int end, int wireEnd) {
        if (end - off < ETHERNET_HEADER_LEN) return DecodeStatus.TRUNCATED;
        int type = u16(b, off + 12);
        if (type <= ETHERTYPE_MAX_8023_LENGTH) return DecodeStatus.NOT_IP;
        return etherType(type, off + ETHERNET_HEADER_LEN, end, wireEnd);
    }

    /** Follows VLAN tags (802.1Q/802.1ad), MPLS label stacks and PPPoE sessions to an IP header. */
    private DecodeStatus etherType(int type, int off, int end, int wireEnd) {
        for (int tags = 0; tags <= MAX_LINK_TAGS; tags++) {
            switch (type) {
                case ETHERTYPE_IPV4:
                    return ip(off, end, wireEnd, 4);
                case ETHERTYPE_IPV6:
                    return ip(off, end, wireEnd, 6);
                case ETHERTYPE_VLAN, ETHERTYPE_QINQ, ETHERTYPE_QINQ_OLD:
                    // Tag: TCI(2) then the next EtherType (IEEE 802.1Q §9.6).
                    if (end - off < VLAN_TAG_LEN) return DecodeStatus.TRUNCATED;
                    type = u16(b, off + 2);
                    off += VLAN_TAG_LEN;
                    break;
                case ETHERTYPE_MPLS, ETHERTYPE_MPLS_MULTICAST: {
                    // Label stack entries up to the bottom-of-stack bit (RFC 3032 §2.1), then the payload has
                    // no type field: guess by its first nibble like every dissector does.
                    boolean bottom = false;
                    for (; tags <= MAX_LINK_TAGS && !bottom; tags++) {
                        if (end - off < MPLS_LABEL_LEN) return DecodeStatus.TRUNCATED;
                        bottom = (i32(b, off) & MPLS_BOTTOM_OF_STACK) != 0;
                        off += MPLS_LABEL_LEN;
                    }
                    if (!bottom) return DecodeStatus.NOT_IP;
                    if (end - off < 1) return DecodeStatus.TRUNCATED;
                    int nibble = u8(b, off) >>> 4;
                    if (nibble == 4) return ip(off, end, wireEnd, 4);
                    if (nibble == 6) return ip(off, end, wireEnd, 6);
                    // Nibble 0: pseudowire control word (RFC 4385 §3) followed by an Ethernet frame (RFC 4448).
                    if (nibble == 0 && end - off >= MPLS_LABEL_LEN) return ethernet(off + MPLS_LABEL_LEN, end, wireEnd);
                    return DecodeStatus.NOT_IP;
                }
                case ETHERTYPE_PPPOE_SESSION:
                    // PPPoE session stage (RFC 2516 §4): 6-byte header, then a 2-byte PPP protocol.
                    if (end - off < PPPOE_HEADER_LEN + 2) return DecodeStatus.TRUNCATED;
                    return pppProtocol(u16(b, off + PPPOE_HEADER_LEN), off + PPPOE_HEADER_LEN + 2, end, wireEnd);
                default:
                    return DecodeStatus.NOT_IP;
            }
        }
        return DecodeStatus.NOT_IP;
    }

    /** An IP header of version {@code expected} (0 = by its version nibble). */
    private DecodeStatus ip(int off, int end, int wireEnd, int expected) {
        if (end - off < 1) return DecodeStatus.TRUNCATED;
        int version = u8(b, off) >>> 4;
        if (expected != 0 && version != expected) return DecodeStatus.MALFORMED;
        if (version != 4 && version != 6) return DecodeStatus.MALFORMED;
        if (pendingOuter) {
            // Entering a tunnel's inner IP header: keep the outer header's addresses.
            pendingOuter = false;
            int k = ip.outerIpCount++;
            ip.outerSrcHi[k] = ip.srcHi;
            ip.outerSrcLo[k] = ip.srcLo;
            ip.outerDstHi[k] = ip.dstHi;
            ip.outerDstLo[k] = ip.dstLo;
            ip.encapsulationDepth = ip.outerIpCount;
        }
        return version == 4 ? ipv4(off, end, wireEnd) : ipv6(off, end, wireEnd);
    }

    /** IPv4 (RFC 791 §3.1). */
    private DecodeStatus ipv4(int off, int end, int wireEnd) {
        if (end - off < IPV4_MIN_HEADER_LEN) return DecodeStatus.TRUNCATED;
        int ihl = (u8(b, off) & 0x0f) * 4;
        if (ihl < IPV4_MIN_HEADER_LEN) return DecodeStatus.MALFORMED;
        if (end - off < ihl) return DecodeStatus.TRUNCATED;
        int totalLength = u16(b, off + 2);
        if (totalLength == 0) {
            // TSO/GSO super-packet captured before segmentation: the length is the frame's.
            totalLength = wireEnd - off;
        }
        if (totalLength < ihl) return DecodeStatus.MALFORMED;
        ip.version = 4;
        ip.headerOffset = off;
        ip.totalLength = totalLength;
        ip.ttl = u8(b, off + 8);
        int protocol = u8(b, off + 9);
        ip.protocol = protocol;
        ip.srcHi = 0;
        ip.srcLo = IpAddresses.v4Lo(i32(b, off + 12));
        ip.dstHi = 0;
        ip.dstLo = IpAddresses.v4Lo(i32(b, off + 16));
        if ((u16(b, off + 6) & IPV4_FRAGMENT_OFFSET_MASK) != 0) {
            counters.nonFirstFragments++;
            return DecodeStatus.IP_OTHER;
        }
        int ipEnd = clampToWire(off + totalLength, wireEnd);
        return transport(protocol, off + ihl, Math.min(end, ipEnd), ipEnd);
    }

    /** IPv6 (RFC 8200 §3) and its extension-header chain (RFC 8200 §4). */
    private DecodeStatus ipv6(int off, int end, int wireEnd) {
        if (end - off < IPV6_HEADER_LEN) return DecodeStatus.TRUNCATED;
        int payloadLength = u16(b, off + 4);
        int next = u8(b, off + 6);
        ip.version = 6;
        ip.headerOffset = off;
        ip.ttl = u8(b, off + 7);
        ip.srcHi = i64(b, off + 8);
        ip.srcLo = i64(b, off + 16);
        ip.dstHi = i64(b, off + 24);
        ip.dstLo = i64(b, off + 32);
        int pos = off + IPV6_HEADER_LEN;
        long jumbo = -1;
        boolean nonFirstFragment = false;
        chain:
        for (int n = 0; ; n++) {
            if (n > IPV6_MAX_EXTENSION_HEADERS) {
                ip.protocol = next;
                return DecodeStatus.MALFORMED;
            }
            switch (next) {
                case IPPROTO_HOPOPTS, IPPROTO_ROUTING, IPPROTO_DSTOPTS, IPPROTO_MOBILITY, IPPROTO_HIP,
                        IPPROTO_SHIM6: {
                    // Next header(1), length in 8-octet units not counting the first 8 (RFC 8200 §4.3-4.6).
                    if (end - pos < 2) return DecodeStatus.TRUNCATED;
                    int len = (u8(b, pos + 1) + 1) * 8;
                    if (end - pos < len) return DecodeStatus.TRUNCATED;
                    if (next == IPPROTO_HOPOPTS) {
                        long j = jumboPayloadLength(pos + 2, pos + len);
                        if (j >= 0) jumbo = j;
                    }
                    next = u8(b, pos);
                    pos += len;
                    break;
                }
                case IPPROTO_FRAGMENT: {
                    // Next header(1) reserved(1) offset(13 bits) res(2) M(1) identification(4) (RFC 8200 §4.5).
                    if (end - pos < 8) return DecodeStatus.TRUNCATED;
                    if ((u16(b, pos + 2) >>> 3) != 0) nonFirstFragment = true;
                    next = u8(b, pos);
                    pos += 8;
                    if (nonFirstFragment) break chain;
                    break;
                }
                case IPPROTO_AH: {
                    // Payload length in 4-octet units, minus 2 (RFC 4302 §2.2).
                    if (end - pos < 2) return DecodeStatus.TRUNCATED;
                    int len = (u8(b, pos + 1) + 2) * 4;
                    if (end - pos < len) return DecodeStatus.TRUNCATED;
                    next = u8(b, pos);
                    pos += len;
                    break;
                }
                default:
                    // Upper layer, or ESP (50) / No Next Header (59), which end the chain.
                    break chain;
            }
        }
        ip.protocol = next;
        long totalLength;
        if (payloadLength != 0) {
            totalLength = IPV6_HEADER_LEN + payloadLength;
        } else if (jumbo >= 0) {
            // RFC 2675 §2: payload length 0 with a Jumbo Payload option (which counts everything after the
            // IPv6 header).
            totalLength = IPV6_HEADER_LEN + jumbo;
        } else if (next == IPPROTO_NONE && !nonFirstFragment) {
            totalLength = pos - off;
        } else {
            // GSO/BIG TCP super-packet captured before segmentation: the length is the frame's.
            totalLength = wireEnd - off;
        }
        if (totalLength > Integer.MAX_VALUE - off) return DecodeStatus.MALFORMED;
        ip.totalLength = (int) totalLength;
        int ipEnd = off + (int) totalLength;
        if (nonFirstFragment) {
            counters.nonFirstFragments++;
            return DecodeStatus.IP_OTHER;
        }
        if (pos > ipEnd) return DecodeStatus.MALFORMED;
        ipEnd = clampToWire(ipEnd, wireEnd);
        return transport(next, pos, Math.min(end, ipEnd), ipEnd);
    }

    /**
     * The end of an IP datagram whose length field claims more bytes than the frame held on the wire (not a
     * snap-length cut: {@code wireEnd} is the original length): the datagram is incomplete (RFC 791 §3.1 Total
     * Length, RFC 8200 §3 Payload Length), and what follows the header is only what the frame carries, as
     * Wireshark's reported length. Counted in {@link DecoderCounters#incompleteDatagrams()}.
     */
    private int clampToWire(int ipEnd, int wireEnd) {
        if (ipEnd <= wireEnd) return ipEnd;
        counters.incompleteDatagrams++;
        return wireEnd;
    }

    /** The Jumbo Payload length in a hop-by-hop options area [from, to), or -1 (RFC 2675 §2, RFC 8200 §4.2). */
    private long jumboPayloadLength(int from, int to) {
        int i = from;
        while (i < to) {
            int type = u8(b, i);
            if (type == IPV6_OPT_PAD1) {
                i++;
                continue;
            }
            if (to - i < 2) return -1;
            int len = u8(b, i + 1);
            if (to - i - 2 < len) return -1;
            if (type == IPV6_OPT_JUMBO && len == IPV6_OPT_JUMBO_LEN) return u32(b, i + 2);
            i += 2 + len;
        }
        return -1;
    }

    /**
     * The payload of an IP header: {@code off} is its first byte, {@code capEnd} the end of what was captured
     * of it, {@code ipEnd} its end on the wire according to the IP header.
     */
    private DecodeStatus transport(int protocol, int off, int capEnd, int ipEnd) {
        switch (protocol) {
            case IPPROTO_TCP:
                return tcp(off, capEnd, ipEnd);
            case IPPROTO_IPIP:
                if (!canDecapsulate()) return DecodeStatus.IP_OTHER;
                return inner(ip(off, capEnd, ipEnd, 4));
            case IPPROTO_IPV6:
                if (!canDecapsulate()) return DecodeStatus.IP_OTHER;
                return inner(ip(off, capEnd, ipEnd, 6));
            case IPPROTO_GRE:
                return gre(off, capEnd, ipEnd);
            case IPPROTO_UDP:
                return udp(off, capEnd, ipEnd);
            default:
                return DecodeStatus.IP_OTHER;
        }
    }

    private boolean canDecapsulate() {
        if (ip.outerIpCount >= MAX_ENCAPSULATION) return false;
        pendingOuter = true;
        return true;
    }

    /** A tunnel payload that turned out not to be IP leaves the outer header as the packet's IP header. */
    private DecodeStatus inner(DecodeStatus status) {
        pendingOuter = false;
        return status == DecodeStatus.NOT_IP ? DecodeStatus.IP_OTHER : status;
    }

    /** GRE (RFC 2784 §2.1; key and sequence number RFC 2890 §2). */
    private DecodeStatus gre(int off, int capEnd, int ipEnd) {
        if (capEnd - off < GRE_BASE_LEN) return DecodeStatus.TRUNCATED;
        int flags = u16(b, off);
        int protocol = u16(b, off + 2);
        // Version 1 (PPTP, RFC 2637) and RFC 1701 source routing are not decoded.
        if ((flags & GRE_VERSION_MASK) != 0 || (flags & GRE_R) != 0) return DecodeStatus.IP_OTHER;
        int len = GRE_BASE_LEN;
        if ((flags & GRE_C) != 0) len += 4; // checksum(2) + reserved1(2)
        if ((flags & GRE_K) != 0) len += 4;
        if ((flags & GRE_S) != 0) len += 4;
        if (capEnd - off < len) return DecodeStatus.TRUNCATED;
        if (!canDecapsulate()) return DecodeStatus.IP_OTHER;
        int payload = off + len;
        if (protocol == ETHERTYPE_TEB) return inner(ethernet(payload, capEnd, ipEnd));
        return inner(etherType(protocol, payload, capEnd, ipEnd));
    }

    /** UDP (RFC 768): only GTP-U is looked into. */
    private DecodeStatus udp(int off, int capEnd, int ipEnd) {
        if (capEnd - off < UDP_HEADER_LEN) return DecodeStatus.IP_OTHER;
        if (u16(b, off) != GTPU_PORT && u16(b, off + 2) != GTPU_PORT) return DecodeStatus.IP_OTHER;
        int udpLength = u16(b, off + 4);
        int udpEnd = udpLength >= UDP_HEADER_LEN && udpLength <= ipEnd - off ? off + udpLength : ipEnd;
        return gtpu(off + UDP_HEADER_LEN, Math.min(capEnd, udpEnd), udpEnd);
    }

    /** GTPv1-U (3GPP TS 29.281 §5.1 header, §5.2 extension headers); only T-PDUs carrying IP are decoded. */
    private DecodeStatus gtpu(int off, int capEnd, int udpEnd) {
        if (capEnd - off < GTP_HEADER_LEN) return DecodeStatus.TRUNCATED;
        int flags = u8(b, off);
        // Version 1 (bits 8-6) and protocol type GTP (bit 5); GTP' and GTPv2 are something else.
        if ((flags >>> 5) != 1 || (flags & 0x10) == 0) return DecodeStatus.IP_OTHER;
        if (u8(b, off + 1) != GTP_TPDU) return DecodeStatus.IP_OTHER;
        int gtpEnd = off + GTP_HEADER_LEN + u16(b, off + 2); // length counts what follows the first 8 bytes
        int pos = off + GTP_HEADER_LEN;
        if ((flags & (GTP_FLAG_E | GTP_FLAG_S | GTP_FLAG_PN)) != 0) {
            // Sequence number(2), N-PDU number(1), next extension header type(1): present if any flag is set.
            if (capEnd - pos < GTP_OPTIONAL_LEN) return DecodeStatus.TRUNCATED;
            int nextType = u8(b, pos + 3);
            pos += GTP_OPTIONAL_LEN;
            if ((flags & GTP_FLAG_E) != 0) {
                for (int n = 0; nextType != 0; n++) {
                    // Length in 4-octet units, including itself and the trailing next-type byte.
                    if (n >= GTP_MAX_EXTENSION_HEADERS) return DecodeStatus.MALFORMED;
                    if (capEnd - pos < 1) return DecodeStatus.TRUNCATED;
                    int len = u8(b, pos) * 4;
                    if (len == 0) return DecodeStatus.MALFORMED;
                    if (capEnd - pos < len) return DecodeStatus.TRUNCATED;
                    nextType = u8(b, pos + len - 1);
                    pos += len;
                }
            }
        }
        if (gtpEnd < pos || gtpEnd > udpEnd) return DecodeStatus.MALFORMED;
        if (capEnd - pos < 1) return pos == gtpEnd ? DecodeStatus.IP_OTHER : DecodeStatus.TRUNCATED;
        int nibble = u8(b, pos) >>> 4;
        if (nibble != 4 && nibble != 6) return DecodeStatus.IP_OTHER; // non-IP PDU (Ethernet or unstructured PDU session)
        if (!canDecapsulate()) return DecodeStatus.IP_OTHER;
        return inner(ip(pos, Math.min(capEnd, gtpEnd), gtpEnd, 0));
    }

    /** TCP header (RFC 9293 §3.1) and options. */
    private DecodeStatus tcp(int off, int capEnd, int ipEnd) {
        int segmentLength = ipEnd - off;
        if (segmentLength < TCP_MIN_HEADER_LEN) return DecodeStatus.MALFORMED;
        if (capEnd - off < TCP_MIN_HEADER_LEN) return DecodeStatus.TRUNCATED;
        int headerLength = (u8(b, off + 12) >>> 4) * 4;
        if (headerLength < TCP_MIN_HEADER_LEN || headerLength > segmentLength) return DecodeStatus.MALFORMED;
        // A snap length of 54-96 bytes (tcpdump -s 64, old defaults 68/96) cuts the options but keeps the fixed
        // header: ports, sequence numbers and flags are still good, as Wireshark uses them. Only the captured
        // options are walked; an option crossing the capture end is dropped, not counted as malformed.
        boolean optionsCut = capEnd - off < headerLength;
        int optionsEnd = optionsCut ? capEnd : off + headerLength;
        TcpView t = tcp;
        t.srcPort = u16(b, off);
        t.dstPort = u16(b, off + 2);
        t.seq = i32(b, off + 4);
        t.ack = i32(b, off + 8);
        t.flags = u8(b, off + 13);
        t.window = u16(b, off + 14);
        t.headerLength = headerLength;
        t.payloadOffset = off + headerLength;
        t.payloadLength = segmentLength - headerLength;
        t.capturedPayloadLength = Math.max(0, capEnd - t.payloadOffset);
        t.mss = -1;
        t.windowScale = -1;
        t.sackPermitted = false;
        t.hasTimestamps = false;
        t.tsVal = 0;
        t.tsEcr = 0;
        t.sackBlockCount = 0;
        t.optionsMalformed = false;
        t.optionsTruncated = optionsCut;
        if (optionsCut) counters.truncatedTcpOptions++;
        if (!tcpOptions(off + TCP_MIN_HEADER_LEN, optionsEnd, t.flags) && !optionsCut) {
            t.optionsMalformed = true;
            counters.malformedTcpOptions++;
        }
        return DecodeStatus.TCP;
    }

    /**
     * Walks the options area [from, to) (RFC 9293 §3.2). Each option's decoder sees only its own bytes.
     *
     * @return false if an option length does not fit or does not match its kind (the walk stops there)
     */
    private boolean tcpOptions(int from, int to, int flags) {
        int i = from;
        while (i < to) {
            int kind = u8(b, i);
            if (kind == TCPOPT_EOL) return true;
            if (kind == TCPOPT_NOP) {
                i++;
                continue;
            }
            if (to - i < 2) return false;
            int len = u8(b, i + 1);
            if (len < 2 || len > to - i) return false;
            switch (kind) {
                case TCPOPT_MSS:
                    if (len != TCPOLEN_MSS) return false;
                    tcp.mss = u16(b, i + 2);
                    break;
                case TCPOPT_WSCALE:
                    if (len != TCPOLEN_WSCALE) return false;
                    tcp.windowScale = u8(b, i + 2);
                    break;
                case TCPOPT_SACK_PERMITTED:
                    if (len != TCPOLEN_SACK_PERMITTED) return false;
                    tcp.sackPermitted = true;
                    break;
                case TCPOPT_SACK: {
                    // RFC 2018 §3: 2 + 8n bytes, n ≥ 1.
                    int n = (len - 2) / TCPOLEN_SACK_BLOCK;
                    if ((len - 2) % TCPOLEN_SACK_BLOCK != 0 || n == 0 || n > TcpView.MAX_SACK_BLOCKS) return false;
                    for (int k = 0; k < n; k++) {
                        tcp.sackLeft[k] = i32(b, i + 2 + k * TCPOLEN_SACK_BLOCK);
                        tcp.sackRight[k] = i32(b, i + 6 + k * TCPOLEN_SACK_BLOCK);
                    }
                    tcp.sackBlockCount = n;
                    break;
                }
                case TCPOPT_TIMESTAMP:
                    if (len != TCPOLEN_TIMESTAMP) return false;
                    tcp.hasTimestamps = true;
                    tcp.tsVal = i32(b, i + 2);
                    tcp.tsEcr = i32(b, i + 6);
                    break;
                case TCPOPT_MPTCP: {
                    MptcpOption o = mptcp.decode(b, i, len, flags);
                    if (o != null) {
                        if (!o.valid()) counters.malformedMptcpOptions++;
                        else if (o.subtype() == MptcpSubtype.UNKNOWN) counters.unknownMptcpSubtypes++;
                    }
                    break;
                }
                default:
                    break; // other kinds are skipped by their length
            }
            i += len;
        }
        return true;
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
