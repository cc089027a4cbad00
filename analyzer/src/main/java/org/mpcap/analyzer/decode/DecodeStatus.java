package org.mpcap.analyzer.decode;

/** Outcome of decoding one {@link org.mpcap.analyzer.capture.RawPacket}. */
public enum DecodeStatus {
    /** An IP packet carrying TCP: {@link PacketDecoder#ip()} and {@link PacketDecoder#tcp()} are valid. */
    TCP,
    /** An IP packet that does not carry TCP (or is a non-first fragment): only {@link PacketDecoder#ip()} is valid. */
    IP_OTHER,
    /** A link-layer frame that does not carry IP (ARP, LLDP, …). */
    NOT_IP,
    /** The link type is not one mpcap decodes; counted per link type. */
    UNSUPPORTED_LINK,
    /** The packet ends before a header it announces (snaplen cut inside IP/TCP headers). Counted, skipped. */
    TRUNCATED,
    /** A header field is impossible (bad IP version, header length, TCP data offset …). Counted, skipped. */
    MALFORMED
}
