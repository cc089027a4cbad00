package org.mpcap.reports.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import org.mpcap.analyzer.capture.CaptureFormatException;
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
                "3:input unreadable (not a capture, broken structure, missing file)"})
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
        int code = newCommandLine(out, err).execute(args);
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
            c.getErr().println("mpcap: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            c.getErr().flush();
            return ExitCodes.USAGE;
        });
        return cl;
    }

    /** The one mapper from exceptions to exit codes and one-line messages. */
    static int handleException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean verbose = parsed.hasMatchedOption("--verbose")
                || (parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--verbose"));
        int code;
        String message;
        if (ex instanceof InputException ie) {
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
        } else {
            code = ExitCodes.INTERNAL;
            message = "internal error: " + ex + (verbose ? "" : " (rerun with --verbose for details)");
        }
        err.println("mpcap: " + message);
        if (verbose) ex.printStackTrace(err);
        err.flush();
        return code;
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
