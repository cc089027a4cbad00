package org.mpcap.analyzer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.mpcap.analyzer.capture.CaptureFormat;
import org.mpcap.analyzer.capture.RawPacket;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.decode.PacketDecoder;
import org.mpcap.analyzer.decode.mptcp.MptcpOption;
import org.mpcap.analyzer.decode.mptcp.MptcpOptionDecoder;
import org.mpcap.analyzer.decode.mptcp.MptcpSubtype;
import org.mpcap.analyzer.flow.TcpTracker;
import org.mpcap.analyzer.mptcp.MptcpTracker;
import org.mpcap.analyzer.stats.PacketContext;
import org.mpcap.analyzer.stats.StatsCollector;
import org.mpcap.analyzer.stats.TrackingView;
import org.mpcap.analyzer.stats.rtt.RttCollector;
import org.mpcap.analyzer.table.DataTable;

/**
 * One analysis pass fed a record at a time: decode, track TCP streams and MPTCP connections, feed every statistic.
 * {@link Analyzer#analyze(Path)} is this pass driven by a file reader; a live capture drives it from packets as
 * they arrive, and can look at the state in between ({@link #tracking()}, {@link #lastRttNanos(int)}, signals).
 *
 * <p>Not thread-safe: one thread feeds it and asks it. {@link #finish} ends it.
 */
public final class IncrementalAnalysis {

    /**
     * An MPTCP signalling option as it was seen: ADD_ADDR, REMOVE_ADDR, MP_PRIO, MP_FAIL, MP_FASTCLOSE, MP_TCPRST.
     *
     * @param timeNanos  relative to the first record
     * @param frame      frame number of the packet
     * @param connection MPTCP connection index, or -1 if the packet is not (yet) in a connection
     * @param subflow    subflow index within it, or -1
     * @param tcpStream  Wireshark {@code tcp.stream}
     * @param subtype    RFC 8684 name of the option
     * @param detail     its decoded fields, as in the {@code mptcp-options} table
     */
    public record Signal(long timeNanos, long frame, int connection, int subflow, int tcpStream, String subtype,
                         String detail) {}

    /** Receives signals on the feeding thread, inside {@link #accept}; it must be quick and must not throw. */
    @FunctionalInterface
    public interface SignalListener {
        void onSignal(Signal signal);
    }

    private final List<StatsCollector> collectors;
    private final StatsCollector[] fed;
    private final RttCollector rtt;
    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketContext ctx = new PacketContext();
    private final TcpTracker tcpTracker = new TcpTracker();
    private final MptcpTracker mptcpTracker = new MptcpTracker(tcpTracker);
    private SignalListener listener;
    private long packets, first, last;
    private boolean finished;
    /** Earliest and latest accepted record time (epoch nanos): the capture's span, never negative. */
    private long earliest, latest;
    /** Records whose time is a {@link #TIME_OUTLIER_NANOS} jump away, the first of them (1-based) and its time. */
    private long timeOutliers, firstOutlierFrame, firstOutlierNanos;
    /** Time of the previous record if it was an outlier, else {@code Long.MIN_VALUE}. */
    private long lastOutlier = Long.MIN_VALUE;

    /** A jump between consecutive records larger than this marks the record's time as damaged. */
    static final long TIME_OUTLIER_NANOS = 24L * 3600 * 1_000_000_000L;

    private static boolean far(long a, long b) {
        long d = a - b;
        boolean overflow = ((a ^ b) & (a ^ d)) < 0; // Hacker's Delight 2-12: the difference wrapped
        return overflow || d > TIME_OUTLIER_NANOS || d < -TIME_OUTLIER_NANOS;
    }

    IncrementalAnalysis(List<StatsCollector> collectors) {
        this.collectors = collectors;
        this.fed = collectors.stream().filter(StatsCollector::needsPackets).toArray(StatsCollector[]::new);
        RttCollector r = null;
        for (StatsCollector c : collectors) if (c instanceof RttCollector rc) r = rc;
        this.rtt = r;
        ctx.decoder = decoder;
    }

    /** Calls {@code l} for every MPTCP signalling option from now on ({@code null}: none). */
    public void onSignal(SignalListener l) {
        this.listener = l;
    }

    /**
     * One record, in capture order. The record's bytes are read during the call only (not kept).
     *
     * @return the record's {@code tcp.stream}, or -1 if it is not TCP
     * @throws IllegalStateException after {@link #finish}
     */
    public int accept(RawPacket raw) {
        if (finished) throw new IllegalStateException("analysis finished");
        PacketContext ctx = this.ctx;
        ctx.raw = raw;
        long ts = time(raw.timestampNanos());
        DecodeStatus status = decoder.decode(raw);
        ctx.status = status;
        ctx.relativeNanos = ts - first;
        if (status == DecodeStatus.TCP) {
            ctx.tcpStream = tcpTracker.onPacket(decoder.ip(), decoder.tcp(), ctx.relativeNanos);
            ctx.fromClient = tcpTracker.lastFromClient();
            mptcpTracker.onPacket(decoder.ip(), decoder.tcp(), decoder.mptcp(), ctx.tcpStream, ctx.fromClient,
                    ctx.relativeNanos);
            ctx.connection = mptcpTracker.lastConnection();
            ctx.subflow = mptcpTracker.lastSubflow();
            ctx.dataDirection = mptcpTracker.lastDirection();
            ctx.hasDsn = mptcpTracker.lastHasDsn();
            ctx.dsn = mptcpTracker.lastDsn();
            ctx.hasDataAck = mptcpTracker.lastHasDataAck();
            ctx.dataAck = mptcpTracker.lastDataAck();
            ctx.hasMapping = mptcpTracker.lastHasMapping();
            ctx.mappingDsn = mptcpTracker.lastMappingDsn();
            ctx.mappingLength = mptcpTracker.lastMappingLength();
            ctx.mappingDataFin = mptcpTracker.lastMappingDataFin();
            ctx.hasIdsn = mptcpTracker.lastHasIdsn();
            ctx.idsn = mptcpTracker.lastIdsn();
            ctx.rebased = mptcpTracker.lastRebased();
            if (ctx.rebased != 0) {
                ctx.rebaseDelta[0] = mptcpTracker.lastRebaseDelta(0);
                ctx.rebaseDelta[1] = mptcpTracker.lastRebaseDelta(1);
            }
            if (listener != null) signals();
        } else {
            ctx.dataDirection = -1;
            ctx.hasDsn = false;
            ctx.hasDataAck = false;
            ctx.hasMapping = false;
            ctx.hasIdsn = false;
            ctx.rebased = 0;
            ctx.tcpStream = -1;
            ctx.fromClient = false;
            ctx.connection = -1;
            ctx.subflow = -1;
        }
        for (StatsCollector c : fed) c.onPacket(ctx);
        return ctx.tcpStream;
    }

