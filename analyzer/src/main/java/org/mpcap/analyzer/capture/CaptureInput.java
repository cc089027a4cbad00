package org.mpcap.analyzer.capture;

import java.io.Closeable;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The byte stream under a capture reader: the file itself, or its gzip-decompressed content when the file
 * starts with the gzip magic {@code 1f 8b} (RFC 1952 §2.3.1), as Wireshark reads {@code .pcap.gz} files.
 * Concatenated gzip members are read one after the other ({@link GZIPInputStream} does that).
 *
 * <p>The file is opened with {@link StandardOpenOption#READ} only and never written.
 *
 * <p>A regular file is read through its {@link FileChannel} (the gzip magic is peeked with a positional read).
 * Anything else (a FIFO, {@code /dev/stdin} on a pipe, a character device, {@link CaptureReader#STDIN} or an
 * {@link InputStream} given by the caller) cannot seek ("Illegal seek"), so it is read as a plain stream: the two
 * magic bytes are pushed back after peeking, and every read returns what the stream has (a pipe fed by
 * {@code tcpdump -U -w -} hands over each packet as it is written, a record is never awaited longer than needed).
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

    /** The regular file, or null for a stream. */
    private final FileChannel channel;
    /** The stream under a non-seekable input (counting what it hands out), or null for a regular file. */
    private final CountingInputStream stream;
    private final InputStream gzip;
    private ByteBuffer wrapped;
    private boolean eof;
    private boolean cutOff;

    private CaptureInput(FileChannel channel, CountingInputStream stream, InputStream gzip) {
        this.channel = channel;
        this.stream = stream;
        this.gzip = gzip;
    }

    static CaptureInput open(Path path) throws IOException {
        if (CaptureReader.STDIN.equals(path)) {
            return open(new FileInputStream(FileDescriptor.in));
        }
        if (Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path)) {
            // A FileInputStream, not a channel's stream: its available() asks the pipe (FIONREAD) instead of
            // seeking, which GZIPInputStream calls between members.
            return open(new FileInputStream(path.toFile()));
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            if (!startsWithGzipMagic(channel)) {
                return new CaptureInput(channel, null, null);
            }
            return new CaptureInput(channel, null, gunzip(Channels.newInputStream(channel)));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** A capture on a stream that cannot seek; closing the input closes {@code in}. */
    static CaptureInput open(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        try {
            CountingInputStream counted = new CountingInputStream(in);
            PushbackInputStream peek = new PushbackInputStream(counted, 2);
            byte[] magic = peek.readNBytes(2);
            peek.unread(magic);
            boolean gz = magic.length == 2 && (magic[0] & 0xff) == GZIP_MAGIC_1 && (magic[1] & 0xff) == GZIP_MAGIC_2;
            return new CaptureInput(null, new CountingInputStream(peek, counted),
                    gz ? gunzip(new WaitingAvailable(peek)) : null);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static InputStream gunzip(InputStream in) throws IOException {
        try {
            return new GZIPInputStream(in, GZIP_INPUT_BUFFER);
        } catch (EOFException | ZipException e) {
            throw new CaptureFormatException(0, "broken gzip header: got " + e.getMessage()
                    + " (expected a complete RFC 1952 member header)");
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
        if (gzip == null && stream != null) {
            do {
                n = stream.read(b, off, len);
            } while (n == 0);
        } else if (gzip == null) {
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

    /**
     * Bytes consumed from the file on disk (or the stream) so far (compressed bytes for gzip), including
     * read-ahead.
     */
    long bytesRead() {
        if (stream != null) {
            return stream.source.count;
        }
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
        if (stream != null) {
            stream.close();
        }
        if (channel != null) {
            channel.close();
        }
    }

    /**
     * Says a stream has bytes {@linkplain #available() available} until it has ended. {@link GZIPInputStream} looks
     * for a further member only when {@code available() > 0} after a member's trailer: on a pipe whose writer has
     * not written the next member yet that is 0, and the capture would end early. Claiming one byte makes it read
     * (and wait for) the next header; at the real end its read fails and GZIPInputStream ends cleanly.
     */
    private static final class WaitingAvailable extends FilterInputStream {
        WaitingAvailable(InputStream in) {
            super(in);
        }

        @Override
        public int available() throws IOException {
            return Math.max(1, in.available());
        }
    }

    /**
     * Counts the bytes read through it ({@link #source} is the counter next to the original stream, so that a
     * wrapper above the pushback stream still reports the bytes taken from the file).
     */
    private static final class CountingInputStream extends FilterInputStream {
        final CountingInputStream source;
        long count;

        CountingInputStream(InputStream in) {
            super(in);
            this.source = this;
        }

        CountingInputStream(InputStream in, CountingInputStream source) {
            super(in);
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0 && source == this) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0 && source == this) count += n;
            return n;
        }
    }
}
