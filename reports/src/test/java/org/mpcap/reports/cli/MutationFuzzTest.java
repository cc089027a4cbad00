package org.mpcap.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input through the whole command line: a few hundred mutations (fixed seed) of the bundled captures,
 * each run through {@code summary} and, for every third, {@code export --table transfers} (every statistic).
 * Whatever the damage, the result is exit 0 (damage skipped, warned) or 3 (one line naming the file), never a
 * stack trace, an internal error or a hang. {@code bench/fuzz.sh} runs the same mutator 10 000 times.
 */
class MutationFuzzTest {
    static final long SEED = 0x6d70636170L; // "mpcap"
    /** 300 in the test suite (about 20 s); bench/fuzz.sh sets MPCAP_FUZZ_MUTANTS=10000. */
    static final int MUTANTS = System.getenv("MPCAP_FUZZ_MUTANTS") != null
            ? Integer.parseInt(System.getenv("MPCAP_FUZZ_MUTANTS")) : 300;

    /** Seed captures: a real sample (Linux cooked v2), small Ethernet fixtures, a pcapng, a gzip. */
    static final List<Path> SEEDS = List.of(Path.of("../sample-pcaps/fullmesh/run-01.pcap"),
            Path.of("../analyzer/src/test/resources/fixtures/v1-join.pcap"),
            Path.of("../analyzer/src/test/resources/fixtures/v0-join.pcap"),
            Path.of("../analyzer/src/test/resources/fixtures/ipv6.pcap"),
            Path.of("../analyzer/src/test/resources/realcaps/v6-multi.pcapng"),
            Path.of("../analyzer/src/test/resources/realcaps/v6gz.pcap.gz"));