    /**
     * Counts the record and returns the time it is analysed at. A clock that jumps by more than a day between two
     * records (year 2106 among 2026 records, a zeroed timestamp) is a damaged timestamp, not a day of silence:
     * the record is decoded and counted, but takes the previous record's time, so bins, durations and rates stay
     * bounded by the data instead of by the jump. The first record itself is taken as the outlier when the next
     * two agree with each other and not with it (the time base moves to them); two records in a row that agree
     * after a jump are a real clock step, which is followed.
     */
    private long time(long ts) {
        packets++;
        if (packets == 1) {
            first = last = earliest = latest = ts;
        } else if (far(ts, last)) {
            if (packets == 3 && timeOutliers == 1 && firstOutlierFrame == 2 && !far(ts, firstOutlierNanos)) {
                long second = firstOutlierNanos;
                firstOutlierFrame = 1;
                firstOutlierNanos = first;
                first = earliest = latest = second; // record 2 (analysed at relative time 0) is the base
                acceptTime(ts);
            } else if (lastOutlier != Long.MIN_VALUE && !far(ts, lastOutlier)) {
                timeOutliers--;
                if (timeOutliers == 0) firstOutlierFrame = firstOutlierNanos = 0;
                acceptTime(ts);
            } else {
                if (timeOutliers++ == 0) {
                    firstOutlierFrame = packets;
                    firstOutlierNanos = ts;
                }
                lastOutlier = ts;
                return last;
            }
        } else {
            acceptTime(ts);
        }
        return ts;
    }

    private void acceptTime(long ts) {
        last = ts;
        lastOutlier = Long.MIN_VALUE;
        if (ts < earliest) earliest = ts;
        if (ts > latest) latest = ts;
    }

    private void signals() {
        MptcpOptionDecoder opts = decoder.mptcp();
        for (int i = 0, n = opts.count(); i < n; i++) {
            MptcpOption o = opts.get(i);
            MptcpSubtype t = o.subtype();
            if (t == MptcpSubtype.ADD_ADDR || t == MptcpSubtype.REMOVE_ADDR || t == MptcpSubtype.MP_PRIO
                    || t == MptcpSubtype.MP_FAIL || t == MptcpSubtype.MP_FASTCLOSE || t == MptcpSubtype.MP_TCPRST) {
                listener.onSignal(new Signal(ctx.relativeNanos, ctx.raw.frameNumber(), ctx.connection, ctx.subflow,
                        ctx.tcpStream, t.name(), o.describe()));
            }
        }
    }

    /** Records fed so far. */
    public long packets() { return packets; }

    /** Epoch nanoseconds of the earliest record (time outliers left out), or 0 if none. */
    public long firstTimestampNanos() { return packets == 0 ? 0 : earliest; }

    /** Epoch nanoseconds of the latest record (time outliers left out), or 0 if none. */
    public long lastTimestampNanos() { return packets == 0 ? 0 : latest; }

    /**
     * Copies of the TCP conversations and MPTCP connections as they stand (subflows with their state, bytes and
     * times so far). Costs a copy of every stream: for a view refreshed about once a second, not per packet.
     */
    public TrackingView tracking() {
        var streams = tcpTracker.streams();
        return TrackingView.of(streams, mptcpTracker.connections(streams));
    }

    /** The latest RTT sample of {@code tcpStream} in nanoseconds (see {@link RttCollector#lastRttNanos}), or -1. */
    public long lastRttNanos(int tcpStream) {
        return rtt == null ? -1 : rtt.lastRttNanos(tcpStream);
    }

    /**
     * Ends the pass and builds every table, as {@link Analyzer#analyze(Path)} does for a file.
     *
     * @param path the capture the records were (or are being) written to; its file name is the {@code capture}
     *             column of every table
     */
    public CaptureAnalysis finish(Path path, CaptureFormat format, Set<Integer> linkTypes, long damagedRecords,
                                  long firstDamageOffset) {
        Objects.requireNonNull(path, "path");
        if (finished) throw new IllegalStateException("analysis finished");
        finished = true;
        TrackingView tracking = tracking();
        Map<String, DataTable> tables = Analyzer.tables(Analyzer.captureName(path), tracking, collectors);
        return new CaptureAnalysis(path, format, linkTypes, packets, firstTimestampNanos(), lastTimestampNanos(),
                damagedRecords, firstDamageOffset, decoder.counters(), tables, tracking, timeOutliers,
                firstOutlierFrame, firstOutlierNanos);
    }
}
