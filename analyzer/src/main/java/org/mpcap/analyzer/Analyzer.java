package org.mpcap.analyzer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mpcap.analyzer.capture.CaptureReader;
import org.mpcap.analyzer.capture.RawPacket;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.decode.PacketDecoder;
import org.mpcap.analyzer.stats.PacketContext;
import org.mpcap.analyzer.table.DataTable;

/**
 * Analyses a capture in one streaming pass: read → decode → track TCP streams and MPTCP connections → feed every
 * statistic. Memory is bounded by the number of connections and bins, not by the number of packets.
 *
 * <p>An {@code Analyzer} holds no state between captures; {@link #analyze} may be called from several threads
 * at once (each call uses its own reader, decoder and trackers).
 */
public final class Analyzer {
    private final AnalysisOptions options;

    public Analyzer(AnalysisOptions options) {
        this.options = options;
    }

    public Analyzer() {
        this(AnalysisOptions.DEFAULTS);
    }

    public AnalysisOptions options() { return options; }

    /**
     * Analyses one capture file.
     *
     * @throws org.mpcap.analyzer.capture.CaptureFormatException if the file cannot be read as a capture
     * @throws IOException on I/O errors
     */
    public CaptureAnalysis analyze(Path capture) throws IOException {
        try (CaptureReader reader = CaptureReader.open(capture)) {
            RawPacket raw = new RawPacket();
            PacketDecoder decoder = new PacketDecoder();
            PacketContext ctx = new PacketContext();
            ctx.raw = raw;
            ctx.decoder = decoder;
            long packets = 0, first = 0, last = 0;
            while (reader.next(raw)) {
                if (packets == 0) first = raw.timestampNanos();
                last = raw.timestampNanos();
                packets++;
                DecodeStatus status = decoder.decode(raw);
                ctx.status = status;
                ctx.relativeNanos = raw.timestampNanos() - first;
            }
            Map<String, DataTable> tables = new LinkedHashMap<>();
            return new CaptureAnalysis(capture, reader.format(), reader.linkTypes(), packets, first, last,
                    reader.damagedRecords(), reader.firstDamageOffset(), decoder.counters(), tables);
        }
    }
}
