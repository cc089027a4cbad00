package org.mpcap.reports.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Utf8Writer} writes the bytes the JDK's UTF-8 {@code OutputStreamWriter} writes, in any chunking. */
class Utf8WriterTest {
    private static byte[] ours(String s, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Utf8Writer w = new Utf8Writer(out)) {
            for (int i = 0; i < s.length(); i += chunk) w.write(s, i, Math.min(chunk, s.length() - i));
        }
        return out.toByteArray();
    }

    private static byte[] jdk(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write(s);
        }
        return out.toByteArray();
    }

    @Test
    void asciiTwoThreeAndFourByteCharactersAndLoneSurrogatesAsTheJdk() throws IOException {
        String s = "<c r=\"A1\"> µs → 𝛼β \uD83D\uDE00 lone \uD800x \uDC00 end \uD83D";
        for (int chunk : new int[] {1, 2, 3, 7, 1000}) assertThat(ours(s, chunk)).as("chunk " + chunk).isEqualTo(jdk(s));
    }

    @Test
    void longRandomTextCrossesTheBufferAsTheJdk() throws IOException {
        Random r = new Random(7);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 300_000; i++) b.append((char) (r.nextInt(8) == 0 ? r.nextInt(0x10000) : 32 + r.nextInt(90)));
        String s = b.toString();
        assertThat(ours(s, 13)).isEqualTo(jdk(s));
    }

    @Test
    void encodedBytesFollowTheTextInOrderAndSettleAnUnpairedHighSurrogate() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] big = "0123456789".repeat(10_000).getBytes(StandardCharsets.US_ASCII); // larger than the buffer
        try (Utf8Writer w = new Utf8Writer(out)) {
            w.write("a\uD800");
            w.writeEncoded("β".getBytes(StandardCharsets.UTF_8));
            w.write("x".repeat(65_530));
            w.writeEncoded(big, 0, big.length);
            w.write("µ");
        }
        assertThat(out.toByteArray()).isEqualTo(jdk("a?β" + "x".repeat(65_530) + "0123456789".repeat(10_000) + "µ"));
    }
}
