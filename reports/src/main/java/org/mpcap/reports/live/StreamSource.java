package org.mpcap.reports.live;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.mpcap.analyzer.capture.CaptureFormatException;
import org.mpcap.analyzer.capture.CaptureReader;
import org.mpcap.analyzer.capture.RawPacket;

/**
 * A pcap or pcapng stream (also gzip), e.g. {@code tcpdump -U -w - | mpcap live -r -}: works where libpcap cannot
 * be loaded by Java. Each record is handed over as soon as it is complete in the stream.
 */
public final class StreamSource implements PacketSource {
    private final InputStream in;
    private final String name;
    private volatile boolean stopped;
    private volatile Thread runner;
    private long damaged;
    private long firstDamage = -1;

    /** @param name what the view calls the stream, e.g. {@code stdin} */
    public StreamSource(InputStream in, String name) {
        this.in = in;
        this.name = name;
    }

    @Override
    public void run(PacketSink sink) throws IOException, InterruptedException {
        runner = Thread.currentThread();
        CaptureReader reader;
        try {
            reader = CaptureReader.open(in);
        } catch (CaptureFormatException e) {
            throw new LiveException(name + ": " + e.getMessage(), e);
        }
        try (reader) {
            // (reader interface id, link type) -> sink interface
            Map<Long, Integer> ifaces = new HashMap<>();
            RawPacket raw = new RawPacket();
            while (!stopped && reader.next(raw)) {
                long key = (long) raw.interfaceId() << 32 | (raw.linkType() & 0xffff_ffffL);
                Integer iface = ifaces.get(key);
                if (iface == null) {
                    String n = raw.interfaceId() == 0 ? name : name + "#" + raw.interfaceId();
                    iface = sink.addInterface(n, raw.linkType(), 0);
                    ifaces.put(key, iface);
                }
                byte[] data = Arrays.copyOfRange(raw.data(), raw.offset(), raw.offset() + raw.capturedLength());
                sink.packet(new LivePacket(iface, raw.timestampNanos(), data, raw.originalLength()));
            }
            damaged = reader.damagedRecords();
            firstDamage = reader.firstDamageOffset();
        } catch (IOException e) {
            if (stopped) return; // closed under us by stop()
            throw e instanceof LiveException ? e : new LiveException(name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        stopped = true;
        // a read blocked on a pipe returns only when data comes or the stream closes
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is best effort: the reader sees the end or an error and returns
        }
    }

    /** Records of the stream that were damaged and skipped. */
    public long damagedRecords() { return damaged; }

    /** Offset of the first damaged record in the (decompressed) stream, or -1. */
    public long firstDamageOffset() { return firstDamage; }

    @Override
    public String describe() { return name; }
}
