package org.mpcap.reports.cli;

/**
 * An input file (capture, observations CSV, template) cannot be used. The message is one line naming the file
 * and, where known, the byte offset; the CLI prints it and exits with {@link ExitCodes#BAD_INPUT}.
 */
public class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) { super(message); }

    public InputException(String message, Throwable cause) { super(message, cause); }
}
