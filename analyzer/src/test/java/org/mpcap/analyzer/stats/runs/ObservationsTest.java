package org.mpcap.analyzer.stats.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObservationsTest {
    private static Observations parse(String text) throws IOException {
        return Observations.parse(new StringReader(text), "obs.csv");
    }

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() throws IOException {
        Observations o = parse("name,note,x\r\n\"a,b\",\"say \"\"hi\"\"\nthere\",1\r\nc,,2\r\n");
        assertThat(o.size()).isEqualTo(2);
        assertThat(o.cell(0, "name")).isEqualTo("a,b");
        assertThat(o.cell(0, "note")).isEqualTo("say \"hi\"\nthere");
        assertThat(o.line(1)).isEqualTo(4);
        assertThat(o.number(1, "x")).isEqualTo(2.0);
    }

    @Test
    void lastRecordWithoutLineBreakAndBlankLinesAreAccepted() throws IOException {
        Observations o = parse("\uFEFFg,x\n\na,1\n\nb,2");
        assertThat(o.header()).containsExactly("g", "x");
        assertThat(o.size()).isEqualTo(2);
        assertThat(o.line(1)).isEqualTo(5);
    }

    @Test
    void emptyFileIsRejected() {
        assertThatThrownBy(() -> parse("")).isInstanceOf(ObservationsException.class)
                .hasMessage("obs.csv: empty file (no header line)");
    }

    @Test
    void raggedRowNamesItsLine() {
        assertThatThrownBy(() -> parse("g,x\na,1\nb\n")).isInstanceOf(ObservationsException.class)
                .hasMessage("obs.csv:3: 1 fields, the header has 2");
    }

    @Test
    void unclosedQuoteNamesTheLineWhereTheRecordStarts() {
        assertThatThrownBy(() -> parse("g,x\na,\"1\n")).isInstanceOf(ObservationsException.class)
                .hasMessageStartingWith("obs.csv:2: quoted field not closed");
    }

    @Test
    void duplicateColumnIsRejected() {
        assertThatThrownBy(() -> parse("g,x,x\n")).isInstanceOf(ObservationsException.class)
                .hasMessage("obs.csv:1: column x: duplicate column name");
    }

    @Test
    void onlyPlainDecimalNumbersAreNumbers() {
        for (String ok : new String[] {"1", "-2.5", "+3.", ".5", "1e3", "2.5E-04"}) {
            assertThat(Observations.isNumber(ok)).as(ok).isTrue();
        }
        for (String bad : new String[] {"NaN", "Infinity", "1,5", "0x10", "1d", " 1", "1 000", ""}) {
            assertThat(Observations.isNumber(bad)).as(bad).isFalse();
        }
    }

    @Test
    void nonUtf8FileIsRejected(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.write(f, new byte[] {'g', ',', 'x', '\n', 'a', ',', (byte) 0xff, '\n'});
        assertThatThrownBy(() -> Observations.read(f)).isInstanceOf(ObservationsException.class)
                .hasMessageEndingWith("bad.csv: not UTF-8 text");
    }
}
