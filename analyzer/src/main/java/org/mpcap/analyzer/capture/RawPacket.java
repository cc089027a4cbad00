package org.mpcap.analyzer.capture;

/**
 * One captured record, as read from a capture file. <b>Reused</b>: a {@link CaptureReader} overwrites the
 * same instance on every {@link CaptureReader#next(RawPacket)} call, and the bytes in {@link #data()} belong
 * to the reader's buffer. Callers that keep anything must copy it out before the next call.
 */
public final class RawPacket {
    private byte[] data = new byte[0];
    private int offset;
    private int capturedLength;
    private int originalLength;
    private long timestampNanos;
    private int linkType;
    private int interfaceId;
    private long frameNumber;
    private long fileOffset;

    /** Overwrites every field. {@code data[offset, offset+capturedLength)} must be valid. */
    public RawPacket set(byte[] data, int offset, int capturedLength, int originalLength, long timestampNanos,
                         int linkType, int interfaceId, long frameNumber, long fileOffset) {
        this.data = data;
        this.offset = offset;
        this.capturedLength = capturedLength;
        this.originalLength = originalLength;
        this.timestampNanos = timestampNanos;
        this.linkType = linkType;
        this.interfaceId = interfaceId;
        this.frameNumber = frameNumber;
        this.fileOffset = fileOffset;
        return this;
    }

    /** The buffer holding the captured bytes (owned by the reader; not a copy). */
    public byte[] data() { return data; }
    /** Index in {@link #data()} of the first captured byte (the link-layer header). */
    public int offset() { return offset; }
    /** Bytes actually captured (≤ snaplen). */
    public int capturedLength() { return capturedLength; }
    /** Length of the packet on the wire, as recorded by the capturing tool. */
    public int originalLength() { return originalLength; }
    /**
     * Capture time, nanoseconds since the Unix epoch (UTC), already adjusted for resolution and offset (exact
     * integer conversion; times after 2262 saturate). A pcapng Simple Packet Block has no timestamp: it carries
     * the timestamp of the packet before it (0 if none).
     */
    public long timestampNanos() { return timestampNanos; }
    /** LINKTYPE_* value (tcpdump.org/linktypes.html) of the interface this record came from. */
    public int linkType() { return linkType; }
    /** Interface index (pcapng: IDB index within the file, counting across sections; pcap: 0). Not tshark 4.0's
     * section-local {@code frame.interface_id} when a file has several sections. */
    public int interfaceId() { return interfaceId; }
    /**
     * 1-based frame number, equal to Wireshark's {@code frame.number}: damaged records that are skipped are not
     * numbered; pcapng custom and systemd-journal blocks, which Wireshark shows as frames, take a number but are
     * not returned.
     */
    public long frameNumber() { return frameNumber; }
    /** Byte offset in the (decompressed) capture stream of this record's header (pcap record or pcapng block). */
    public long fileOffset() { return fileOffset; }
}
