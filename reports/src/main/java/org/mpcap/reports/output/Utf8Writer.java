package org.mpcap.reports.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * A {@link Writer} that encodes UTF-8 into its own byte buffer, unsynchronized, for text written in many small
 * pieces: POI's sheet XML (a dozen small strings per cell: {@code <c r="}, the reference, {@code " s="}, ...) and
 * the CSV, Markdown and LaTeX tables (a field at a time). Through the JDK's {@code OutputStreamWriter} each of
 * them takes a lock and passes a charset encoder: about 40 % of writing a workbook, most of writing csv/.
 * Unpaired surrogates are written as {@code ?}, as the JDK's encoder replaces them. The workbook's row writer
 * also hands it bytes it has encoded itself ({@link #writeEncoded}). One thread only.
 */
public final class Utf8Writer extends Writer {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int n;
    /** A high surrogate written as the last char of the previous call, waiting for its low half. */
    private char pendingHigh;

    public Utf8Writer(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int c) throws IOException {
        put((char) c);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        int end = off + len;
        while (off < end) {
            if (pendingHigh != 0 || n > buf.length - 4) {
                put(s.charAt(off++));
                continue;
            }
            // ASCII (nearly all of a sheet) copied in a loop of its own, with room for 3 bytes a char checked once
            int stop = Math.min(end, off + (buf.length - n) / 3);
            byte[] b = buf;
            int k = n;
            while (off < stop) {
                char c = s.charAt(off++);
                if (c < 0x80) {
                    b[k++] = (byte) c;
                } else {
                    n = k;
                    put(c);
                    k = n;
                    if (pendingHigh != 0) break;
                }
            }
            n = k;
        }
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        for (int i = off, end = off + len; i < end; i++) put(cbuf[i]);
    }

    /**
     * Appends {@code len} bytes of {@code b} from {@code off}, which the caller has encoded as UTF-8 already
     * (markup, digits, escaped text): copied as they are.
     */
    public void writeEncoded(byte[] b, int off, int len) throws IOException {
        settlePending();
        if (len > buf.length - n) {
            drain();
            if (len > buf.length) {
                out.write(b, off, len);
                return;
            }
        }
        System.arraycopy(b, off, buf, n, len);
        n += len;
    }

    public void writeEncoded(byte[] b) throws IOException {
        writeEncoded(b, 0, b.length);
    }

    /** A high surrogate left waiting by the previous write, now known to be unpaired: written as '?'. */
    private void settlePending() throws IOException {
        if (pendingHigh == 0) return;
        pendingHigh = 0;
        if (n > buf.length - 4) drain();
        buf[n++] = '?';
    }

    private void put(char c) throws IOException {
        if (n > buf.length - 4) drain();
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(high, c);
                buf[n++] = (byte) (0xF0 | cp >> 18);
                buf[n++] = (byte) (0x80 | (cp >> 12 & 0x3F));
                buf[n++] = (byte) (0x80 | (cp >> 6 & 0x3F));
                buf[n++] = (byte) (0x80 | (cp & 0x3F));
                return;
            }
            buf[n++] = '?';
            if (n > buf.length - 4) drain();
        }
        if (c < 0x80) {
            buf[n++] = (byte) c;
        } else if (c < 0x800) {
            buf[n++] = (byte) (0xC0 | c >> 6);
            buf[n++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else if (Character.isLowSurrogate(c)) {
            buf[n++] = '?';
        } else {
            buf[n++] = (byte) (0xE0 | c >> 12);
            buf[n++] = (byte) (0x80 | (c >> 6 & 0x3F));
            buf[n++] = (byte) (0x80 | (c & 0x3F));
        }
    }

    private void drain() throws IOException {
        out.write(buf, 0, n);
        n = 0;
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        settlePending();
        drain();
        out.close();
    }
}
