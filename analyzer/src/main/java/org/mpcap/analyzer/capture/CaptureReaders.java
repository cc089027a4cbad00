package org.mpcap.analyzer.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Chooses the reader from the magic bytes, never from the file name: first the gzip magic {@code 1f 8b}
 * ({@link CaptureInput}), then, in the (decompressed) stream, the pcap magics of draft-ietf-opsawg-pcap §4.1
 * in either byte order or the pcapng Section Header Block type {@code 0a0d0d0a} (draft-ietf-opsawg-pcapng §4.1).
 */
final class CaptureReaders {
    private static final int MAGIC_LENGTH = 4;

    private CaptureReaders() {}

    static CaptureReader open(Path path) throws IOException {
        return open(path, CaptureReader.ReadAhead.NEVER);
    }

    static CaptureReader open(Path path, CaptureReader.ReadAhead readAhead) throws IOException {
        CaptureInput input = CaptureInput.open(path);
        CaptureReader reader;
        try {
            reader = open(input);
        } catch (IOException | RuntimeException e) {
            input.close();
            throw e;
        }
        boolean ahead = readAhead == CaptureReader.ReadAhead.ALWAYS
                || readAhead == CaptureReader.ReadAhead.COMPRESSED && input.compressed();
        return ahead ? new ReadAheadCaptureReader(reader, String.valueOf(path.getFileName())) : reader;
    }

    static CaptureReader open(java.io.InputStream in) throws IOException {
        CaptureInput input = CaptureInput.open(in);
        try {
            return open(input);
        } catch (IOException | RuntimeException e) {
            input.close();
            throw e;
        }
    }

    private static CaptureReader open(CaptureInput input) throws IOException {
        byte[] buf = new byte[BufferedCaptureReader.INITIAL_BUFFER_SIZE];
        int limit = 0;
        while (limit < MAGIC_LENGTH) {
            int n = input.read(buf, limit, buf.length - limit);
            if (n < 0) {
                break;
            }
            limit += n;
        }
        String what = input.compressed() ? " after gzip decompression" : "";
        if (limit == 0) {
            throw new CaptureFormatException(0, "empty file" + what
                    + ": got 0 bytes (expected a pcap or pcapng file header)");
        }
        if (limit < MAGIC_LENGTH) {
            throw new CaptureFormatException(0, "file too short" + what + ": got " + limit
                    + " bytes (expected a pcap or pcapng file header)");
        }
        int little = (buf[0] & 0xff) | (buf[1] & 0xff) << 8 | (buf[2] & 0xff) << 16 | (buf[3] & 0xff) << 24;
        int big = Integer.reverseBytes(little);
        if (little == PcapReader.MAGIC_MICROS || big == PcapReader.MAGIC_MICROS) {
            return new PcapReader(input, buf, limit, big == PcapReader.MAGIC_MICROS, false);
        }
        if (little == PcapReader.MAGIC_NANOS || big == PcapReader.MAGIC_NANOS) {
            return new PcapReader(input, buf, limit, big == PcapReader.MAGIC_NANOS, true);
        }
        if (little == PcapNgReader.SECTION_HEADER_BLOCK) {
            return new PcapNgReader(input, buf, limit);
        }
        throw new CaptureFormatException(0, String.format(Locale.ROOT,
                "not a pcap or pcapng file%s: got magic 0x%08x (expected a1b2c3d4, a1b23c4d, 0a0d0d0a or gzip 1f8b)",
                what, big));
    }
}
