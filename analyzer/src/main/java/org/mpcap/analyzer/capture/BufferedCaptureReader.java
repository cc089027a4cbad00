package org.mpcap.analyzer.capture;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The part shared by the pcap and pcapng readers: one reused byte window over the input stream, and the
 * damage counters.
 *
 * <p>Window: {@code buf[pos, limit)} holds the not yet consumed bytes; {@code buf[0]} is at stream offset
 * {@code base}. {@link #fill(int)} makes at least {@code n} bytes available from {@code pos}: when the space after
 * {@code pos} is too small or {@code pos} is past the middle it moves the unconsumed tail to the front of the
 * buffer, then reads as much as fits, so reads from the file are large and no record is ever copied into its
 * own array. The buffer starts at
 * {@link #INITIAL_BUFFER_SIZE} and grows (rarely: only for a record bigger than it) up to the reader's
 * maximum record size. Memory therefore does not depend on the file size.
 */
abstract class BufferedCaptureReader implements CaptureReader {
    /** Initial (and, for normal captures, final) window size. */
    static final int INITIAL_BUFFER_SIZE = 1 << 20;

    /** Little-endian int view; big-endian values are read through it and {@link Integer#reverseBytes}. */
    static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    final CaptureInput input;
    private final CaptureFormat format;
    private final int maxBufferSize;

    byte[] buf;
    int pos;
    int limit;
    long base;
    /** Frames handed out so far (Wireshark's frame.number of the last one). */
    long frames;
    /** Set once {@link #next} has returned false for good. */
    boolean finished;

    private long damaged;
    private long firstDamageOffset = -1;
    private final Set<Integer> linkTypes = new TreeSet<>();
    private final Set<Integer> linkTypesView = Collections.unmodifiableSet(linkTypes);

    /**
     * @param buf the window as filled by the format detection: {@code buf[0, limit)} are the stream's first bytes
     * @param maxBufferSize largest window, i.e. largest record (header included) this reader can hold
     */
    BufferedCaptureReader(CaptureInput input, CaptureFormat format, byte[] buf, int limit, int maxBufferSize) {
        this.input = input;
        this.format = format;
        this.buf = buf;
        this.limit = limit;
        this.maxBufferSize = maxBufferSize;
    }

    /**
     * Makes at least {@code n} bytes available at {@code buf[pos]} (callers check {@code limit - pos < n}
     * first, so the common case costs one compare). {@code n} must not exceed the maximum buffer size.
     *
     * @return false if the stream ended first; {@code buf[pos, limit)} then holds everything that was left
     */
    final boolean fill(int n) throws IOException {
        if (input.exhausted()) {
            return false;
        }
        if (buf.length - pos < n || pos > (buf.length >>> 1)) {
            int remaining = limit - pos;
            System.arraycopy(buf, pos, buf, 0, remaining);
            base += pos;
            limit = remaining;
            pos = 0;
        }
        if (n > buf.length - pos) {
            if (n > maxBufferSize) {
                throw new IllegalArgumentException("record of " + n + " bytes exceeds " + maxBufferSize);
            }
            buf = Arrays.copyOf(buf, Math.min(maxBufferSize, Math.max(n, buf.length * 2)));
        }
        while (limit - pos < n) {
            int r = input.read(buf, limit, buf.length - limit);
            if (r < 0) {
                return false;
            }
            limit += r;
        }
        return true;
    }

    /** Stream offset of {@code buf[index]}. */
    final long offsetOf(int index) {
        return base + index;
    }

    /** Counts one damaged record or region starting at stream offset {@code offset}. */
    final void damage(long offset) {
        if (damaged++ == 0) {
            firstDamageOffset = offset;
        }
    }

    /**
     * End of the stream reached at {@code pos}: leftover bytes (a cut-off record) or a broken gzip stream count
     * as one damaged record. Returns false, for {@code return endOfInput();}.
     */
    final boolean endOfInput() {
        if (!finished) {
            finished = true;
            if (limit > pos || input.cutOff()) {
                damage(offsetOf(pos));
            }
            pos = limit;
        }
        return false;
    }

    final void addLinkType(int linkType) {
        linkTypes.add(linkType);
    }

    final int i32le(int at) {
        return (int) INT_LE.get(buf, at);
    }

    final int i32(int at, boolean bigEndian) {
        int v = (int) INT_LE.get(buf, at);
        return bigEndian ? Integer.reverseBytes(v) : v;
    }

    final int u16(int at, boolean bigEndian) {
        int b0 = buf[at] & 0xff;
        int b1 = buf[at + 1] & 0xff;
        return bigEndian ? (b0 << 8) | b1 : (b1 << 8) | b0;
    }

    final long i64(int at, boolean bigEndian) {
        long v = (long) LONG_LE.get(buf, at);
        return bigEndian ? Long.reverseBytes(v) : v;
    }

    @Override
    public final CaptureFormat format() { return format; }

    @Override
    public final Set<Integer> linkTypes() { return linkTypesView; }

    @Override
    public final long damagedRecords() { return damaged; }

    @Override
    public final long firstDamageOffset() { return firstDamageOffset; }

    @Override
    public final long bytesRead() { return input.bytesRead(); }

    @Override
    public void close() throws IOException {
        finished = true;
        input.close();
    }
}
