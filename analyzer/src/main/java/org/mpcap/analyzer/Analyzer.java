package org.mpcap.analyzer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.mpcap.analyzer.capture.CaptureReader;
import org.mpcap.analyzer.capture.RawPacket;
import org.mpcap.analyzer.stats.MptcpOptionsCollector;
import org.mpcap.analyzer.stats.StatsCollector;
import org.mpcap.analyzer.stats.StatsCollectors;
import org.mpcap.analyzer.stats.TrackingTables;
import org.mpcap.analyzer.stats.TrackingView;
import org.mpcap.analyzer.stats.pair.CapturePairing;
import org.mpcap.analyzer.stats.pair.PacketKeyCollector;
import org.mpcap.analyzer.stats.tcp.TcpAnalysisCollector;
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
     * Inflate a gzip-compressed capture on a second thread when there is a second core to run it
     * ({@link CaptureReader.ReadAhead#COMPRESSED}: plain files are read on the analysing thread, which is quicker);
     * the system property {@code mpcap.readAhead} set to {@code false} never reads ahead, {@code always} reads
     * every capture ahead (for benchmarks).
     */
    private static final CaptureReader.ReadAhead READ_AHEAD = readAhead(System.getProperty("mpcap.readAhead"));

    private static CaptureReader.ReadAhead readAhead(String property) {
        if ("false".equals(property) || Runtime.getRuntime().availableProcessors() < 2) {
            return CaptureReader.ReadAhead.NEVER;
        }
        return "always".equals(property) ? CaptureReader.ReadAhead.ALWAYS : CaptureReader.ReadAhead.COMPRESSED;
    }

    private final AnalysisOptions options;
    /** Run the TCP analysis (tcp.analysis flags) also when {@link AnalysisOptions#statistics()} is off. */
    private final boolean tcpAnalysis;
    /** Statistics tables to compute (with what they need), or null for every one. */
    private final Set<String> onlyTables;

    public Analyzer(AnalysisOptions options) {
        this(options, false, null);
    }

    private Analyzer(AnalysisOptions options, boolean tcpAnalysis, Set<String> onlyTables) {
        this.options = options;
        this.tcpAnalysis = tcpAnalysis;
        this.onlyTables = onlyTables;
    }

    /**
     * This analyzer computing only the statistics of {@code tables} (and the collectors whose per-frame results
     * those read, {@link StatsCollectors#create(AnalysisOptions, Set)}): those tables are the same as with every
     * statistic, the others are absent; {@code connections} and {@code subflows} are always there.
     */
    public Analyzer forTables(Set<String> tables) {
        return new Analyzer(options, tcpAnalysis, Set.copyOf(tables));
    }

    /**
     * This analyzer, plus the TCP analysis ({@code tcp-analysis}, {@code tcp-retransmissions}) when the statistics
     * are off (with statistics on it always runs): what {@code summary --losses} needs, without the other statistics.
     */
    public Analyzer withTcpAnalysis() { return new Analyzer(options, true, onlyTables); }

    public Analyzer() {
        this(AnalysisOptions.DEFAULTS);
    }

    public AnalysisOptions options() { return options; }

    /**
     * The statistics of one analysis, fresh for each capture. Every collector's {@code finish} returns all of its
     * tables, also when empty (so that {@link #tableNames()} can list them).
     */
    private List<StatsCollector> collectors() {
        List<StatsCollector> list = !options.statistics() ? new ArrayList<>()
                : onlyTables == null ? new ArrayList<>(StatsCollectors.create(options))
                : new ArrayList<>(StatsCollectors.create(options, onlyTables));
        if (options.mptcpOptionRows() && (onlyTables == null || onlyTables.contains(MptcpOptionsCollector.NAME))) {
            list.add(new MptcpOptionsCollector());
        }
        if (tcpAnalysis && list.stream().noneMatch(c -> c instanceof TcpAnalysisCollector)) {
            list.add(new TcpAnalysisCollector());
        }
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

    /**
     * Analyses a client-side and a server-side capture of the same connections and pairs their packets: one-way
     * delay per subflow and direction, packets lost between the two points (rules and the clock caveat in
     * {@link CapturePairing}). Each capture is analysed as by {@link #analyze(Path)}.
     *
     * @throws IOException as {@link #analyze(Path)}, for either file; its message starts with the file's path
     */
    public PairAnalysis analyzePair(Path clientSide, Path serverSide) throws IOException {
        PacketKeyCollector ck = new PacketKeyCollector(), sk = new PacketKeyCollector();
        CaptureAnalysis c = analyzeNamed(clientSide, ck);
        CaptureAnalysis s = analyzeNamed(serverSide, sk);
        return new PairAnalysis(c, s, CapturePairing.pair(c.captureName(), ck, c.tracking(), s.captureName(), sk,
                s.tracking(), c.firstTimestampNanos()));
    }

    private CaptureAnalysis analyzeNamed(Path capture, StatsCollector extra) throws IOException {
        try {
            return analyze(capture, List.of(extra));
        } catch (IOException e) {
            throw new IOException(capture + ": " + e.getMessage(), e);
        }
    }

    /** {@link #analyze(Path)} with extra collectors fed after the standard ones (tests). */
    CaptureAnalysis analyze(Path capture, List<StatsCollector> extra) throws IOException {
        return analyze(capture, extra, null);
    }

    private CaptureAnalysis analyze(Path capture, List<StatsCollector> extra, LongConsumer progress)
            throws IOException {
        try (CaptureReader reader = CaptureReader.open(capture, READ_AHEAD)) {
            IncrementalAnalysis pass = incremental(extra);
            RawPacket raw = new RawPacket();
            while (reader.next(raw)) {
                pass.accept(raw);
                if (progress != null && (pass.packets() & (PROGRESS_PACKETS - 1)) == 0) {
                    progress.accept(reader.bytesRead());
                }
            }
            if (progress != null) progress.accept(reader.bytesRead());
            return pass.finish(capture, reader.format(), reader.linkTypes(), reader.damagedRecords(),
                    reader.firstDamageOffset());
        }
    }

    /**
     * A pass fed one record at a time by the caller (live capture, a stream), with the same decoding, tracking and
     * statistics as {@link #analyze(Path)}: the same records in the same order give the same {@link CaptureAnalysis}.
     */
    public IncrementalAnalysis incremental() {
        return incremental(List.of());
    }

    private IncrementalAnalysis incremental(List<StatsCollector> extra) {
        List<StatsCollector> collectors = collectors();
        collectors.addAll(extra);
        return new IncrementalAnalysis(collectors);
    }

    /** The name in the tables' {@code capture} column: the file name, {@code stdin} for {@link CaptureReader#STDIN}. */
    static String captureName(Path capture) {
        return CaptureReader.STDIN.equals(capture) ? "stdin" : capture.getFileName().toString();
    }

    static Map<String, DataTable> tables(String name, TrackingView tracking, List<StatsCollector> collectors) {
        Map<String, DataTable> tables = new LinkedHashMap<>();
        tables.put(TrackingTables.CONNECTIONS, TrackingTables.connections(name, tracking));
        tables.put(TrackingTables.SUBFLOWS, TrackingTables.subflows(name, tracking));
        // Each collector builds its tables from its own state only: the big ones (RTT samples, bytes over time)
        // are built side by side on a second core, then listed in the collectors' order.
        List<List<DataTable>> built = collectors.size() > 1 && Runtime.getRuntime().availableProcessors() > 1
                ? collectors.parallelStream().map(c -> c.finish(name, tracking)).toList()
                : collectors.stream().map(c -> c.finish(name, tracking)).toList();
        for (List<DataTable> list : built) {
            for (DataTable t : list) tables.put(t.name(), t);
        }
        return tables;
    }
}
