package org.mpcap.analyzer.capture;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Streams the records of one capture file (classic pcap, pcapng, either gzip-compressed or not), in file
 * order. The format is decided by magic bytes, never by the file name. Memory use does not depend on the
 * file's size: records are read into one reused buffer (1 MiB, grown only for a record bigger than that, up to
 * 16 MiB), and {@link RawPacket#data()} points into it (no copy).
 *
 * <p>Not thread-safe. The {@link RawPacket} passed to {@link #next} is overwritten on each call, and the bytes
 * it points to are valid only until the next call to {@link #next} or {@link #close}.
 *
 * <p>Bad input comes in tiers: a file that is not a capture or whose file header is broken throws
 * {@link CaptureFormatException} from {@link #open}; a damaged record (impossible length, cut off by the end of
 * the file, a gzip stream that breaks off) is counted in {@link #damagedRecords()} and skipped, the reader
 * resynchronising on the next plausible record; unknown link types and block types are not errors (link types are
 * passed through, unknown pcapng blocks are skipped).
 */
public interface CaptureReader extends Closeable {

    /**
     * The path {@code -}: standard input, as in {@code tcpdump -r -} and {@code tshark -r -}. Opening it reads the
     * process's standard input as a stream (it may be a pipe, e.g. from {@code tcpdump -U -w -}).
     */
    Path STDIN = Path.of("-");

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
     * Like {@link #open(Path)}, but with {@code readAhead} the file is read on a second thread, one batch of
     * records ahead of the caller, so that disk reads, gzip inflation and record parsing overlap with what the
     * caller does with each record. Same records, same order, same counters and exceptions; the caller must
     * {@link #close} the reader (which stops the thread).
     */
    static CaptureReader open(Path path, boolean readAhead) throws IOException {
        return open(path, readAhead ? ReadAhead.ALWAYS : ReadAhead.NEVER);
    }

    /** When {@link #open(Path, ReadAhead)} reads the capture on a second thread. */
    enum ReadAhead {
        NEVER,
        /**
         * Only for a gzip-compressed file, where inflating is most of the reading work and overlaps well with the
         * caller's. For a plain file the records are a copy from the page cache away: handing them to another
         * core costs more than reading them on the caller's (measured on the 12 M-packet bulk capture, 2 cores:
         * every statistic 3.4-3.8 s without read-ahead, 4.3-5.5 s with it).
         */
        COMPRESSED,
        ALWAYS
    }

    /** Like {@link #open(Path, boolean)}, reading ahead as {@code mode} says. */
    static CaptureReader open(Path path, ReadAhead mode) throws IOException {
        return CaptureReaders.open(path, mode);
    }

    /**
     * Opens a capture arriving on a stream that need not seek (a pipe, a socket, a FIFO): pcap, pcapng or gzip, as
     * for a file. {@link #next} blocks until the next record is complete or the stream ends; closing the reader
     * closes {@code in}.
     *
     * @throws CaptureFormatException if the stream does not start like a capture
     * @throws IOException on I/O errors
     */
    static CaptureReader open(java.io.InputStream in) throws IOException {
        return CaptureReaders.open(in);
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

    /** The LINKTYPE_* values of all interfaces declared so far (read-only view, ascending). */
    Set<Integer> linkTypes();

    /** Records that were damaged (bad length, cut off, unreadable) and skipped so far. */
    long damagedRecords();

    /** Offset of the first damaged record in the (decompressed) stream, or -1 if none. */
    long firstDamageOffset();

    /**
     * Bytes consumed so far from the file on disk (compressed bytes for a gzip file), read-ahead included, for
     * progress reports against {@code Files.size(path)}; -1 if unknown (the default) or after {@link #close}.
     */
    default long bytesRead() {
        return -1;
    }
}
