package org.mpcap.analyzer.capture;

import java.io.IOException;

/**
 * The capture's structure is broken where it cannot be read on: not a capture, a bad section header, a block
 * length that cannot be right. Carries the byte offset (in the decompressed stream) where it was found, and
 * says "got X (expected Y)". Damage to single records that the reader can skip is counted instead (see
 * {@link CaptureReader#damagedRecords()}).
 */
public class CaptureFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    public CaptureFormatException(long offset, String message) {
        super(message + " at byte offset " + offset);
        this.offset = offset;
    }

    /** Byte offset in the (decompressed) capture stream where the problem was found. */
    public long offset() { return offset; }
}
