package org.mpcap.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.reports.cli.SummaryExportCommandTest.Run;

/**
 * Damaged copies of the real captures in analyzer/src/test/resources/realcaps: one line naming the file and
 * the offset, exit 3 when nothing is usable, a warning and exit 0 when the rest is.
 */
class DamagedCaptureCommandTest {
    static final Path REALCAPS = Path.of("../analyzer/src/test/resources/realcaps");
    static final int PCAPNG_IDB = 1;

    static Run run(String... args) { return SummaryExportCommandTest.run(args); }

    @Test
    void pcapngWithoutInterfaceDescriptionIsBadInputNotAWarning(@TempDir Path dir) throws IOException {
        byte[] ng = Files.readAllBytes(REALCAPS.resolve("v6-multi.pcapng"));
        ByteBuffer b = ByteBuffer.wrap(ng).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int off = 0; off < ng.length; ) {
            int type = b.getInt(off), len = b.getInt(off + 4);
            if (type != PCAPNG_IDB) out.write(ng, off, len);
            off += len;
        }
        Path f = Files.write(dir.resolve("no-idb.pcapng"), out.toByteArray());
        Run r = run("summary", f.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("mpcap: " + f + ": no readable packet: 515 damaged records")
                .contains("byte offset ").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void cutGzipCaptureWarnsWithAnOffsetOfTheDecompressedData(@TempDir Path dir) throws IOException {
        byte[] gz = Files.readAllBytes(REALCAPS.resolve("v6gz.pcap.gz"));
        Path f = Files.write(dir.resolve("cut.pcap.gz"), Arrays.copyOf(gz, 5000));
        Run r = run("summary", f.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).matches("mpcap: warning: \\Q" + f + "\\E: 1 damaged record skipped \\(first at "
                + "decompressed byte offset \\d+; the gzip data breaks at compressed byte \\d+-5000 of 5000\\)\\R");
        assertThat(r.out()).contains("MPTCP connections  1");
    }

    @Test
    void lyingCaplenIsSkippedWithAWarningNamingItsOffset(@TempDir Path dir) throws IOException {
        byte[] p = Files.readAllBytes(REALCAPS.resolve("v6-any-nsec.pcap"));
        ByteBuffer b = ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN);
        int off = 24;
        for (int i = 0; i < 9; i++) off += 16 + b.getInt(off + 8);
        b.putInt(off + 8, 0x7fff0000);
        Path f = Files.write(dir.resolve("lying.pcap"), p);
        Run r = run("summary", f.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).isEqualTo("mpcap: warning: " + f + ": 1 damaged record skipped (first at byte offset "
                + off + ")" + System.lineSeparator());
        assertThat(r.out()).contains("MPTCP connections  1");
    }

    @Test
    void gzipOfTextIsBadInput(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("text.pcap.gz");
        try (GZIPOutputStream z = new GZIPOutputStream(Files.newOutputStream(f))) {
            z.write("not a capture at all\n".repeat(20).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        Run r = run("export", "--table", "subflows", f.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains(f.toString()).contains("byte offset 0");
    }

    @Test
    void emptyFileIsBadInput(@TempDir Path dir) throws IOException {
        Path f = Files.write(dir.resolve("zero.pcap"), new byte[0]);
        Run r = run("summary", f.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo("mpcap: " + f + ": empty file: got 0 bytes (expected a pcap or pcapng file "
                + "header) at byte offset 0" + System.lineSeparator());
    }
}
