package org.mpcap.reports.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import org.mpcap.analyzer.capture.CaptureFormatException;
import org.mpcap.reports.output.OutputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Entry point of the {@code mpcap} command line. */
@Command(name = "mpcap", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Multipath TCP capture analyzer: subflows, address distribution, RTT, bytes over time, "
                + "transfer statistics and run-to-run comparison, from pcap/pcapng captures.",
        subcommands = {SummaryCommand.class, ExportCommand.class, AggregateCommand.class, ReportCommand.class,
                CompareCommand.class, BatchCommand.class, LiveCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success (damaged records skipped are a warning, not an error)",
                "1:internal error (a bug: rerun with --verbose and report it)",
                "2:usage error",
                "3:input unreadable (not a capture, broken structure, missing file, bad observations CSV)",
                "4:output not writable (OUTDIR exists without --force, a parent is a file, permission, disk full)"})
public final class Main implements Runnable {
    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        System.setProperty("java.awt.headless", "true");
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code;
        try {
            code = newCommandLine(out, err).execute(args);
        } catch (Throwable t) { // an Error outside a command's call (picocli passes Errors through)
            code = report(t, err, verbose(args));
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** A fully wired command line writing to {@code out}/{@code err}; tests use this. */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(Main::handleException);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter e = cl.getErr(); // a mixin's own CommandLine (options checked in call()) writes elsewhere
            e.println("mpcap: " + ex.getMessage());
            e.println("Try '" + commandName(c, args) + " --help' for more information.");
            e.flush();
            return ExitCodes.USAGE;
        });
        return cl;
    }

    /**
     * The command's name as the user typed it ("mpcap report"): a ParameterException thrown from a mixin carries
     * the mixin's own CommandLine, whose name is picocli's placeholder, so the name comes from the arguments.
     */
    static String commandName(CommandLine c, String[] args) {
        String q = c.getCommandSpec().qualifiedName();
        if (!q.contains("<")) return q;
        for (String a : args) {
            if (SUBCOMMANDS.contains(a)) return "mpcap " + a;
        }
        return "mpcap";
    }

    private static final java.util.Set<String> SUBCOMMANDS =
            java.util.Set.of("summary", "export", "aggregate", "report", "compare", "batch", "live");

    private static boolean verbose(String[] args) {
        for (String a : args) if (a.equals("--verbose")) return true;
        return false;
    }

    /** The one mapper from exceptions to exit codes and one-line messages. */
    static int handleException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean verbose = parsed.hasMatchedOption("--verbose")
                || (parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--verbose"));
        return report(ex, cl.getErr(), verbose);
    }

    /**
     * Prints the one line for {@code t} (and, with {@code verbose}, its stack trace) and returns the exit code:
     * input problems 3, output problems 4, usage 2, anything else (a bug, or memory exhausted) 1.
     */
    static int report(Throwable t, PrintWriter err, boolean verbose) {
        Throwable ex = unwrap(t);
        int code;
        String message;
        if (ex instanceof OutputException oe) {
            code = ExitCodes.OUTPUT;
            message = oe.getMessage();
        } else if (ex instanceof InputException ie) {
            code = ExitCodes.BAD_INPUT;
            message = ie.getMessage();
        } else if (ex instanceof CaptureFormatException cfe) {
            code = ExitCodes.BAD_INPUT;
            message = cfe.getMessage();
        } else if (ex instanceof NoSuchFileException nsf) {
            code = ExitCodes.BAD_INPUT;
            message = nsf.getFile() + ": no such file";
        } else if (ex instanceof IOException io) {
            code = ExitCodes.BAD_INPUT;
            message = io.getMessage();
        } else if (ex instanceof CommandLine.ParameterException pe) {
            code = ExitCodes.USAGE;
            message = pe.getMessage();
        } else if (ex instanceof OutOfMemoryError) {
            code = ExitCodes.INTERNAL;
            message = "out of memory (Java heap of " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB): "
                    + "give the JVM more, e.g. MPCAP_JAVA_OPTS=-Xmx4g, or analyse fewer captures at once";
        } else if (ex instanceof StackOverflowError) {
            code = ExitCodes.INTERNAL;
            message = "internal error: stack overflow (a bug: rerun with --verbose and report it)";
        } else {
            code = ExitCodes.INTERNAL;
            String what = ex.getMessage() == null ? ex.getClass().getSimpleName()
                    : ex.getClass().getSimpleName() + ": " + ex.getMessage().lines().findFirst().orElse("");
            message = "internal error: " + what + (verbose ? "" : " (a bug: rerun with --verbose and report it)");
        }
        err.println("mpcap: " + message);
        if (verbose) t.printStackTrace(err);
        err.flush();
        return code;
    }

    /** The cause that says what happened, through picocli's and the executors' wrappers. */
    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CommandLine.ExecutionException || c instanceof java.util.concurrent.ExecutionException
                || c instanceof java.io.UncheckedIOException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** Version from the jar manifest, or "dev". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"mpcap " + (v == null ? "dev" : v)};
        }
    }
}
