package org.mpcap.analyzer.capture;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Streams the records of one capture file (classic pcap, pcapng, either gzip-compressed or not), in file
 * order. The format is decided by magic bytes. Memory use does not depend on the file's size.
 *
 * <p>Not thread-safe. The {@link RawPacket} passed to {@link #next} is overwritten on each call.
 */
public interface CaptureReader extends Closeable {

    /**
     * Opens {@code path} for reading. Never modifies the file.
     *
     * @throws CaptureFormatException if the file is not a capture mpcap can read (offset 0 for a bad magic)
     * @throws IOException on I/O errors
     */
    static CaptureReader open(Path path) throws IOException {
        return CaptureReaders.open(path);
    }

    /**
     * Reads the next record into {@code into}. Damaged records that can be skipped are skipped and counted.
     *
     * @return false at the end of the capture (including a cut-off last record, which is counted as damaged)
     * @throws CaptureFormatException when the structure is broken past recovery
     */
    boolean next(RawPacket into) throws IOException;

    /** The file format, known once the reader is open. */
    CaptureFormat format();

    /** The LINKTYPE_* values of all interfaces declared so far. */
    Set<Integer> linkTypes();

    /** Records that were damaged (bad length, cut off, unreadable) and skipped so far. */
    long damagedRecords();

    /** Offset of the first damaged record, or -1 if none. */
    long firstDamageOffset();
}
