package org.mpcap.analyzer.decode;

/**
 * The TCP header and options of the current packet (RFC 9293 §3.1; options RFC 9293 §3.2, RFC 7323, RFC 2018).
 * <b>Reused</b>: overwritten by every {@link PacketDecoder#decode} call. Sequence numbers are raw 32-bit
 * values: compare them with {@code (int) (a - b) < 0}, never with {@code <}.
 */
public final class TcpView {
    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20,
            ECE = 0x40, CWR = 0x80;
    /** RFC 2018: at most 4 SACK blocks fit in 40 option bytes. */
    public static final int MAX_SACK_BLOCKS = 4;

    int srcPort, dstPort;
    int seq, ack;
    int flags;
    int window;
    int headerLength;
    int payloadLength;
    int capturedPayloadLength;
    int payloadOffset;
    int mss = -1;
    int windowScale = -1;
    boolean sackPermitted;
    boolean hasTimestamps;
    int tsVal, tsEcr;
    int sackBlockCount;
    final int[] sackLeft = new int[MAX_SACK_BLOCKS];
    final int[] sackRight = new int[MAX_SACK_BLOCKS];
    boolean optionsMalformed;
    boolean optionsTruncated;

    public int srcPort() { return srcPort; }
    public int dstPort() { return dstPort; }
    /** Raw 32-bit sequence number. */
    public int seq() { return seq; }
    /** Raw 32-bit acknowledgement number (meaningful only with {@link #ACK}). */
    public int ack() { return ack; }
    /** Flag bits: {@link #FIN}, {@link #SYN}, … */
    public int flags() { return flags; }
    public boolean has(int flag) { return (flags & flag) != 0; }
    /** Window field, unscaled. */
    public int window() { return window; }
    /** Data offset × 4, in bytes. */
    public int headerLength() { return headerLength; }
    /** Payload bytes on the wire, from the IP length (independent of snaplen). */
    public int payloadLength() { return payloadLength; }
    /** Payload bytes actually present in the capture. */
    public int capturedPayloadLength() { return capturedPayloadLength; }
    /** Offset of the payload in the packet buffer. */
    public int payloadOffset() { return payloadOffset; }
    /** MSS option value, or -1 if absent. */
    public int mss() { return mss; }
    /** Window-scale shift count, or -1 if absent. */
    public int windowScale() { return windowScale; }
    public boolean sackPermitted() { return sackPermitted; }
    public boolean hasTimestamps() { return hasTimestamps; }
    /** Raw TSval (RFC 7323 §3). */
    public int tsVal() { return tsVal; }
    /** Raw TSecr (RFC 7323 §3). */
    public int tsEcr() { return tsEcr; }
    public int sackBlockCount() { return sackBlockCount; }
    public int sackLeft(int i) { return sackLeft[i]; }
    public int sackRight(int i) { return sackRight[i]; }
    /** True if the option walk hit a length that does not fit (the walk stopped there). */
    public boolean optionsMalformed() { return optionsMalformed; }
    /**
     * True if the snap length cut the options area: only the options wholly captured were decoded (an MPTCP
     * option may be missing), the fixed header is complete.
     */
    public boolean optionsTruncated() { return optionsTruncated; }
}
