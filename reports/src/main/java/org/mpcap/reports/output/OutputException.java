package org.mpcap.reports.output;

import java.io.IOException;

/**
 * An output file or directory cannot be written: it exists and may not be replaced, a parent is a regular file,
 * permission is denied, the disk is full. The message is one line naming the path and saying what to do. Nothing
 * half-written is left visible: outputs are staged and renamed ({@link AtomicOutput}).
 */
public final class OutputException extends IOException {
    private static final long serialVersionUID = 1L;

    public OutputException(String message) { super(message); }

    public OutputException(String message, Throwable cause) { super(message, cause); }
}
