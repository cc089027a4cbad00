package org.mpcap.analyzer.capture;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The byte stream under a capture reader: the file itself, or its gzip-decompressed content when the file
 * starts with the gzip magic {@code 1f 8b} (RFC 1952 §2.3.1), as Wireshark reads {@code .pcap.gz} files.
 * Concatenated gzip members are read one after the other ({@link GZIPInputStream} does that).
 *
 * <p>The file is opened with {@link StandardOpenOption#READ} only and never written.
 *
 * <p>A gzip stream that ends early (cut-off download, capture still being written) or whose deflate data is
 * corrupt ends the stream where it breaks and sets {@link #cutOff()}; the reader counts that as damage
 * instead of failing, so the packets before the break stay usable.
 */
final class CaptureInput implements Closeable {
    /** Size of the buffer between the file and the inflater; reads from disk are this big. */
    static final int GZIP_INPUT_BUFFER = 256 * 1024;
    /** Largest single read from the file. */
    static final int MAX_READ = 1 << 20;
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private final FileChannel channel;
    private final InputStream gzip;
    private ByteBuffer wrapped;
    private boolean eof;
    private boolean cutOff;

    private CaptureInput(FileChannel channel, InputStream gzip) {
        this.channel = channel;
        this.gzip = gzip;
    }

    static CaptureInput open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            if (!startsWithGzipMagic(channel)) {
                return new CaptureInput(channel, null);
            }
            InputStream gz;
            try {
                gz = new GZIPInputStream(Channels.newInputStream(channel), GZIP_INPUT_BUFFER);
            } catch (EOFException | ZipException e) {
                throw new CaptureFormatException(0, "broken gzip header: got " + e.getMessage()
                        + " (expected a complete RFC 1952 member header)");
            }
            return new CaptureInput(channel, gz);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static boolean startsWithGzipMagic(FileChannel channel) throws IOException {
        ByteBuffer magic = ByteBuffer.allocate(2);
        while (magic.hasRemaining()) {
            if (channel.read(magic, magic.position()) < 0) {
                return false;
            }
        }
        return (magic.get(0) & 0xff) == GZIP_MAGIC_1 && (magic.get(1) & 0xff) == GZIP_MAGIC_2;
    }

    /**
     * Reads up to {@code len} bytes into {@code b[off..]}. Returns the count, or -1 at the end of the stream
     * (also after a broken gzip stream, see {@link #cutOff()}). Never returns 0 for {@code len > 0}.
     */
    int read(byte[] b, int off, int len) throws IOException {
        if (eof) {
            return -1;
        }
        int n;
        if (gzip == null) {
            ByteBuffer bb = wrapped;
            if (bb == null || bb.array() != b) {
                bb = wrapped = ByteBuffer.wrap(b);
            }
            // The JDK reads a FileChannel into a heap buffer through a cached temporary direct buffer as big as
            // the request; capping the request keeps that at 1 MiB even when the window has grown.
            bb.limit(off + Math.min(len, MAX_READ)).position(off);
            do {
                n = channel.read(bb);
            } while (n == 0);
        } else {
            try {
                do {
                    n = gzip.read(b, off, len);
                } while (n == 0);
            } catch (EOFException | ZipException e) {
                // "Unexpected end of ZLIB input stream", a cut-off trailer, "invalid stored block lengths",
                // a CRC mismatch: the decompressed stream cannot go on from here.
                cutOff = true;
                n = -1;
            }
        }
        if (n < 0) {
            eof = true;
        }
        return n;
    }

    /** Whether {@link #read} has returned -1. */
    boolean exhausted() { return eof; }

    /** Whether the file is gzip-compressed. */
    boolean compressed() { return gzip != null; }

    /** Whether the gzip stream ended early or broke (always false for uncompressed files). */
    boolean cutOff() { return cutOff; }

    /** Bytes consumed from the file on disk so far (compressed bytes for gzip), including read-ahead. */
    long bytesRead() {
        try {
            return channel.isOpen() ? channel.position() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        if (gzip != null) {
            gzip.close();
        }
        channel.close();
    }
}
