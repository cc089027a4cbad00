package org.mpcap.analyzer.stats;

import org.mpcap.analyzer.capture.RawPacket;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.decode.PacketDecoder;

/**
 * What every {@link StatsCollector} sees of one packet in the single pass: the raw record, the decoder's views
 * and what the trackers made of it. <b>Reused</b> for every packet; collectors copy what they keep.
 */
public final class PacketContext {
    /** The raw record (reused). */
    public RawPacket raw;
    /** The decoder, whose views describe this packet (reused). */
    public PacketDecoder decoder;
    /** Outcome of decoding this packet. */
    public DecodeStatus status;
    /** Capture time relative to the capture's first packet, in nanoseconds. */
    public long relativeNanos;
    /** Wireshark-compatible {@code tcp.stream} index, or -1 if not TCP. */
    public int tcpStream = -1;
    /** True if this TCP packet goes from the stream's client (SYN sender, or first sender) to its server. */
    public boolean fromClient;
    /** MPTCP connection index (0-based, order of appearance), or -1 if not part of an MPTCP connection. */
    public int connection = -1;
    /** Subflow index within {@link #connection} (0 = initial subflow), or -1. */
    public int subflow = -1;
    /**
     * Direction at the connection level (the MPTCP tracker's): 0 = sent by the connection's client (the SYN
     * sender of its initial subflow), 1 = by its server, also on a subflow the server opened; -1 if not MPTCP.
     */
    public int dataDirection = -1;
    /** True if {@link #dsn} is set: the packet carries payload that a DSS mapping of its subflow covers. */
    public boolean hasDsn;
    /** 64-bit data sequence number of the first payload byte (RFC 8684 §3.3.1), from the mapping covering it. */
    public long dsn;
    /**
     * True if the packet carries a mapping ({@link #mappingDsn}, {@link #mappingLength}, {@link #mappingDataFin}):
     * a DSS mapping, or the implicit mapping of an MP_CAPABLE with data (RFC 8684 §3.1); in direction
     * {@link #dataDirection}.
     */
    public boolean hasMapping;
    /** 64-bit DSN where the mapping starts (RFC 8684 §3.3.1), expanded by the MPTCP tracker. */
    public long mappingDsn;
    /** The mapping's data-level length, DATA_FIN included; 0 is the infinite mapping of a fallback (§3.7). */
    public int mappingLength;
    /** The mapping carries the DATA_FIN (§3.3.3). */
    public boolean mappingDataFin;
    /**
     * Connection directions (bit d) whose earlier 64-bit values are {@link #rebaseDelta}[d] off: the MPTCP
     * tracker had only 4-byte values of that DSN space (no key) and guessed their upper 32 bits; this packet's
     * 8-byte value (of a DSS, or an MP_FAIL's DSN, RFC 8684 §3.7) showed the real ones. Consumers that keep DSNs of
     * direction d add the delta to them first.
     */
    public int rebased;
    /** Per direction, what to add to the DSNs kept so far (valid where {@link #rebased} has the bit). */
    public final long[] rebaseDelta = new long[2];
    /** True if {@link #idsn} is set: the key of the connection side sending in {@link #dataDirection} is known. */
    public boolean hasIdsn;
    /** The initial data sequence number of direction {@link #dataDirection} (RFC 8684 §3.1). */
    public long idsn;
    /** True if {@link #dataAck} is set. */
    public boolean hasDataAck;
    /** The data ACK this packet carries, expanded to 64 bits; it acknowledges direction {@code 1 - dataDirection}. */
    public long dataAck;

    // ---- Per-frame verdicts of the collectors that run first (StatsCollectors' order): set for every TCP packet
    // with a stream (tcpStream >= 0) before the collectors after them see it; read them only on such packets.

    /**
     * With {@link #hasDsn}: payload bytes of this frame sent for the first time at the data level in its connection
     * direction (no earlier frame of any subflow carried them): the goodput. Set by the flow statistics.
     */
    public int newDataBytes;
    /**
     * With {@link #hasDsn}: payload bytes of this frame that earlier frames of <em>another</em> subflow carried
     * (the frame is then a reinjection, RFC 8684 §3.3.6, as the {@code reinjections} table); 0 otherwise.
     */
    public int reinjectedBytes;
    /**
     * True if tshark would mark this frame {@code tcp.analysis.retransmission} (fast and spurious ones included), as
     * the {@code tcp-analysis} table. Set by the TCP analysis.
     */
    public boolean tcpRetransmission;
}
