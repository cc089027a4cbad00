package org.mpcap.analyzer.stats.runs;

import java.io.IOException;

/**
 * An observations CSV cannot be used. The message is one line: {@code FILE:LINE: column NAME: what is wrong}
 * (line and column left out when they do not apply); the CLI prints it and exits with code 3.
 */
public final class ObservationsException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String column;

    /**
     * @param source file name as the user gave it
     * @param line   1-based line number, or 0 if not about a line
     * @param column column name, or null
     * @param what   what is wrong, without the location
     */
    public ObservationsException(String source, int line, String column, String what) {
        super(source + (line > 0 ? ":" + line : "") + ": " + (column != null ? "column " + column + ": " : "")
                + what);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    public String source() { return source; }

    /** 1-based line number, or 0. */
    public int line() { return line; }

    /** Column name, or null. */
    public String column() { return column; }
}
