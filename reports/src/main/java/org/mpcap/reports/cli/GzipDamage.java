package org.mpcap.reports.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Where a gzip-compressed capture's compressed stream breaks, for messages: the reader counts offsets in the
 * decompressed data, which a user cannot find in the file with a hex editor. Only called when a gzip capture
 * had damage, so decompressing it once more costs nothing on intact files.
 */
final class GzipDamage {
    /** Inflater input buffer: the break is located to within this many compressed bytes. */
    private static final int BUFFER = 512;

    private GzipDamage() {}

    /**
     * The compressed byte offset near which decompression of {@code file} fails (the inflater had read up to
     * there), or -1 if the whole gzip stream decompresses (the damage is inside the capture, not the gzip
     * layer) or the file cannot be read.
     */
    static long compressedBreak(Path file) {
        long[] consumed = {0};
        try (InputStream raw = Files.newInputStream(file);
             InputStream counted = new FilterInputStream(raw) {
                 @Override
                 public int read() throws IOException {
                     int b = super.read();
                     if (b >= 0) consumed[0]++;
                     return b;
                 }

                 @Override
                 public int read(byte[] b, int off, int len) throws IOException {
                     int n = super.read(b, off, len);
                     if (n > 0) consumed[0] += n;
                     return n;
                 }
             };
             GZIPInputStream gz = new GZIPInputStream(counted, BUFFER)) {
            byte[] sink = new byte[1 << 16];
            while (gz.read(sink) >= 0) {
                // decompress to the end or to the break
            }
            return -1;
        } catch (IOException e) {
            return consumed[0];
        }
    }

    /** " (compressed: the gzip stream breaks near byte M of S)" or "" when not known. */
    static String compressedNote(Path file) {
        long at = compressedBreak(file);
        if (at < 0) return "";
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            size = -1;
        }
        return "; the gzip data breaks at compressed byte " + Math.max(0, at - BUFFER) + "-" + at
                + (size >= 0 ? " of " + size : "");
    }
}
