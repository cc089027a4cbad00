package org.mpcap.reports.cli;

/** Exit codes of every mpcap command (documented in README and {@code mpcap --help}). */
public final class ExitCodes {
    /** Success (also when some damaged records were skipped: a warning goes to stderr). */
    public static final int OK = 0;
    /** Internal error: a bug in mpcap. Rerun with --verbose and report the stack trace. */
    public static final int INTERNAL = 1;
    /** Usage error: unknown option, missing argument, bad value. */
    public static final int USAGE = 2;
    /** A capture (or input file) could not be read: not a capture, broken structure, missing file. */
    public static final int BAD_INPUT = 3;
    /**
     * The output cannot be written: OUTDIR exists (without --force), a parent is a regular file, no permission,
     * disk full. Nothing was written (outputs are staged and renamed); the message says what to do.
     */
    public static final int OUTPUT = 4;

    private ExitCodes() {}
}
