package org.mpcap.analyzer.capture;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a capture on a second thread, one batch of records ahead of the caller, so that disk reads, gzip
 * inflation and record parsing overlap with decoding and statistics. Still a single pass over the file.
 *
 * <p>The background thread copies each record's captured bytes into a batch (a few MiB, {@value #BATCH_PACKETS}
 * records at most); {@value #BATCHES} batches circulate between the two threads and are reused, so nothing is
 * allocated per packet. {@link #next} hands out records from the current batch; a batch goes back to the reader
 * thread only when the caller asks for the record after its last, so the {@link RawPacket} contract (bytes valid
 * until the next call) holds. Counters ({@link #damagedRecords()} etc.) are those of the reader when it filled
 * the batch being consumed, so they never run ahead of what the caller has seen.
 *
 * <p>An exception of the underlying reader is handed over in order: the caller first gets every record read
 * before it, then the exception itself (same type and message).
 */
final class ReadAheadCaptureReader implements CaptureReader {
    /** Records per batch. */
    static final int BATCH_PACKETS = 16_384;
    /** Initial bytes per batch (grown for a record larger than what is left, up to the reader's own limit). */
    static final int BATCH_BYTES = 2 << 20;
    /** Batches in circulation: one being filled, one being consumed, one ready. */
    static final int BATCHES = 3;

    private static final class Batch {
        byte[] data = new byte[BATCH_BYTES];
        int used;
        int count;
        final int[] offset = new int[BATCH_PACKETS];
        final int[] capturedLength = new int[BATCH_PACKETS];
        final int[] originalLength = new int[BATCH_PACKETS];
        final int[] linkType = new int[BATCH_PACKETS];
        final int[] interfaceId = new int[BATCH_PACKETS];
        final long[] timestamp = new long[BATCH_PACKETS];
        final long[] frame = new long[BATCH_PACKETS];
        final long[] fileOffset = new long[BATCH_PACKETS];
        boolean last;
        IOException ioError;
        RuntimeException runtimeError;
        long damaged;
        long firstDamage;
        long bytesRead;
        Set<Integer> linkTypes;

        void clear() {
            used = 0;
            count = 0;
            last = false;
            ioError = null;
            runtimeError = null;
        }

        /** Copies {@code p} in; false if the batch is full (the record was not taken). */
        boolean add(RawPacket p) {
            int len = p.capturedLength();
            if (count == BATCH_PACKETS) return false;
            if (data.length - used < len) {
                if (count > 0) return false;
                data = new byte[Math.max(len, BATCH_BYTES)]; // a record larger than a batch: rare, kept
            }
            System.arraycopy(p.data(), p.offset(), data, used, len);
            offset[count] = used;
            capturedLength[count] = len;
            originalLength[count] = p.originalLength();
            linkType[count] = p.linkType();
            interfaceId[count] = p.interfaceId();
            timestamp[count] = p.timestampNanos();
            frame[count] = p.frameNumber();
            fileOffset[count] = p.fileOffset();
            used += len;
            count++;
            return true;
        }
    }

    private final CaptureReader source;
    private final BlockingQueue<Batch> filled = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    private final Thread thread;
    private volatile boolean closed;
    private Batch current;
    private int index;
    private boolean ended;

    ReadAheadCaptureReader(CaptureReader source, String name) {
        this.source = source;
        for (int i = 0; i < BATCHES; i++) free.add(new Batch());
        thread = new Thread(this::fill, "mpcap-read-ahead " + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The reader thread: fill free batches until the source ends, fails or the caller closes. */
    private void fill() {
        RawPacket p = new RawPacket();
        boolean pending = false;
        try {
            while (!closed) {
                Batch b = free.take();
                b.clear();
                try {
                    if (pending) {
                        b.add(p);
                        pending = false;
                    }
                    while (true) {
                        if (!source.next(p)) {
                            b.last = true;
                            break;
                        }
                        if (!b.add(p)) {
                            pending = true;
                            break;
                        }
                    }
                } catch (IOException e) {
                    b.ioError = e;
                    b.last = true;
                } catch (RuntimeException e) {
                    b.runtimeError = e;
                    b.last = true;
                }
                b.damaged = source.damagedRecords();
                b.firstDamage = source.firstDamageOffset();
                b.bytesRead = source.bytesRead();
                b.linkTypes = Set.copyOf(source.linkTypes());
                filled.put(b);
                if (b.last) return;
            }
        } catch (InterruptedException e) {
            // closed by the caller: stop quietly
        }
    }

    @Override
    public boolean next(RawPacket into) throws IOException {
        while (current == null || index == current.count) {
            if (current != null) {
                if (current.ioError != null) throw current.ioError;
                if (current.runtimeError != null) throw current.runtimeError;
                if (current.last) {
                    ended = true;
                    return false;
                }
                free.add(current);
            }
            if (ended) return false;
            try {
                current = filled.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the capture");
            }
            index = 0;
        }
        Batch b = current;
        int i = index++;
        into.set(b.data, b.offset[i], b.capturedLength[i], b.originalLength[i], b.timestamp[i], b.linkType[i],
                b.interfaceId[i], b.frame[i], b.fileOffset[i]);
        return true;
    }

    @Override
    public CaptureFormat format() { return source.format(); }

    @Override
    public Set<Integer> linkTypes() {
        return current == null ? Set.of() : current.linkTypes;
    }

    @Override
    public long damagedRecords() { return current == null ? 0 : current.damaged; }

    @Override
    public long firstDamageOffset() { return current == null ? -1 : current.firstDamage; }

    @Override
    public long bytesRead() { return current == null ? 0 : current.bytesRead; }

    @Override
    public void close() throws IOException {
        closed = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            source.close();
        }
    }
}
