package org.mpcap.reports.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.mpcap.analyzer.IncrementalAnalysis;
import org.mpcap.analyzer.capture.RawPacket;
import org.mpcap.analyzer.flow.Endpoint;
import org.mpcap.analyzer.mptcp.MptcpConnectionInfo;
import org.mpcap.analyzer.mptcp.SubflowEnd;
import org.mpcap.analyzer.mptcp.SubflowInfo;
import org.mpcap.analyzer.stats.TrackingView;
import org.mpcap.reports.live.LivePacket;
import org.mpcap.reports.live.PacketSink;
import org.mpcap.reports.live.PacketSource;
import org.mpcap.reports.live.PcapNgWriter;

/**
 * Runs one live capture: the source's threads put packets on a queue; this (the command's) thread takes them in
 * arrival order, writes each to the capture file and feeds it to one {@link IncrementalAnalysis}, so the file read
 * back later gives the same records in the same order, hence the same report. About once a second it builds a
 * {@link Frame} of the state for the view; signalling options go to the view as they are decoded.
 */
final class LiveSession implements PacketSink {
    /** Packets waiting for the analysing thread; a full queue makes the capture threads wait (libpcap buffers). */
    static final int QUEUE_PACKETS = 1 << 15;
    static final long REFRESH_NANOS = 1_000_000_000L;
    /** How long a stopped source may take to return before the session goes on without it. */
    static final long SOURCE_STOP_MILLIS = 2000;
    /** Events kept for the screen view. */
    static final int RECENT_EVENTS = 10;

    /** An interface as the sources declared it. */
    record Iface(String name, int linkType, int snapLength) {}

    /** Something that happened, with the capture's time. */
    record Event(long timeNanos, int connection, int subflow, String event, String detail) {}

    record SubflowRow(int subflow, int tcpStream, String state, String iface, Endpoint client, Endpoint server,
                      boolean backup, long bytesC2s, long bytesS2c, double rateBytesPerS, double rttMs) {}

    record ConnectionRow(int connection, int version, String state, Endpoint client, Endpoint server, int up,
                         int down, long bytes, double rateBytesPerS, List<SubflowRow> subflows) {}

    /** The state shown at one refresh. */
    record Frame(double elapsedS, long packets, long capturedBytes, int tcpStreams, List<ConnectionRow> connections,
                 List<Event> recentEvents, String source, boolean last) {}

    /** What the view is told. */
    interface View {
        /** An event, as soon as it is known (signals at once, subflow changes at the next refresh). */
        void event(Event e);

        /** The state, about once a second, and once more with {@code last} at the end. */
        void frame(Frame f);
    }

    private final BlockingQueue<LivePacket> queue = new ArrayBlockingQueue<>(QUEUE_PACKETS);
    private final List<Iface> ifaces = Collections.synchronizedList(new ArrayList<>());
    private final IncrementalAnalysis analysis;
    private final PcapNgWriter writer;
    private final View view;
    private final String sourceName;
    private final boolean interfacesNamed;
    private volatile boolean stopRequested;
    private volatile boolean done;

    private final RawPacket raw = new RawPacket();
    private int[] fileIface = new int[4];
    private int[] streamIface = new int[64];
    private long frames;
    private long bytes;
    private final Set<Integer> linkTypes = new TreeSet<>();
    private final List<Event> recent = new ArrayList<>();
    private final Map<Long, Integer> lastStage = new HashMap<>();
    /** Signalling options since the last refresh (shown with the subflow changes, in time order). */
    private final List<Event> signals = new ArrayList<>();
    private long lastCaptureNanos;
    private final Map<Integer, Long> lastBytes = new HashMap<>();
    private final Map<String, String> localIfaces = new HashMap<>();
    private long lastTick;
    private IOException writeFailure;

    /**
     * @param interfacesNamed whether the sources' interface names are network interfaces (libpcap), not a
     *                        stream's name
     */
    LiveSession(IncrementalAnalysis analysis, PcapNgWriter writer, View view, String sourceName,
                boolean interfacesNamed) {
        this.interfacesNamed = interfacesNamed;
        this.analysis = analysis;
        this.writer = writer;
        this.view = view;
        this.sourceName = sourceName;
        Arrays.fill(fileIface, -1);
        Arrays.fill(streamIface, -1);
        analysis.onSignal(s -> signals.add(new Event(s.timeNanos(), s.connection(), s.subflow(),
                s.subtype().toLowerCase(java.util.Locale.ROOT), s.detail())));
        loadLocalInterfaces();
    }

