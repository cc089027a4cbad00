package org.mpcap.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes, messages and outputs of {@code mpcap summary} and {@code mpcap export}. */
class SummaryExportCommandTest {
    static final Path FIXTURES = Path.of("../analyzer/src/test/resources/fixtures");
    static final String V1_JOIN = FIXTURES.resolve("v1-join.pcap").toString();
    static final String V0_JOIN = FIXTURES.resolve("v0-join.pcap").toString();

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void nonCaptureFileIsBadInputWithOneLineNamingFileAndOffset(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("notes.txt"), "these are not packets\n");
        Run r = run("summary", f.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("mpcap: ").contains(f.toString()).contains("offset");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingFileIsBadInput(@TempDir Path dir) {
        Run r = run("export", "--table", "connections", dir.resolve("absent.pcap").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("absent.pcap").contains("no such file").doesNotContain("Exception");
    }

    @Test
    void unknownTableIsUsageErrorListingValidNames() {
        Run r = run("export", "--table", "nonsense", V1_JOIN);
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("nonsense").contains("connections").contains("subflows")
                .contains("mptcp-options");
    }

    @Test
    void handshakeEchoingAnotherKeyWarnsOnStderr() {
        String f = FIXTURES.resolve("echoed-key.pcap").toString();
        Run r = run("summary", f);
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).isEqualTo("mpcap: warning: " + f + ": the ACK of the MPTCP handshake echoes a key that "
                + "does not match the key of the SYN/ACK on connection 0 (RFC 8684 §3.1); the SYN/ACK's key is used"
                + System.lineSeparator());
        assertThat(run("summary", "--quiet", f).err()).isEmpty();
    }

    @Test
    void truncatedCaptureWarnsAndSucceeds(@TempDir Path dir) throws IOException {
        byte[] all = Files.readAllBytes(Path.of(V1_JOIN));
        Path cut = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(all, all.length - 10));
        Run r = run("summary", cut.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).startsWith("mpcap: warning: " + cut + ": 1 damaged record skipped (first at byte offset ");
        assertThat(r.out()).contains("connection 0");
    }

    /** A real capture taken with tcpdump -s 64 of MPTCP connections: no MP_CAPABLE survived the snap length. */
    @Test
    void shortSnapLengthWarnsThatMptcpConnectionsMayLookLikePlainTcp() {
        String snap64 = Path.of("../analyzer/src/test/resources/realcaps/close-snap64.pcap").toString();
        Run r = run("summary", snap64);
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.err().lines()).containsExactly("mpcap: warning: " + snap64 + ": "
                + CaptureArguments.snapLengthWarning(2175));
        assertThat(r.err()).contains("plain TCP").contains("-s 128");
        assertThat(run("summary", "-q", snap64).err()).isEmpty();
        assertThat(run("summary", V1_JOIN).err()).isEmpty(); // full snap length: nothing to say
    }

    @Test
    void summaryShowsConnectionsAndSubflows() {
        Run r = run("summary", V1_JOIN);
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("MPTCP connections  1").contains("connection 0: v1, established")
                .contains("mp_tcprst:lack_of_resources").contains("invalid").contains("10.0.0.2:40001");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void summaryJsonIsOneDocument() {
        Run r = run("summary", "--json", V1_JOIN, V0_JOIN);
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out().strip()).startsWith("{\"captures\":[{").endsWith("]}");
        assertThat(r.out()).contains("\"state\":\"established\"").contains("\"join_hmac\":\"valid\"")
                .contains("\"version\":0");
    }

    @Test
    void exportOfSeveralCapturesHasOneHeader() {
        Run r = run("export", "--table", "subflows", V1_JOIN, V0_JOIN);
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out().lines().filter(l -> l.startsWith("capture,"))).hasSize(1);
        assertThat(r.out().lines().filter(l -> l.startsWith("v1-join.pcap,"))).hasSize(3);
        assertThat(r.out().lines().filter(l -> l.startsWith("v0-join.pcap,"))).hasSize(2);
    }

    @Test
    void exportComputesOnlyWhatTheTableNeedsAndAllStatisticsGivesTheSameTable() {
        String cap = FIXTURES.resolve("mp-fail.pcap").toString();
        Run alone = run("export", "--table", "goodput", cap);
        Run every = run("export", "--table", "goodput", "--all-statistics", cap);
        assertThat(alone.code()).isEqualTo(ExitCodes.OK);
        assertThat(every.code()).isEqualTo(ExitCodes.OK);
        assertThat(alone.out()).isEqualTo(every.out()).startsWith("capture,");
        assertThat(alone.out().lines().count()).isGreaterThan(1);
    }

    @Test
    void exportWritesTheOutputFile(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("options.json");
        Run r = run("export", "--table", "mptcp-options", "--format", "json", "-o", out.toString(), V1_JOIN);
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(out)).contains("MP_JOIN").contains("MP_FASTCLOSE");
    }

    @Test
    void directoryArgumentExpandsToCapturesByMagic(@TempDir Path dir) throws IOException {
        Files.copy(Path.of(V1_JOIN), dir.resolve("b-capture.bin"));
        Files.copy(Path.of(V0_JOIN), dir.resolve("a.pcap"));
        Files.writeString(dir.resolve("README.txt"), "not a capture");
        Run r = run("export", "--table", "connections", dir.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))))
                .containsExactly("a.pcap", "b-capture.bin");
    }
}
