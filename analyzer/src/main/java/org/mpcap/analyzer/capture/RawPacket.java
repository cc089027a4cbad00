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
    /** Capture time, nanoseconds since the Unix epoch (UTC), already adjusted for resolution and offset. */
    public long timestampNanos() { return timestampNanos; }
    /** LINKTYPE_* value (tcpdump.org/linktypes.html) of the interface this record came from. */
    public int linkType() { return linkType; }
    /** Interface index (pcapng: IDB index within the file, counting across sections; pcap: 0). */
    public int interfaceId() { return interfaceId; }
    /** 1-based frame number, as Wireshark numbers frames (damaged records skipped are not numbered). */
    public long frameNumber() { return frameNumber; }
    /** Byte offset in the (decompressed) capture stream of this record's header. */
    public long fileOffset() { return fileOffset; }
}
