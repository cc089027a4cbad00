package org.mpcap.reports.live;

import java.io.EOFException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.Pcaps;

/**
 * Live capture on network interfaces through libpcap (pcap4j-core's {@link PcapHandle} only: raw bytes, original
 * length and a nanosecond timestamp per packet; the analyzer decodes them). One thread per interface, in immediate
 * mode (each packet handed over as it arrives, not when the kernel buffer fills).
 *
 * <p>Every failure to start is a {@link LiveException} with one line saying what to do: libpcap not installed,
 * no permission (root or CAP_NET_RAW), unknown interface (the available ones listed), bad filter.
 */
public final class Pcap4jSource implements PacketSource {
    /** libpcap read timeout: how often a capture thread looks at the stop flag when no packet comes. */
    static final int READ_TIMEOUT_MS = 100;
    /** Kernel buffer per interface: room for a few hundred ms of a 1 Gbit/s transfer. */
    static final int BUFFER_BYTES = 32 << 20;

    private final List<PcapHandle> handles;
    private final List<String> names;
    private final String filter;
    private volatile boolean stopped;
    private long dropped = -1;

    private Pcap4jSource(List<PcapHandle> handles, List<String> names, String filter) {
        this.handles = handles;
        this.names = names;
        this.filter = filter;
    }

    /**
     * Opens every interface (all or none: on a failure the ones already open are closed).
     *
     * @param filter BPF filter (tcpdump syntax) or null
     * @param snapLength bytes kept per packet
     */
    public static Pcap4jSource open(List<String> interfaces, String filter, int snapLength) throws LiveException {
        List<PcapHandle> handles = new ArrayList<>();
        try {
            List<String> available = null;
            for (String name : interfaces) {
                PcapNetworkInterface dev = call(() -> Pcaps.getDevByName(name), name);
                if (dev == null) {
                    if (available == null) available = interfaceNames();
                    throw new LiveException("unknown interface '" + name + "'; available: "
                            + (available.isEmpty() ? "none" : String.join(", ", available)));
                }
                PcapHandle h = call(() -> new PcapHandle.Builder(name).snaplen(snapLength)
                        .promiscuousMode(PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                        .timeoutMillis(READ_TIMEOUT_MS).bufferSize(BUFFER_BYTES).immediateMode(true)
                        .timestampPrecision(PcapHandle.TimestampPrecision.NANO).build(), name);
                handles.add(h);
                if (filter != null && !filter.isBlank()) {
                    try {
                        h.setFilter(filter, BpfProgram.BpfCompileMode.OPTIMIZE);
                    } catch (PcapNativeException e) {
                        throw new LiveException("bad --filter '" + filter + "': " + e.getMessage(), e);
                    } catch (NotOpenException e) {
                        throw new LiveException(name + ": capture closed while starting", e);
                    }
                }
            }
            return new Pcap4jSource(handles, List.copyOf(interfaces), filter);
        } catch (LiveException | RuntimeException e) {
            for (PcapHandle h : handles) h.close();
            throw e;
        }
    }

    /** Names of the interfaces libpcap can capture on (including {@code any} on Linux). */
    public static List<String> interfaceNames() throws LiveException {
        List<PcapNetworkInterface> devs = call(Pcaps::findAllDevs, "interface list");
        List<String> names = new ArrayList<>();
        for (PcapNetworkInterface d : devs) names.add(d.getName());
        return names;
    }

    /** The libpcap version string (proves it could be loaded). */
    public static String libraryVersion() throws LiveException {
        return call(Pcaps::libVersion, "libpcap");
    }

    private interface PcapCall<T> {
        T call() throws PcapNativeException;
    }

    /** Runs a pcap4j call, turning a missing libpcap and libpcap errors into one-line messages. */
    private static <T> T call(PcapCall<T> c, String what) throws LiveException {
        try {
            return c.call();
        } catch (PcapNativeException e) {
            String m = String.valueOf(e.getMessage());
            String lower = m.toLowerCase(Locale.ROOT);
            if (lower.contains("permission") || lower.contains("not permitted")) {
                throw new LiveException(what + ": no permission to capture (" + m.trim() + "): run as root, or give "
                        + "java the capabilities: setcap cap_net_raw,cap_net_admin=eip \"$(readlink -f \"$(command "
                        + "-v java)\")\"; or read a stream: tcpdump -U -w - | mpcap live -r -", e);
            }
            if (lower.contains("no such device") || lower.contains("doesn't exist")) {
                throw new LiveException("unknown interface '" + what + "' (" + m.trim() + ")", e);
            }
            throw new LiveException(what + ": " + m.trim(), e);
        } catch (LinkageError e) {
            // UnsatisfiedLinkError from JNA, or the NoClassDefFoundError / ExceptionInInitializerError it leaves
            throw new LiveException("libpcap could not be loaded (" + rootMessage(e) + "): install it "
                    + "(Debian/Ubuntu: apt-get install libpcap0.8; Fedora/RHEL: dnf install libpcap; Alpine: apk add "
                    + "libpcap), or read a stream instead: tcpdump -U -w - | mpcap live -r -", e);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) r = r.getCause();
        String m = r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
        int nl = m.indexOf('\n');
        String line = (nl >= 0 ? m.substring(0, nl) : m).trim();
        return line.endsWith(":") ? line.substring(0, line.length() - 1) : line;
    }

    @Override
    public void run(PacketSink sink) throws LiveException, InterruptedException {
        AtomicReference<LiveException> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < handles.size(); i++) {
            PcapHandle h = handles.get(i);
            String name = names.get(i);
            int iface = sink.addInterface(name, h.getDlt().value(), snapLength(h));
            Thread t = new Thread(() -> capture(h, name, iface, sink, failure), "mpcap-capture-" + name);
            t.setDaemon(true);
            threads.add(t);
        }
        for (Thread t : threads) t.start();
        try {
            for (Thread t : threads) t.join();
        } finally {
            stopped = true;
            long drops = 0;
            boolean known = true;
            for (PcapHandle h : handles) {
                try {
                    PcapStat st = h.getStats();
                    drops += st.getNumPacketsDropped() + st.getNumPacketsDroppedByIf();
                } catch (PcapNativeException | NotOpenException | RuntimeException e) {
                    known = false;
                }
                h.close();
            }
            dropped = known ? drops : -1;
        }
        if (failure.get() != null) throw failure.get();
    }

