package org.mpcap.reports.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.mpcap.analyzer.capture.CaptureReader;

/**
 * Turns command-line inputs into capture files. A file is taken as given (if it is not a capture, analysing it
 * fails with a one-line message and exit code 3). A directory is searched recursively, in name order, for
 * files whose first bytes are a pcap or pcapng magic (optionally inside gzip); other files (CSV, READMEs,
 * tshark outputs) and hidden files and directories are skipped silently. Files are only read, never changed.
 * {@code -} is standard input; a FIFO or {@code /dev/stdin} is read as a stream like a file.
 */
final class CaptureInputs {
    private static final int PCAP_MICROS = 0xa1b2c3d4;
    private static final int PCAP_NANOS = 0xa1b23c4d;
    private static final int PCAPNG_SHB = 0x0a0d0d0a;

    private CaptureInputs() {}

    /**
     * The captures named by {@code inputs}, in order (a directory's captures sorted by path).
     *
     * @throws InputException if an input does not exist, or a directory holds no capture
     */
    static List<Path> expand(List<Path> inputs) {
        List<Path> out = new ArrayList<>();
        for (Path in : inputs) {
            if (stdin(in, out)) {
                continue;
            }
            if (Files.isDirectory(in)) {
                List<Path> found = scan(in);
                if (found.isEmpty()) throw new InputException(in + ": no pcap or pcapng capture in this directory");
                out.addAll(found);
            } else if (Files.exists(in)) {
                out.add(in);
            } else {
                throw new InputException(in + ": no such file or directory");
            }
        }
        return out;
    }

    /**
     * True if {@code in} is {@code -} (standard input, read as a stream), which is then added to {@code out}; a
     * second {@code -} is an error (the stream can be read once).
     */
    static boolean stdin(Path in, List<Path> out) {
        if (!CaptureReader.STDIN.equals(in)) return false;
        if (out.contains(in)) throw new InputException("-: standard input can be given only once");
        out.add(in);
        return true;
    }

    private static List<Path> scan(Path dir) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> !p.equals(dir) && !hidden(dir.relativize(p)))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(p))
                    .sorted()
                    .forEach(p -> {
                        if (isCapture(p)) found.add(p);
                    });
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InputException(dir + ": cannot list directory: " + e.getMessage(), e);
        }
        return found;
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) if (part.toString().startsWith(".")) return true;
        return false;
    }

    /** True if the file starts with a pcap/pcapng magic, directly or after gzip decompression. */
    static boolean isCapture(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(4);
            if (head.length < 4) return false;
            if ((head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                try (InputStream gz = new GZIPInputStream(Files.newInputStream(p))) {
                    return isMagic(gz.readNBytes(4));
                } catch (IOException e) {
                    return false;
                }
            }
            return isMagic(head);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isMagic(byte[] b) {
        if (b.length < 4) return false;
        int big = (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
        int little = Integer.reverseBytes(big);
        return big == PCAP_MICROS || little == PCAP_MICROS || big == PCAP_NANOS || little == PCAP_NANOS
                || big == PCAPNG_SHB;
    }
}
