package org.mpcap.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command's --help renders cleanly: exit 0, usage on stdout, no picocli format warning. */
class HelpTextTest {
    @ParameterizedTest
    @ValueSource(strings = {"summary", "export", "aggregate", "report", "compare"})
    void helpRendersWithoutFormatWarnings(String command) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        java.io.PrintStream savedErr = System.err;
        java.io.ByteArrayOutputStream picocliWarnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(picocliWarnings, true));
        int code;
        try {
            code = Main.newCommandLine(new PrintWriter(out), new PrintWriter(err)).execute(command, "--help");
        } finally {
            System.setErr(savedErr);
        }
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("Usage: mpcap " + command);
        assertThat(picocliWarnings.toString() + err).doesNotContain("WARN");
    }
}