    private static int snapLength(PcapHandle h) {
        try {
            return h.getSnapshot();
        } catch (NotOpenException e) {
            return 0;
        }
    }

    private void capture(PcapHandle h, String name, int iface, PacketSink sink,
                         AtomicReference<LiveException> failure) {
        try {
            while (!stopped) {
                byte[] data;
                try {
                    data = h.getNextRawPacketEx();
                } catch (TimeoutException e) {
                    continue;
                } catch (EOFException e) {
                    return;
                }
                Timestamp ts = h.getTimestamp();
                long nanos = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
                Integer orig = h.getOriginalLength();
                sink.packet(new LivePacket(iface, nanos, data, orig == null ? data.length : orig));
            }
        } catch (PcapNativeException e) {
            failure.compareAndSet(null, new LiveException(name + ": capture failed: " + e.getMessage(), e));
            stopped = true;
        } catch (NotOpenException e) {
            // closed by run()'s clean-up after a stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        stopped = true;
        // A read may wait in poll() longer than the read timeout (TPACKET_V3 leaves it to the kernel's block
        // timer); pcap_breakloop wakes it (libpcap 1.10 on Linux) and the read returns PCAP_ERROR_BREAK.
        for (PcapHandle h : handles) {
            try {
                h.breakLoop();
            } catch (NotOpenException | RuntimeException e) {
                // already closed: nothing to wake
            }
        }
    }

    @Override
    public long dropped() { return dropped; }

    @Override
    public String describe() {
        return String.join(", ", names) + (filter == null || filter.isBlank() ? "" : " (filter: " + filter + ")");
    }
}
