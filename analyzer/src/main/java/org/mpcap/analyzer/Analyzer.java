package org.mpcap.analyzer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.mpcap.analyzer.capture.CaptureReader;
import org.mpcap.analyzer.capture.RawPacket;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.decode.PacketDecoder;
import org.mpcap.analyzer.flow.TcpTracker;
import org.mpcap.analyzer.mptcp.MptcpTracker;
import org.mpcap.analyzer.stats.MptcpOptionsCollector;
import org.mpcap.analyzer.stats.PacketContext;
import org.mpcap.analyzer.stats.StatsCollector;
import org.mpcap.analyzer.stats.StatsCollectors;
import org.mpcap.analyzer.stats.TrackingTables;
import org.mpcap.analyzer.stats.TrackingView;
import org.mpcap.analyzer.table.DataTable;

/**
 * Analyses a capture in one streaming pass: read → decode → track TCP streams and MPTCP connections → feed every
 * statistic. Memory is bounded by the number of connections and bins, not by the number of packets.
 *
 * <p>An {@code Analyzer} holds no state between captures; {@link #analyze} may be called from several threads
 * at once (each call uses its own reader, decoder and trackers).
 */
public final class Analyzer {
    /**
     * Read the capture on a second thread when there is a second core to run it (see CaptureReader.open); the
     * system property {@code mpcap.readAhead=false} turns it off (for benchmarks).
     */
    private static final boolean READ_AHEAD = Runtime.getRuntime().availableProcessors() > 1
            && !"false".equals(System.getProperty("mpcap.readAhead"));

    /**
     * Share the statistics of one capture over two threads when there are two cores (see
     * {@code analyzeOnTwoThreads}); the system property {@code mpcap.parallel=false} turns it off.
     */
    private static final boolean PARALLEL = READ_AHEAD && !"false".equals(System.getProperty("mpcap.parallel"));

    private final AnalysisOptions options;
    private final boolean parallel;

    public Analyzer(AnalysisOptions options) {
        this(options, PARALLEL);
    }

    /** With {@code parallel} false, always one thread for decoding and statistics (tests compare the two). */
    Analyzer(AnalysisOptions options, boolean parallel) {
        this.options = options;
        this.parallel = parallel;
    }

    public Analyzer() {
        this(AnalysisOptions.DEFAULTS);
    }

    public AnalysisOptions options() { return options; }

    /**
     * The statistics of one analysis, fresh for each capture. Every collector's {@code finish} returns all of its
     * tables, also when empty (so that {@link #tableNames()} can list them).
     */
    private List<StatsCollector> collectors() {
        List<StatsCollector> list = options.statistics() ? new ArrayList<>(StatsCollectors.create(options))
                : new ArrayList<>();
        if (options.mptcpOptionRows()) list.add(new MptcpOptionsCollector());
        return list;
    }

    /**
     * Names of every table an analysis with these options produces, in order; with
     * {@link AnalysisOptions#mptcpOptionRows()} off, the names that need it are listed too (at the end).
     */
    public List<String> tableNames() {
        Map<String, DataTable> tables = tables("", TrackingView.empty(), collectors());
        List<String> names = new ArrayList<>(tables.keySet());
        if (!names.contains(MptcpOptionsCollector.NAME)) names.add(MptcpOptionsCollector.NAME);
        return List.copyOf(names);
    }

    /**
     * Analyses one capture file.
     *
     * @throws org.mpcap.analyzer.capture.CaptureFormatException if the file cannot be read as a capture
     * @throws IOException on I/O errors
     */
    public CaptureAnalysis analyze(Path capture) throws IOException {
        return analyze(capture, List.of(), null);
    }

    /** Packets between two progress reports of {@link #analyze(Path, LongConsumer)}. */
    public static final int PROGRESS_PACKETS = 65_536;

    /**
     * {@link #analyze(Path)} reporting progress: {@code bytesRead} is called on the analysing thread with the bytes
     * read so far from the file ({@code CaptureReader.bytesRead()}, -1 if unknown) every
     * {@value #PROGRESS_PACKETS} packets and once at the end. It must be quick and must not throw.
     */
    public CaptureAnalysis analyze(Path capture, LongConsumer bytesRead) throws IOException {
        return analyze(capture, List.of(), java.util.Objects.requireNonNull(bytesRead));
    }

    /** {@link #analyze(Path)} with extra collectors fed after the standard ones (tests). */
    CaptureAnalysis analyze(Path capture, List<StatsCollector> extra) throws IOException {
        return analyze(capture, extra, null);
    }

    private CaptureAnalysis analyze(Path capture, List<StatsCollector> extra, LongConsumer progress)
            throws IOException {
        List<StatsCollector> collectors = collectors();
        collectors.addAll(extra);
        if (parallel && collectors.size() > 1) return analyzeOnTwoThreads(capture, collectors, progress);
        try (CaptureReader reader = CaptureReader.open(capture, READ_AHEAD)) {
            Pass pass = new Pass(reader, collectors, progress);
            pass.run();
            return result(capture, reader, pass, collectors);
        }
    }

