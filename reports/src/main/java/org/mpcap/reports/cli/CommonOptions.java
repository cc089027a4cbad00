package org.mpcap.reports.cli;

import picocli.CommandLine.Option;

/** Options every command takes. */
public final class CommonOptions {
    @Option(names = "--verbose", description = "Print stack traces and details of internal errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "No progress output and no warnings on stderr.")
    boolean quiet;

    public boolean verbose() { return verbose; }

    public boolean quiet() { return quiet; }
}