    @Override
    public int addInterface(String name, int linkType, int snapLength) {
        synchronized (ifaces) {
            ifaces.add(new Iface(name, linkType, snapLength));
            return ifaces.size() - 1;
        }
    }

    @Override
    public void packet(LivePacket p) throws InterruptedException {
        while (!queue.offer(p, 100, TimeUnit.MILLISECONDS)) {
            if (done) return;
        }
    }

    /** Ends the capture soon (Ctrl-C, SIGTERM, --duration); callable from any thread. */
    void stop() {
        stopRequested = true;
    }

    /** The outcome of {@link #run}. */
    record Result(long packets, long capturedBytes, Set<Integer> linkTypes, double elapsedS, Throwable sourceFailure) {}

    /**
     * Captures until {@link #stop}, {@code durationNanos} (if positive) or the end of the source's input.
     *
     * @throws IOException if writing the capture file failed
     */
    Result run(PacketSource source, long durationNanos) throws IOException, InterruptedException {
        Throwable[] failure = new Throwable[1];
        Thread capture = new Thread(() -> {
            try {
                source.run(this);
            } catch (Throwable t) {
                failure[0] = t;
            } finally {
                done = true;
            }
        }, "mpcap-live-source");
        capture.setDaemon(true);
        long start = System.nanoTime();
        lastTick = start;
        capture.start();
        try {
            while (!stopRequested) {
                LivePacket p = queue.poll(50, TimeUnit.MILLISECONDS);
                if (p != null) {
                    accept(p);
                    for (int i = 0; i < 4096 && (p = queue.poll()) != null; i++) accept(p);
                }
                long now = System.nanoTime();
                if (durationNanos > 0 && now - start >= durationNanos) break;
                if (done && queue.isEmpty()) break;
                if (now - lastTick >= REFRESH_NANOS) {
                    tick((now - start) / 1e9, false);
                    lastTick = now;
                }
            }
        } finally {
            source.stop();
            capture.join(SOURCE_STOP_MILLIS);
            done = true;
        }
        for (LivePacket p; (p = queue.poll()) != null; ) accept(p);
        long now = System.nanoTime();
        tick((now - start) / 1e9, true);
        if (writeFailure != null) throw writeFailure;
        return new Result(frames, bytes, Set.copyOf(linkTypes), (now - start) / 1e9, failure[0]);
    }

    private void accept(LivePacket p) {
        Iface iface = ifaces.get(p.iface());
        if (p.iface() >= fileIface.length) {
            int old = fileIface.length;
            fileIface = Arrays.copyOf(fileIface, Math.max(p.iface() + 1, old * 2));
            Arrays.fill(fileIface, old, fileIface.length, -1);
        }
        long offset = 0;
        if (writer != null && writeFailure == null) {
            try {
                if (fileIface[p.iface()] < 0) {
                    fileIface[p.iface()] = writer.addInterface(iface.name(), iface.linkType(),
                            iface.snapLength() > 0 ? iface.snapLength() : 262144);
                }
                offset = writer.packet(fileIface[p.iface()], p.timestampNanos(), p.data(), 0, p.data().length,
                        p.originalLength());
            } catch (IOException e) {
                writeFailure = e;
                stopRequested = true;
            }
        } else if (fileIface[p.iface()] < 0) {
            fileIface[p.iface()] = p.iface();
        }
        raw.set(p.data(), 0, p.data().length, p.originalLength(), p.timestampNanos(), iface.linkType(),
                fileIface[p.iface()], ++frames, offset);
        bytes += p.data().length;
        linkTypes.add(iface.linkType());
        int stream = analysis.accept(raw);
        if (stream >= 0) {
            if (stream >= streamIface.length) {
                int old = streamIface.length;
                streamIface = Arrays.copyOf(streamIface, Math.max(stream + 1, old * 2));
                Arrays.fill(streamIface, old, streamIface.length, -1);
            }
            if (streamIface[stream] < 0) streamIface[stream] = p.iface();
        }
    }

    private void emit(Event e) {
        recent.add(e);
        if (recent.size() > RECENT_EVENTS) recent.remove(0);
        view.event(e);
    }