    /**
     * The same analysis with the statistics shared out over two threads: the file is read and parsed once (on a
     * third, read-ahead thread) and both threads decode and track every packet, each feeding half of the
     * collectors (alternately in list order, so the two heaviest, RTT and flow statistics, land on different
     * threads). Decoding and tracking are deterministic, so both threads see the same streams and connections;
     * the results are those of one sequential pass.
     */
    private CaptureAnalysis analyzeOnTwoThreads(Path capture, List<StatsCollector> collectors,
                                                LongConsumer progress) throws IOException {
        List<StatsCollector> mine = new ArrayList<>(), theirs = new ArrayList<>();
        for (int i = 0; i < collectors.size(); i++) (i % 2 == 0 ? theirs : mine).add(collectors.get(i));
        List<CaptureReader> readers = CaptureReader.openShared(capture, 2);
        Pass main = new Pass(readers.get(0), mine, progress);
        Pass other = new Pass(readers.get(1), theirs, null);
        Throwable[] otherFailure = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                other.run();
            } catch (Throwable t) {
                otherFailure[0] = t;
                closeQuietly(readers.get(1)); // wakes the main pass, which then stops
            }
        }, "mpcap-analyze " + capture.getFileName());
        thread.setDaemon(true);
        thread.start();
        Throwable mainFailure = null;
        try {
            main.run();
        } catch (IOException | RuntimeException | Error e) {
            mainFailure = e;
            closeQuietly(readers.get(0)); // wakes the other pass, which then stops
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while analysing " + capture);
        } finally {
            for (CaptureReader r : readers) closeQuietly(r);
        }
        // the first failure is the real one: the other pass only saw the reader closed under it
        Throwable failure = otherFailure[0] != null && (mainFailure == null || isClosedReader(mainFailure))
                ? otherFailure[0] : mainFailure;
        if (failure instanceof IOException e) throw e;
        if (failure instanceof RuntimeException e) throw e;
        if (failure instanceof Error e) throw e;
        if (failure != null) throw new IllegalStateException(failure);
        return result(capture, readers.get(0), main, collectors);
    }

    private static boolean isClosedReader(Throwable t) {
        return t instanceof IOException && "capture reader closed".equals(t.getMessage());
    }

    private static void closeQuietly(CaptureReader r) {
        try {
            r.close();
        } catch (IOException ignored) {
            // closing a reader that failed: the failure itself is reported
        }
    }

    private static CaptureAnalysis result(Path capture, CaptureReader reader, Pass pass,
                                          List<StatsCollector> collectors) {
        var streams = pass.tcpTracker.streams();
        TrackingView tracking = TrackingView.of(streams, pass.mptcpTracker.connections(streams));
        String name = capture.getFileName().toString();
        Map<String, DataTable> tables = tables(name, tracking, collectors);
        return new CaptureAnalysis(capture, reader.format(), reader.linkTypes(), pass.packets, pass.first, pass.last,
                reader.damagedRecords(), reader.firstDamageOffset(), pass.decoder.counters(), tables, tracking);
    }

    /** One pass over the records of a reader: decode, track, feed the given collectors. */
    private static final class Pass {
        final CaptureReader reader;
        final List<StatsCollector> collectors;
        final LongConsumer progress;
        final PacketDecoder decoder = new PacketDecoder();
        final TcpTracker tcpTracker = new TcpTracker();
        final MptcpTracker mptcpTracker = new MptcpTracker();
        long packets, first, last;

        Pass(CaptureReader reader, List<StatsCollector> collectors, LongConsumer progress) {
            this.reader = reader;
            this.collectors = collectors;
            this.progress = progress;
        }

        void run() throws IOException {
            RawPacket raw = new RawPacket();
            PacketContext ctx = new PacketContext();
            ctx.raw = raw;
            ctx.decoder = decoder;
            int collectorCount = collectors.size();
            StatsCollector[] feed = collectors.toArray(new StatsCollector[0]);
            while (reader.next(raw)) {
                if (packets == 0) first = raw.timestampNanos();
                last = raw.timestampNanos();
                packets++;
                DecodeStatus status = decoder.decode(raw);
                ctx.status = status;
                ctx.relativeNanos = raw.timestampNanos() - first;
                if (status == DecodeStatus.TCP) {
                    ctx.tcpStream = tcpTracker.onPacket(decoder.ip(), decoder.tcp(), ctx.relativeNanos);
                    ctx.fromClient = tcpTracker.lastFromClient();
                    mptcpTracker.onPacket(decoder.ip(), decoder.tcp(), decoder.mptcp(), ctx.tcpStream,
                            ctx.fromClient, ctx.relativeNanos);
                    ctx.connection = mptcpTracker.lastConnection();
                    ctx.subflow = mptcpTracker.lastSubflow();
                } else {
                    ctx.tcpStream = -1;
                    ctx.fromClient = false;
                    ctx.connection = -1;
                    ctx.subflow = -1;
                }
                for (int i = 0; i < collectorCount; i++) feed[i].onPacket(ctx);
                if (progress != null && (packets & (PROGRESS_PACKETS - 1)) == 0) progress.accept(reader.bytesRead());
            }
            if (progress != null) progress.accept(reader.bytesRead());
        }
    }

    private static Map<String, DataTable> tables(String name, TrackingView tracking, List<StatsCollector> collectors) {
        Map<String, DataTable> tables = new LinkedHashMap<>();
        tables.put(TrackingTables.CONNECTIONS, TrackingTables.connections(name, tracking));
        tables.put(TrackingTables.SUBFLOWS, TrackingTables.subflows(name, tracking));
        for (StatsCollector c : collectors) {
            for (DataTable t : c.finish(name, tracking)) tables.put(t.name(), t);
        }
        return tables;
    }
}
