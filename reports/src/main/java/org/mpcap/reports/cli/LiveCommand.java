package org.mpcap.reports.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.IncrementalAnalysis;
import org.mpcap.analyzer.capture.CaptureFormat;
import org.mpcap.analyzer.capture.CaptureReader;
import org.mpcap.reports.live.LiveException;
import org.mpcap.reports.live.PacketSource;
import org.mpcap.reports.live.Pcap4jSource;
import org.mpcap.reports.live.PcapNgWriter;
import org.mpcap.reports.live.StreamSource;
import org.mpcap.reports.model.ReportModel;
import org.mpcap.reports.model.ReportModels;
import org.mpcap.reports.output.AtomicOutput;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mpcap live -i IFACE... | -r -}: watch the MPTCP connections of a running experiment, then write the
 * capture and the full report. One {@link IncrementalAnalysis} is fed from libpcap (pcap4j) or from a pcap/pcapng
 * stream; the report is the {@code report} command's, built from that analysis.
 */
@Command(name = "live", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Captures live (libpcap through pcap4j) or reads a capture stream, shows the MPTCP connections "
                + "and subflows about once a second (up/down, interface, backup, bytes, rate, last RTT) and the "
                + "ADD_ADDR, REMOVE_ADDR, MP_PRIO, MP_FAIL, MP_FASTCLOSE and MP_TCPRST options as they come.",
                "On Ctrl-C, SIGTERM, --duration or the end of the stream: writes the capture (-w FILE, pcapng; "
                        + "OUTDIR/capture.pcapng with -o and no -w) and the full report into OUTDIR (as mpcap "
                        + "report on that capture).",
                "Capturing needs root or CAP_NET_RAW and libpcap; without them: tcpdump -U -w - | mpcap live -r -"})
final class LiveCommand implements Callable<Integer> {
    /** Default snap length: whole packets (as tcpdump), so every TCP option is kept. */
    static final int DEFAULT_SNAPLEN = 262_144;
    static final String CAPTURE_IN_OUTDIR = "capture.pcapng";

    @Mixin
    CommonOptions common;

    @Mixin
    ReportCommand.AnalysisMixin analysis;

    static final class Source {
        @Option(names = {"-i", "--interface"}, paramLabel = "IFACE", required = true,
                description = "Interface to capture on (repeatable; 'any' on Linux: all of them).")
        List<String> interfaces;

        @Option(names = {"-r", "--read"}, paramLabel = "FILE|-", required = true,
                description = "Read a pcap/pcapng stream instead ('-' = standard input, or a FIFO).")
        Path read;

        @Option(names = "--list-interfaces", required = true,
                description = "List the interfaces libpcap can capture on.")
        boolean list;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--filter", paramLabel = "BPF",
            description = "libpcap filter, tcpdump syntax (e.g. 'tcp port 5201').")
    String filter;

    @Option(names = "--snaplen", paramLabel = "BYTES", defaultValue = "" + DEFAULT_SNAPLEN,
            description = "Bytes kept per packet (default ${DEFAULT-VALUE}: whole packets).")
    int snapLength;

    @Option(names = {"-w", "--write"}, paramLabel = "FILE", description = "Write the capture to FILE (pcapng).")
    Path write;

    @Option(names = {"-o", "--output"}, paramLabel = "OUTDIR",
            description = "Write the full report into OUTDIR at the end.")
    Path outDir;

    @Option(names = "--force", description = "Replace OUTDIR if it exists (atomically, once complete).")
    boolean force;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Stop after SECONDS (default: Ctrl-C or the end of the stream).")
    double durationSeconds;

    @Option(names = "--json-lines",
            description = "One JSON object per line on stdout (events, a status per second, the end).")
    boolean jsonLines;

    @Option(names = "--plain", description = "Plain lines even when stdout is a terminal.")
    boolean plain;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (source.list) {
            for (String n : Pcap4jSource.interfaceNames()) out.println(n);
            return ExitCodes.OK;
        }
        validate();
        org.mpcap.analyzer.AnalysisOptions analysisOptions = analysis.options();
        org.mpcap.reports.model.ReportOptions reportOptions = analysis.reportOptions();
        AtomicOutput.StagedDirectory dir = outDir == null ? null : AtomicOutput.StagedDirectory.create(outDir, force);
        try {
            PacketSource src = source.read != null ? new StreamSource(open(source.read), streamName(source.read))
                    : Pcap4jSource.open(source.interfaces, filter, snapLength);
            if (!common.quiet()) {
                err.println(source.read != null ? "mpcap: reading a capture stream from " + src.describe()
                        : "mpcap: capturing on " + src.describe());
                err.flush();
            }
            Path captureTarget = write != null ? write : dir != null ? dir.resolve(CAPTURE_IN_OUTDIR) : null;
            Path captureShown = write != null ? write : dir != null ? outDir.resolve(CAPTURE_IN_OUTDIR) : null;
            IncrementalAnalysis pass = new Analyzer(analysisOptions).incremental();
            LiveSession.View view = jsonLines ? new LiveViews.JsonLines(out)
                    : !plain && stdoutIsTerminal() ? new LiveViews.Screen(out) : new LiveViews.Lines(out);
            LiveSession.Result[] result = new LiveSession.Result[1];
            long duration = durationSeconds > 0 ? Math.round(durationSeconds * 1e9) : 0;
            if (captureTarget == null) {
                LiveSession session = new LiveSession(pass, null, view, src.describe(), source.read == null);
                trapSignals(session, err);
                result[0] = session.run(src, duration);
            } else {
                AtomicOutput.write(captureTarget, os -> {
                    LiveSession session = new LiveSession(pass, new PcapNgWriter(os, "mpcap live"), view,
                            src.describe(), source.read == null);
                    trapSignals(session, err);
                    try {
                        result[0] = session.run(src, duration);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                    // nothing captured and the source failed: no empty capture file is left behind
                    if (result[0].packets() == 0 && result[0].sourceFailure() != null) {
                        throw failure(result[0].sourceFailure());
                    }
                });
            }
            LiveSession.Result r = result[0];
            afterCapture(src, r, err);
            if (r.packets() == 0 && r.sourceFailure() != null) throw failure(r.sourceFailure());
            if (captureShown != null) {
                err.println("mpcap: wrote " + captureShown + " (" + r.packets() + " packets, "
                        + String.format(Locale.ROOT, "%.1f s", r.elapsedS()) + ")");
            }
            if (dir != null) {
                CaptureAnalysis a = pass.finish(captureShown, CaptureFormat.PCAPNG, r.linkTypes(), 0, -1);
                ReportModel model = ReportModels.report(List.of(a), reportOptions);
                if (!common.quiet()) {
                    for (ReportModel.Part p : model.parts()) {
                        for (String w : p.warnings()) err.println("mpcap: warning: " + p.title() + ": " + w);
                    }
                }
                ReportOutputs.write(model, dir.path(), EnumSet.allOf(OutputFormat.class), null,
                        Progress.forTerminal(err, common.quiet()));
                dir.commit();
                err.println("mpcap: wrote " + outDir + " (the report of " + captureShown + ")");
            }
            err.flush();
            if (r.sourceFailure() != null) throw failure(r.sourceFailure());
            return ExitCodes.OK;
        } finally {
            if (dir != null) dir.close();
        }
    }

