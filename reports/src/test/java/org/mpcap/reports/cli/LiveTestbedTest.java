package org.mpcap.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.mptcp.SubflowInfo;

/**
 * {@code mpcap live} on the testbed, as a user runs it: {@code record.sh --live} starts it (this build's classes,
 * through {@code MPCAP}) in the client namespace while a fullmesh transfer runs, tcpdump capturing beside it.
 * It must see every subflow tcpdump saw, show each coming up, and its report must equal the offline report of
 * the capture it wrote. Needs root, an MPTCP kernel and {@code record.sh --check} passing (as the analyzer's
 * RecordScriptSmokeTest); otherwise skipped with the reason.
 */
class LiveTestbedTest {
    private static final long SCRIPT_TIMEOUT_SECONDS = 240;
    private static final Pattern NAMESPACE_TAG = Pattern.compile("namespaces (mpc[0-9]+-[0-9a-f]{4})-\\*");
    private static final Pattern ESTABLISHED = Pattern.compile("conn 0 subflow (\\d+)\\s+subflow_established");
    private static Path recordScript;

    @BeforeAll
    static void requireMptcpTestbed() throws Exception {
        recordScript = Path.of("../sample-pcaps/record.sh").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isRegularFile(recordScript), "no " + recordScript);
        Assumptions.assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"),
                "not Linux");
        String status = Files.readString(Path.of("/proc/self/status"));
        Assumptions.assumeTrue(status.lines().anyMatch(l -> l.matches("Uid:\\s+0\\s.*")), "not running as root");
        Path enabled = Path.of("/proc/sys/net/mptcp/enabled");
        Assumptions.assumeTrue(Files.isReadable(enabled) && Files.readString(enabled).trim().equals("1"),
                "kernel without MPTCP or net.mptcp.enabled is not 1");
        Process check = script("--check").start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = check.waitFor(60, TimeUnit.SECONDS);
        Assumptions.assumeTrue(done && check.exitValue() == 0, "record.sh --check: " + out.replace('\n', ' '));
    }

    private static ProcessBuilder script(String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", recordScript.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
        b.environment().merge("PATH", "/usr/sbin:/sbin", (p, s) -> p + ":" + s);
        // this build's classes, not the launcher's jar (which the build has not packaged yet)
        String java = ProcessHandle.current().info().command().orElse("java");
        b.environment().put("MPCAP", java + " -Djava.awt.headless=true -cp " + System.getProperty("java.class.path")
                + " " + Main.class.getName());
        return b;
    }

    @Test
    void liveSeesEveryFullmeshSubflowAndItsReportEqualsTheOfflineReportOfItsCapture(@TempDir Path out)
            throws Exception {
        Path log = out.resolve("record.log");
        Process p = script("--scenario", "fullmesh", "--runs", "1", "--bytes", "2M", "--live", "-o", out.toString())
                .redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            p.destroy();
            p.waitFor(15, TimeUnit.SECONDS);
        }
        String output = Files.readString(log);
        assertThat(finished).as("record.sh --live finished; output:%n%s", output).isTrue();
        assertThat(p.exitValue()).as("exit code; output:%n%s", output).isZero();

        Path dir = out.resolve("fullmesh").toRealPath();
        Path tcpdump = dir.resolve("run-01.pcap");
        Path liveCapture = dir.resolve("run-01.live.pcapng");
        Path liveReport = dir.resolve("run-01.live");
        assertThat(liveCapture).isRegularFile();
        assertThat(liveReport.resolve("index.html")).isRegularFile();

        // every subflow tcpdump saw, live saw too (same 4-tuples), all nine of fullmesh
        CaptureAnalysis reference = new Analyzer().analyze(tcpdump);
        CaptureAnalysis live = new Analyzer().analyze(liveCapture);
        assertThat(reference.connections()).hasSize(1);
        assertThat(reference.connections().get(0).subflows()).hasSize(9);
        assertThat(tuples(live)).isEqualTo(tuples(reference));
        assertThat(live.table("transfers").get(0, "data_bytes")).isEqualTo(2L * 1024 * 1024);

        // the view showed each subflow coming up
        Set<Integer> up = new TreeSet<>();
        Matcher m = ESTABLISHED.matcher(output);
        while (m.find()) up.add(Integer.parseInt(m.group(1)));
        assertThat(up).as("subflow_established lines in the live view:%n%s", output)
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);

        // its report is the offline report of the capture it wrote
        Path offline = out.resolve("offline");
        SummaryExportCommandTest.Run r = SummaryExportCommandTest.run("report", "-o", offline.toString(),
                liveCapture.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<Path> files;
        try (var s = Files.walk(offline)) {
            files = s.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".png")
                    && !f.toString().endsWith(".pdf") && !f.toString().endsWith(".xlsx")).sorted().collect(Collectors.toList());
        }
        assertThat(files).hasSizeGreaterThan(15);
        for (Path f : files) {
            Path rel = offline.relativize(f);
            assertThat(Files.readString(liveReport.resolve(rel.toString()))).as(rel.toString())
                    .isEqualTo(Files.readString(f));
        }

        Matcher tag = NAMESPACE_TAG.matcher(output);
        assertThat(tag.find()).isTrue();
        Process ns = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String namespaces = new String(ns.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ns.waitFor(10, TimeUnit.SECONDS);
        assertThat(namespaces).doesNotContain(tag.group(1) + "-");
    }

    private static Set<String> tuples(CaptureAnalysis a) throws IOException {
        Set<String> out = new TreeSet<>();
        for (var c : a.connections()) {
            for (SubflowInfo s : c.subflows()) out.add(s.client() + " " + s.server() + " " + s.role());
        }
        return out;
    }
}
