import java.nio.file.Path;
import org.mpcap.analyzer.capture.CaptureReader;
import org.mpcap.analyzer.capture.RawPacket;
import org.mpcap.analyzer.decode.PacketDecoder;

/**
 * The floor under every mpcap command: a JVM that starts, reads every record of a capture with mpcap's own reader
 * and touches each one (first byte, lengths, time), and exits. With {@code --decode} it also decodes each record
 * (link, IP, TCP, MPTCP options), which is what `summary` adds tracking to. Run with the shaded jar on the class
 * path (the JDK's source launcher compiles this file on the fly; `bench/e2e.sh` does this):
 *
 *   java -cp reports/target/mpcap.jar bench/ReadFloor.java [--decode] CAPTURE
 *
 * Prints the packet count and a checksum of what was touched, so the JIT cannot drop the loop.
 */
public final class ReadFloor {
    public static void main(String[] args) throws Exception {
        boolean decode = args.length == 2 && args[0].equals("--decode");
        Path capture = Path.of(args[args.length - 1]);
        long packets = 0, sum = 0;
        PacketDecoder decoder = new PacketDecoder();
        try (CaptureReader reader = CaptureReader.open(capture)) {
            RawPacket raw = new RawPacket();
            while (reader.next(raw)) {
                packets++;
                sum += raw.capturedLength() + raw.originalLength() + raw.timestampNanos()
                        + (raw.capturedLength() > 0 ? raw.data()[raw.offset()] : 0);
                if (decode) sum += decoder.decode(raw).ordinal();
            }
        }
        System.out.println(packets + " packets, checksum " + sum);
    }
}
