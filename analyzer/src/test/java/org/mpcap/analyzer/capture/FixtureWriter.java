package org.mpcap.analyzer.capture;

import static org.mpcap.analyzer.capture.CaptureBytes.PcapNg.tsoffset;
import static org.mpcap.analyzer.capture.CaptureBytes.PcapNg.tsresol;
import static org.mpcap.analyzer.capture.CaptureBytes.payload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mpcap.analyzer.capture.CaptureBytes.PcapNg;

/**
 * Writes the builder-made fixture {@code builder-mix.pcapng} (see src/test/resources/capture/README.md): pcapng
 * features that tcpdump/editcap/mergecap do not produce (big-endian section, 2^-20 resolution, if_tsoffset, SPB,
 * obsolete PB, unknown and custom blocks), so tshark can cross-check them. Run once; its output is committed.
 */
final class FixtureWriter {
    private FixtureWriter() {}

    static byte[] builderMix() {
        long t0 = 1_700_000_000L;
        PcapNg ng = new PcapNg(ByteOrder.BIG_ENDIAN)
                .idb(1, 128, tsresol(0x80 | 20), tsoffset(t0))       // Ethernet, 2^-20 s, +t0 s
                .idb(101, 0, tsresol(9))                              // raw IP, ns
                .epb(0, (5L << 20) | 0x12345, payload(60, 1), 60)
                .block(0x0777, payload(10, 0))                        // unknown block
                .epb(1, (t0 + 6) * 1_000_000_000L + 123_456_789, payload(40, 2), 1500)
                .spb(payload(44, 3), 44)                              // interface 0, snaplen 128
                .pb(1, (t0 + 7) * 1_000_000_000L + 1, payload(52, 4), 52)
                .block(0x0BAD, payload(12, 0))                        // custom block: a frame for Wireshark
                .block(4, new byte[4])                                // NRB with only nrb_record_end
                .block(5, ByteBuffer.allocate(12).putInt(1).putInt(0).putInt(7).array()) // ISB, interface 1
                .block(0x0A, ByteBuffer.allocate(12).putInt(0x544c534b).putInt(4).put(payload(4, 0x61)).array())
                                                                      // DSB: TLS key log, 4 bytes
                .section(ByteOrder.LITTLE_ENDIAN)
                .idb(113, 65535)                                      // Linux SLL, default 10^-6
                .epb(0, (t0 + 8) * 1_000_000L + 999_999, payload(48, 5), 48)
                .epb(0, (t0 + 9) * 1_000_000L, payload(30, 6), 70);
        return ng.bytes();
    }

    public static void main(String[] args) throws IOException {
        Files.write(Path.of(args[0]), builderMix());
    }
}