    private void validate() {
        if (source.read != null && filter != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--filter applies to -i only (filter a stream where it is captured: tcpdump -U -w - FILTER)");
        }
        if (snapLength < 64 || snapLength > DEFAULT_SNAPLEN) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--snaplen must be between 64 and " + DEFAULT_SNAPLEN + ", got " + snapLength);
        }
        if (durationSeconds < 0 || Double.isNaN(durationSeconds)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--duration must be positive, got " + durationSeconds);
        }
        if (write != null && Files.isDirectory(write)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "-w " + write + " is a directory; give a file name (e.g. " + write.resolve("live.pcapng") + ")");
        }
    }

    private static InputStream open(Path p) throws IOException {
        if (CaptureReader.STDIN.equals(p)) return new FileInputStream(FileDescriptor.in);
        try {
            return new FileInputStream(p.toFile());
        } catch (FileNotFoundException e) {
            throw new InputException(p + ": " + (Files.exists(p) ? "cannot be read" : "no such file"), e);
        }
    }

    private static String streamName(Path p) {
        return CaptureReader.STDIN.equals(p) ? "stdin" : p.toString();
    }

    private void afterCapture(PacketSource src, LiveSession.Result r, PrintWriter err) {
        if (common.quiet()) return;
        if (src.dropped() > 0) {
            err.println("mpcap: warning: libpcap dropped " + src.dropped() + " packets (buffer full): the capture and "
                    + "the report miss them; capture fewer bytes (--snaplen) or filter (--filter)");
        }
        if (src instanceof StreamSource s && s.damagedRecords() > 0) {
            err.println("mpcap: warning: " + src.describe() + ": " + s.damagedRecords() + " damaged record"
                    + (s.damagedRecords() == 1 ? "" : "s") + " skipped (first at byte offset " + s.firstDamageOffset()
                    + "); the written capture holds the others");
        }
        if (r.sourceFailure() != null && r.packets() > 0) {
            err.println("mpcap: warning: the capture stopped early: " + r.sourceFailure().getMessage());
        }
    }

    private static IOException failure(Throwable t) {
        if (t instanceof IOException io) return io;
        if (t instanceof RuntimeException re) throw re;
        if (t instanceof Error e) throw e;
        return new IOException(t);
    }

    /**
     * Whether stdout is a terminal. {@link System#console()} needs stdin to be one too, which it is not in
     * {@code tcpdump -w - | mpcap live -r -}; on Linux the file behind descriptor 1 says it.
     */
    static boolean stdoutIsTerminal() {
        try {
            Path fd1 = Path.of("/proc/self/fd/1");
            if (Files.exists(fd1)) {
                String target = Files.readSymbolicLink(fd1).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // fall through
        }
        return System.console() != null;
    }

    /**
     * Ctrl-C and SIGTERM end the capture cleanly (the capture and report are still written, exit code 0); a second
     * one exits at once (130). Through {@code sun.misc.Signal}, looked up reflectively (it is not a standard API):
     * without it, the JVM's default handling stops the process.
     */
    private static void trapSignals(LiveSession session, PrintWriter err) {
        AtomicInteger count = new AtomicInteger();
        Runnable onSignal = () -> {
            if (count.incrementAndGet() == 1) {
                session.stop();
            } else {
                err.println("mpcap: interrupted again: stopping without writing the report");
                err.flush();
                Runtime.getRuntime().halt(130);
            }
        };
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Class<?> signal = Class.forName("sun.misc.Signal");
                Class<?> handler = Class.forName("sun.misc.SignalHandler");
                Object h = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler},
                        (proxy, method, args) -> switch (method.getName()) {
                            case "handle" -> {
                                onSignal.run();
                                yield null;
                            }
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "mpcap live signal handler";
                        });
                Object s = signal.getConstructor(String.class).newInstance(name);
                signal.getMethod("handle", signal, handler).invoke(null, s, h);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // no handler: the default one ends the process (the temporary capture file is left hidden)
            }
        }
    }
}
