package org.mpcap.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mpcap's one JSON writer ({@code JsonWriter}) checked by an independent parser (jackson-core, test scope only):
 * {@code summary --json} and {@code export --format json} of a capture whose name holds a quote, a backslash, a
 * line break, a tab and U+2028 parse, and give the name back exactly.
 */
class JsonOutputTest {
    static final Path V1_JOIN = Path.of("../analyzer/src/test/resources/fixtures/v1-join.pcap");
    static final String NAME = "a\"b\\c\nd\te\u2028f.pcap";

    static String run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
        return out.toString();
    }

    /** Every string value of member {@code field}, in document order; fails on any syntax error. */
    static List<String> strings(String json, String field) throws IOException {
        List<String> out = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                if (t == JsonToken.VALUE_STRING && field.equals(p.currentName())) out.add(p.getText());
            }
        }
        return out;
    }

    @Test
    void summaryJsonParsesAndKeepsAHostileFileName(@TempDir Path dir) throws IOException {
        Path f = Files.copy(V1_JOIN, dir.resolve(NAME));
        assertThat(strings(run("summary", "--json", f.toString()), "capture")).containsExactly(f.toString());
    }

    @Test
    void exportJsonParsesAndKeepsAHostileFileName(@TempDir Path dir) throws IOException {
        Path f = Files.copy(V1_JOIN, dir.resolve(NAME));
        String json = run("export", "--table", "subflows", "--format", "json", f.toString());
        assertThat(strings(json, "capture")).hasSize(3).containsOnly(NAME);
        assertThat(strings(json, "name")).contains("capture", "join_hmac");
    }
}
