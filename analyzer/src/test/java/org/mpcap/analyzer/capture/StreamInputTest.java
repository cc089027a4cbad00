package org.mpcap.analyzer.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.capture.CaptureBytes.gzip;
import static org.mpcap.analyzer.capture.CaptureBytes.payload;
import static org.mpcap.analyzer.capture.CaptureBytes.slice;
import static org.mpcap.analyzer.capture.CaptureBytes.write;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.capture.CaptureBytes.Pcap;
import org.mpcap.analyzer.capture.CaptureBytes.PcapNg;

/**
 * Captures that arrive on a stream that cannot seek (a FIFO, {@code /dev/stdin} on a pipe, {@code tcpdump -U -w -}):
 * the same records as from the file, for pcap, pcapng and gzip, whatever sizes the stream's reads come in.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamInputTest {
    private static final long T0 = 1_700_000_000L;

    @TempDir
    Path dir;

    /** A packet with a digest of its bytes, so that streams are compared by content too. */
    record Record(long frame, long timestampNanos, int capLen, int origLen, int linkType, int bytesHash) {}

    private static List<Record> records(CaptureReader reader) throws IOException {
        List<Record> out = new ArrayList<>();
        RawPacket p = new RawPacket();
        while (reader.next(p)) {
            byte[] b = Arrays.copyOfRange(p.data(), p.offset(), p.offset() + p.capturedLength());
            out.add(new Record(p.frameNumber(), p.timestampNanos(), p.capturedLength(), p.originalLength(),
                    p.linkType(), Arrays.hashCode(b)));
        }
        return out;
    }

    private static List<Record> records(Path file) throws IOException {
        try (CaptureReader r = CaptureReader.open(file)) {
            return records(r);
        }
    }

    private static byte[] pcap(int packets) {
        Pcap pcap = Pcap.ethernet(ByteOrder.LITTLE_ENDIAN, false);
        for (int i = 0; i < packets; i++) pcap.record(T0 + i, i, payload(60 + i * 37 % 1400, i));
        return pcap.bytes();
    }

    private static byte[] pcapng(int packets) {
        PcapNg ng = new PcapNg(ByteOrder.BIG_ENDIAN).idb(1, 65535);
        for (int i = 0; i < packets; i++) ng.epb(0, (T0 + i) * 1_000_000L + i, payload(60 + i * 37 % 1400, i));
        return ng.bytes();
    }

    /** A stream handing out at most {@code chunk} bytes per read, as a pipe does when the writer is slow. */
    private static InputStream trickle(byte[] content, int chunk) {
        return new ByteArrayInputStream(content) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private Path fifo(String name) throws Exception {
        Path f = dir.resolve(name);
        Process mk;
        try {
            mk = new ProcessBuilder("mkfifo", f.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("no mkfifo on this machine: " + e.getMessage());
            return null;
        }
        Assumptions.assumeTrue(mk.waitFor() == 0 && Files.exists(f), "mkfifo failed");
        return f;
    }

    private static CompletableFuture<Void> feed(Path fifo, byte[] content) {
        return CompletableFuture.runAsync(() -> {
            try (OutputStream os = Files.newOutputStream(fifo)) {
                for (int i = 0; i < content.length; i += 1000) {
                    os.write(content, i, Math.min(1000, content.length - i));
                    os.flush();
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void readsPcapPcapngAndGzipFromAFifoAsFromTheFile() throws Exception {
        byte[][] contents = {pcap(300), pcapng(300), gzip(pcap(300)), gzip(pcapng(300))};
        for (int i = 0; i < contents.length; i++) {
            List<Record> expected = records(write(dir, "file-" + i, contents[i]));
            Path fifo = fifo("fifo-" + i);
            CompletableFuture<Void> writer = feed(fifo, contents[i]);
            try (CaptureReader r = CaptureReader.open(fifo)) {
                assertThat(records(r)).as("content %d", i).hasSize(300).isEqualTo(expected);
                assertThat(r.damagedRecords()).isZero();
                assertThat(r.bytesRead()).isEqualTo(contents[i].length);
            }
            writer.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void readsAStreamWhoseReadsReturnOneByteAtATime() throws IOException {
        for (byte[] content : List.of(pcap(50), pcapng(50), gzip(pcapng(50)))) {
            List<Record> expected = records(write(dir, "f", content));
            try (CaptureReader r = CaptureReader.open(trickle(content, 1))) {
                assertThat(records(r)).hasSize(50).isEqualTo(expected);
            }
        }
    }

    @Test
    void countsACutOffStreamAsOneDamagedRecordLikeTheFile() throws IOException {
        byte[] full = pcapng(20);
        byte[] cut = slice(full, 0, full.length - 10);
        Path file = write(dir, "cut.pcapng", cut);
        try (CaptureReader fromFile = CaptureReader.open(file);
             CaptureReader fromStream = CaptureReader.open(trickle(cut, 4096))) {
            assertThat(records(fromStream)).isEqualTo(records(fromFile));
            assertThat(fromStream.damagedRecords()).isEqualTo(fromFile.damagedRecords()).isEqualTo(1);
            assertThat(fromStream.firstDamageOffset()).isEqualTo(fromFile.firstDamageOffset());
        }
    }

    @Test
    void handsOutEachRecordAsSoonAsItHasArrivedWithoutWaitingForTheEnd() throws Exception {
        byte[] content = pcap(3);
        int header = 24;
        int firstRecordEnd = header + 16 + 60;
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(writer, 1 << 16);
        writer.write(content, 0, firstRecordEnd);
        writer.flush();
        try (CaptureReader r = CaptureReader.open(in)) {
            RawPacket p = new RawPacket();
            CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> next(r, p));
            assertThat(first.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(p.capturedLength()).isEqualTo(60);
            CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> next(r, p));
            Thread.sleep(200);
            assertThat(second).isNotDone();
            writer.write(content, firstRecordEnd, content.length - firstRecordEnd);
            writer.close();
            assertThat(second.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(next(r, p)).isTrue();
            assertThat(next(r, p)).isFalse();
            assertThat(r.damagedRecords()).isZero();
        }
    }

    private static boolean next(CaptureReader r, RawPacket p) {
        try {
            return r.next(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void readsEveryGzipMemberOfAPipeEvenWhenTheNextOneComesLater() throws Exception {
        byte[] content = pcap(40);
        int cut = content.length / 2; // members split the decompressed stream anywhere, here inside a record
        byte[] first = gzip(slice(content, 0, cut)), second = gzip(slice(content, cut, content.length));
        List<Record> expected = records(write(dir, "whole.pcap", content));
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(writer, 1 << 20);
        writer.write(first);
        writer.flush();
        CompletableFuture<List<Record>> read = CompletableFuture.supplyAsync(() -> {
            try (CaptureReader r = CaptureReader.open(in)) {
                return records(r);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(300); // the reader has drained the first member and sees available() == 0
        writer.write(second);
        writer.close();
        assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(expected);
    }

    @Test
    void rejectsAStreamThatIsNotACaptureAtOffsetZero() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> CaptureReader.open(new ByteArrayInputStream("hello world".getBytes())))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageStartingWith("not a pcap or pcapng file: got magic 0x68656c6c");
    }
}