    /** Builds the frame, emits the subflow changes since the last one, and shows it. */
    private void tick(double elapsedS, boolean last) {
        TrackingView tracking = analysis.tracking();
        List<ConnectionRow> rows = new ArrayList<>();
        List<Event> changes = new ArrayList<>();
        // rates over capture time (equal to wall time when live; right also for a stream replayed fast)
        long captureNow = analysis.lastTimestampNanos();
        double seconds = lastCaptureNanos == 0 ? 0 : (captureNow - lastCaptureNanos) / 1e9;
        lastCaptureNanos = captureNow;
        for (MptcpConnectionInfo c : tracking.connections()) {
            List<SubflowRow> subs = new ArrayList<>();
            int up = 0, down = 0;
            long total = 0;
            double rate = 0;
            for (SubflowInfo s : c.subflows()) {
                // "syn": a SYN seen, the handshake not complete yet; a subflow whose handshake was before the
                // capture started (no SYN seen) is up as long as it carries packets
                String state = s.end() != SubflowEnd.OPEN ? "down"
                        : s.establishedNanos() >= 0 || s.synNanos() < 0 ? "up" : "syn";
                if (state.equals("up")) up++;
                if (state.equals("down")) down++;
                long key = (long) c.connection() << 32 | s.subflow();
                int stage = state.equals("down") ? 2 : state.equals("up") ? 1 : 0;
                Integer before = lastStage.put(key, stage);
                // every step passed since the last refresh, each with its own time
                if ((before == null || before < 1) && stage >= 1) {
                    boolean seen = s.establishedNanos() >= 0;
                    long at = seen ? s.establishedNanos() : tracking.tcpStreams().get(s.tcpStream()).firstNanos();
                    changes.add(new Event(at, c.connection(),
                            s.subflow(), seen ? "subflow_established" : "subflow_seen",
                            path(s) + (seen ? "" : ", handshake before the capture started")));
                }
                if ((before == null || before < 2) && stage == 2) {
                    changes.add(new Event(s.endNanos(), c.connection(), s.subflow(), "subflow_closed",
                            s.endLabel() + " " + path(s)));
                }
                long b = s.payloadC2s() + s.payloadS2c();
                Long prev = lastBytes.put(s.tcpStream(), b);
                double r = prev == null || seconds <= 0 ? 0 : (b - prev) / seconds;
                total += b;
                rate += r;
                long rtt = analysis.lastRttNanos(s.tcpStream());
                subs.add(new SubflowRow(s.subflow(), s.tcpStream(), state, ifaceOf(s), s.client(), s.server(),
                        s.backup(), s.payloadC2s(), s.payloadS2c(), r, rtt < 0 ? Double.NaN : rtt / 1e6));
            }
            rows.add(new ConnectionRow(c.connection(), c.version(), c.state().label(), c.client(), c.server(), up,
                    down, total, rate, subs));
        }
        changes.addAll(signals);
        signals.clear();
        changes.sort(java.util.Comparator.comparingLong(Event::timeNanos));
        for (Event e : changes) emit(e);
        view.frame(new Frame(elapsedS, frames, bytes, tracking.tcpStreams().size(), rows, List.copyOf(recent),
                sourceName, last));
    }

    private String path(SubflowInfo s) {
        return s.client() + " -> " + s.server() + " (" + ifaceOf(s) + (s.backup() ? ", backup" : "") + ")";
    }

    /**
     * The interface a subflow's packets came in on: the capture interface (libpcap), else (interface {@code any}, a
     * stream) the local interface holding the subflow's client or server address, else {@code -}.
     */
    private String ifaceOf(SubflowInfo s) {
        int i = s.tcpStream() < streamIface.length ? streamIface[s.tcpStream()] : -1;
        String captured = i >= 0 && interfacesNamed ? ifaces.get(i).name() : "any";
        if (!captured.equals("any")) return captured;
        String local = localIfaces.get(s.client().address());
        if (local == null) local = localIfaces.get(s.server().address());
        return local != null ? local : "-";
    }

    /** The analyzer's text form of an address (RFC 5952 for IPv6), so that it matches {@link Endpoint#address()}. */
    static String canonical(byte[] a) {
        if (a.length == 4) {
            int v = java.nio.ByteBuffer.wrap(a).getInt();
            return org.mpcap.analyzer.decode.IpAddresses.format(org.mpcap.analyzer.decode.IpAddresses.V4_MAPPED_HI,
                    org.mpcap.analyzer.decode.IpAddresses.v4Lo(v));
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(a);
        return org.mpcap.analyzer.decode.IpAddresses.format(b.getLong(), b.getLong());
    }

    private void loadLocalInterfaces() {
        try {
            Enumeration<NetworkInterface> all = NetworkInterface.getNetworkInterfaces();
            while (all != null && all.hasMoreElements()) {
                NetworkInterface n = all.nextElement();
                for (Enumeration<InetAddress> a = n.getInetAddresses(); a.hasMoreElements(); ) {
                    localIfaces.put(canonical(a.nextElement().getAddress()), n.getName());
                }
            }
        } catch (SocketException | RuntimeException e) {
            // no interface names: the view shows the capture interface instead
        }
    }
}