    @Test
    void mutatedCapturesExitZeroOrThreeWithoutStackTrace(@TempDir Path dir) throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        for (Path p : SEEDS) seeds.add(Files.readAllBytes(p));
        Random rnd = new Random(SEED);
        int[] codes = new int[5];
        for (int n = 0; n < MUTANTS; n++) {
            int i = n;
            byte[] seed = seeds.get(rnd.nextInt(seeds.size()));
            Mutant m = Mutator.mutate(seed, rnd);
            Path f = Files.write(dir.resolve("m" + i + (m.gzip() ? ".pcap.gz" : ".pcap")), m.bytes());
            List<String[]> commands = new ArrayList<>();
            commands.add(new String[] {"summary", f.toString()});
            if (i % 3 == 0) commands.add(new String[] {"export", "--table", "transfers", f.toString()});
            for (String[] args : commands) {
                StringWriter out = new StringWriter(), err = new StringWriter();
                int code = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Main.newCommandLine(
                        new PrintWriter(out, true), new PrintWriter(err, true)).execute(args),
                        () -> "mutant " + i + " (" + m.what() + ") hangs");
                String e = err.toString();
                assertThat(code).as("mutant %d (%s), %s: %s", i, m.what(), args[0], e)
                        .isIn(ExitCodes.OK, ExitCodes.BAD_INPUT);
                assertThat(e).as("mutant %d (%s)", i, m.what()).doesNotContain("Exception").doesNotContain("\tat ")
                        .doesNotContain("internal error");
                assertThat(e.lines().count()).as("mutant %d (%s): %s", i, m.what(), e).isLessThanOrEqualTo(4);
                if (code == ExitCodes.BAD_INPUT) assertThat(e).contains(f.toString());
                codes[code]++;
            }
            Files.delete(f);
        }
        System.out.printf("fuzz: %d mutants (seed %x), %d runs: %d exit 0, %d exit 3%n", MUTANTS, SEED,
                codes[0] + codes[3], codes[0], codes[3]);
        // the campaign must exercise both outcomes, else the mutator is too weak or too strong
        assertThat(codes[ExitCodes.OK]).isPositive();
        assertThat(codes[ExitCodes.BAD_INPUT]).isPositive();
    }

    /** One mutated capture and what was done to it. */
    record Mutant(byte[] bytes, String what, boolean gzip) {}

    /** The mutations; public to the package so {@code bench/fuzz.sh}'s runner uses the same ones. */
    static final class Mutator {
        private Mutator() {}

        static Mutant mutate(byte[] seed, Random rnd) throws IOException {
            boolean gz = seed.length > 2 && (seed[0] & 0xff) == 0x1f && (seed[1] & 0xff) == 0x8b;
            int kind = rnd.nextInt(9);
            if (gz) {
                byte[] b = seed.clone();
                if (kind % 2 == 0) {
                    int n = 1 + rnd.nextInt(4);
                    for (int k = 0; k < n; k++) b[10 + rnd.nextInt(b.length - 10)] ^= (byte) (1 << rnd.nextInt(8));
                    return new Mutant(b, "gzip bit flips", true);
                }
                int cut = 10 + rnd.nextInt(b.length - 10);
                return new Mutant(java.util.Arrays.copyOf(b, cut), "gzip cut at " + cut, true);
            }
            byte[] b = seed.clone();
            List<Integer> records = records(b);
            switch (kind) {
                case 0 -> {
                    int n = 1 + rnd.nextInt(16);
                    for (int k = 0; k < n; k++) b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                    return new Mutant(b, n + " bit flips", false);
                }
                case 1 -> {
                    int cut = rnd.nextInt(b.length);
                    return new Mutant(java.util.Arrays.copyOf(b, cut), "cut at " + cut, false);
                }
                case 2 -> { // lying record / block length
                    if (records.isEmpty()) return new Mutant(b, "unchanged", false);
                    int r = records.get(rnd.nextInt(records.size()));
                    int at = isPcapng(b) ? r + 4 : r + 8 + 4 * rnd.nextInt(2);
                    int value = switch (rnd.nextInt(4)) {
                        case 0 -> 0;
                        case 1 -> -1;
                        case 2 -> rnd.nextInt(1 << 20);
                        default -> ByteBuffer.wrap(b).order(order(b)).getInt(at) + rnd.nextInt(9) - 4;
                    };
                    ByteBuffer.wrap(b).order(order(b)).putInt(at, value);
                    return new Mutant(b, "record length " + value + " at " + at, false);
                }
                case 3, 4 -> { // IP / TCP / option bytes of one packet: lengths, offsets, kinds
                    if (records.isEmpty()) return new Mutant(b, "unchanged", false);
                    int r = records.get(rnd.nextInt(records.size()));
                    int start = r + (isPcapng(b) ? 28 : 16);
                    int n = 1 + rnd.nextInt(4);
                    StringBuilder what = new StringBuilder("header bytes");
                    for (int k = 0; k < n; k++) {
                        int at = start + rnd.nextInt(96);
                        if (at >= b.length) continue;
                        b[at] = (byte) switch (rnd.nextInt(4)) {
                            case 0 -> 0;
                            case 1 -> 0xff;
                            case 2 -> b[at] + rnd.nextInt(5) - 2;
                            default -> rnd.nextInt(256);
                        };
                        what.append(' ').append(at);
                    }
                    return new Mutant(b, what.toString(), false);
                }
                case 5 -> { // an MPTCP option's length lies
                    List<Integer> opts = new ArrayList<>();
                    for (int i = 0; i + 1 < b.length; i++) {
                        if (b[i] == 30 && (b[i + 1] & 0xff) >= 4 && (b[i + 1] & 0xff) <= 32) opts.add(i);
                    }
                    if (opts.isEmpty()) return new Mutant(b, "unchanged", false);
                    int at = opts.get(rnd.nextInt(opts.size())) + 1;
                    b[at] = (byte) rnd.nextInt(256);
                    return new Mutant(b, "MPTCP option length " + (b[at] & 0xff) + " at " + at, false);
                }
                case 6 -> { // a timestamp decades away
                    if (records.isEmpty() || isPcapng(b)) return new Mutant(b, "unchanged", false);
                    int r = records.get(rnd.nextInt(records.size()));
                    int value = rnd.nextBoolean() ? 0xffffff00 : rnd.nextInt(1000);
                    ByteBuffer.wrap(b).order(order(b)).putInt(r, value);
                    return new Mutant(b, "timestamp " + Integer.toUnsignedString(value) + " at " + r, false);
                }
                case 7 -> { // the file header
                    int at = rnd.nextInt(Math.min(28, b.length));
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
                    return new Mutant(b, "header bit flip at " + at, false);
                }
                default -> { // compressed, then damaged
                    ByteArrayOutputStream z = new ByteArrayOutputStream();
                    try (GZIPOutputStream g = new GZIPOutputStream(z)) {
                        g.write(b);
                    }
                    return mutate(z.toByteArray(), rnd);
                }
            }
        }

        private static boolean isPcapng(byte[] b) {
            return b.length >= 4 && b[0] == 0x0a && b[1] == 0x0d && b[2] == 0x0d && b[3] == 0x0a;
        }

        private static ByteOrder order(byte[] b) {
            if (isPcapng(b)) {
                return b.length >= 12 && b[8] == 0x4d && b[9] == 0x3c ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            }
            return (b[0] & 0xff) == 0xd4 || (b[0] & 0xff) == 0x4d ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        }

        /** Offsets of the records (pcap record headers or pcapng blocks) of an undamaged capture. */
        private static List<Integer> records(byte[] b) {
            List<Integer> out = new ArrayList<>();
            if (b.length < 24) return out;
            ByteBuffer bb = ByteBuffer.wrap(b).order(order(b));
            if (isPcapng(b)) {
                int at = 0;
                while (at + 12 <= b.length) {
                    int len = bb.getInt(at + 4);
                    if (len < 12 || at + len > b.length) break;
                    if (bb.getInt(at) == 6) out.add(at);
                    at += len;
                }
            } else {
                int at = 24;
                while (at + 16 <= b.length) {
                    out.add(at);
                    int incl = bb.getInt(at + 8);
                    if (incl < 0 || at + 16 + incl > b.length) break;
                    at += 16 + incl;
                }
            }
            return out;
        }
    }
}
