package org.mpcap.analyzer.stats.datalevel;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.decode.TcpView;
import org.mpcap.analyzer.stats.IntOrder;
import org.mpcap.analyzer.stats.PacketContext;
import org.mpcap.analyzer.stats.StatsCollector;
import org.mpcap.analyzer.stats.TrackingView;
import org.mpcap.analyzer.stats.rtt.RttSampleStore;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/**
 * Data-level flight size and advertised receive window over time, per connection and direction (mptcptrace
 * {@code -F}): table {@value #NAME}.
 *
 * <ul>
 * <li>{@code flight_size}: highest DSN + length sent minus the highest data ACK seen for that direction (0 when the
 * ACK is ahead, e.g. data sent before the capture started); before the first data ACK, from the first DSN seen.
 * A row each time it changes.</li>
 * <li>{@code receive_window}: the window the data's receiver advertises on packets carrying a data ACK, TCP window
 * field × 2^shift (RFC 7323 §2.3: the shift from the window-scale options of the subflow's SYN and SYN/ACK, applied
 * only if both carried one, at most 14; the window of a SYN is never scaled). RFC 8684 §3.3.4: the window is
 * relative to the data ACK and shared by all subflows, so the latest one advertised on any subflow is the
 * connection's; its right edge is data ACK + window. A row each time it changes. When the handshake was not
 * captured the shift is unknown and the field is taken unscaled (as Wireshark shows it).</li>
 * </ul>
 *
 * <p>The DSNs and data ACKs kept (first, highest sent, highest acknowledged) follow the MPTCP tracker's corrections
 * of upper 32 bits it had guessed from 4-byte values ({@link PacketContext#rebased}).
 *
 * <p>Bounded as the {@code rtt} table ({@link RttSampleStore}, the same cap): past the cap, per series and time
 * bucket only the smallest and the largest value. Memory: two bytes per TCP stream, a few longs per connection.
 */
public final class FlightSizeCollector implements StatsCollector {
    public static final String NAME = "flight-size";
    static final int FLIGHT = 0, WINDOW = 1;
    static final String[] METRIC = {"flight_size", "receive_window"};
    /** RFC 7323 §2.3: a shift count above 14 is used as 14. */
    static final int MAX_WINDOW_SHIFT = 14;
    private static final byte SHIFT_UNKNOWN = -1, SHIFT_NONE = -2;
    private static final byte HAS_SENT = 1, HAS_ACK = 2, HAS_FLIGHT = 4, HAS_WINDOW = 8;

    private final RttSampleStore store;

    /** [2 × stream + (0 from the subflow's client, 1 from its server)]: window-scale shift from its SYN. */
    private byte[] shift = new byte[0];

    /** [2 × connection + dir]: first DSN, highest DSN end sent, highest data ACK, last values recorded, flags. */
    private long[] first = new long[0], sentEnd = new long[0], acked = new long[0], lastFlight = new long[0],
            lastWindow = new long[0];
    private byte[] state = new byte[0];
    /** [2 × connection + dir] × 2 + metric: series id, -1 until used; per series its cd and metric. */
    private int[] seriesOf = new int[0];
    private int[] seriesCd = new int[16];
    private int seriesCount;

    /** @param cap most rows of the table (then min/max downsampling), at least 4 */
    public FlightSizeCollector(int cap) {
        this.store = new RttSampleStore(cap);
    }

    @Override
    public void onPacket(PacketContext p) {
        if (p.status != DecodeStatus.TCP || p.tcpStream < 0) return;
        TcpView tcp = p.decoder.tcp();
        int flags = tcp.flags();
        if ((flags & TcpView.SYN) != 0) handshake(p.tcpStream, p.fromClient, flags, tcp.windowScale());
        if (p.connection < 0 || p.subflow < 0 || p.dataDirection < 0) return;
        if (p.rebased != 0) rebase(p);
        if (p.hasDsn) {
            int len = tcp.payloadLength();
            if (len > 0) {
                int cd = cd(p.connection, p.dataDirection);
                long end = p.dsn + len;
                byte st = state[cd];
                if ((st & HAS_SENT) == 0) {
                    state[cd] = st |= HAS_SENT;
                    first[cd] = p.dsn;
                    sentEnd[cd] = end;
                } else if (end - sentEnd[cd] > 0) {
                    sentEnd[cd] = end;
                }
                flight(cd, p);
            }
        }
        if (p.hasDataAck) {
            int cd = cd(p.connection, 1 - p.dataDirection);
            byte st = state[cd];
            if ((st & HAS_ACK) == 0 || p.dataAck - acked[cd] > 0) {
                state[cd] = st |= HAS_ACK;
                acked[cd] = p.dataAck;
                if ((st & HAS_SENT) != 0) flight(cd, p);
            }
            long window = window(p.tcpStream, p.fromClient, flags, tcp.window());
            if ((state[cd] & HAS_WINDOW) == 0 || window != lastWindow[cd]) {
                state[cd] |= HAS_WINDOW;
                lastWindow[cd] = window;
                store.add(series(cd, WINDOW), p.relativeNanos, p.subflow, window, p.raw.frameNumber());
            }
        }
    }

    /**
     * The rare packet after which the DSNs and data ACKs seen so far are off by {@link PacketContext#rebaseDelta}
     * (the MPTCP tracker guessed their upper 32 bits): move what is kept; the flight sizes recorded are differences.
     */
    private void rebase(PacketContext p) {
        for (int dir = 0; dir < 2; dir++) {
            int cd = 2 * p.connection + dir;
            if ((p.rebased & (1 << dir)) == 0 || cd >= state.length) continue;
            long delta = p.rebaseDelta[dir];
            first[cd] += delta;
            sentEnd[cd] += delta;
            acked[cd] += delta;
        }
    }

    private void flight(int cd, PacketContext p) {
        long f = sentEnd[cd] - ((state[cd] & HAS_ACK) != 0 ? acked[cd] : first[cd]);
        if (f < 0) f = 0;
        if ((state[cd] & HAS_FLIGHT) != 0 && f == lastFlight[cd]) return;
        state[cd] |= HAS_FLIGHT;
        lastFlight[cd] = f;
        store.add(series(cd, FLIGHT), p.relativeNanos, p.subflow, f, p.raw.frameNumber());
    }

    /** Remembers the window-scale option of a SYN or SYN/ACK (RFC 7323 §2.2: only these carry one). */
    private void handshake(int stream, boolean fromClient, int flags, int scaleOption) {
        int i = 2 * stream + (fromClient ? 0 : 1);
        growShift(i);
        shift[i] = scaleOption < 0 ? SHIFT_NONE : (byte) Math.min(scaleOption, MAX_WINDOW_SHIFT);
    }

    /** The receive window a segment advertises, in bytes. */
    private long window(int stream, boolean fromClient, int flags, int field) {
        if ((flags & TcpView.SYN) != 0) return field; // RFC 7323 §2.2: the window of a SYN is not scaled
        int i = 2 * stream + (fromClient ? 0 : 1);
        growShift(i);
        byte own = shift[i], other = shift[i ^ 1];
        if (own == SHIFT_UNKNOWN || other == SHIFT_UNKNOWN) return field; // handshake not captured
        if (own == SHIFT_NONE || other == SHIFT_NONE) return field; // scaling needs both options
        return (long) field << own;
    }

    private void growShift(int i) {
        if (i < shift.length) return;
        int old = shift.length;
        shift = Arrays.copyOf(shift, Math.max(i + 2, Math.max(64, old * 2)));
        Arrays.fill(shift, old, shift.length, SHIFT_UNKNOWN);
    }

    private int cd(int connection, int dir) {
        int cd = 2 * connection + dir;
        if (cd >= state.length) {
            int n = Math.max(cd + 2, Math.max(16, state.length * 2));
            state = Arrays.copyOf(state, n);
            first = Arrays.copyOf(first, n);
            sentEnd = Arrays.copyOf(sentEnd, n);
            acked = Arrays.copyOf(acked, n);
            lastFlight = Arrays.copyOf(lastFlight, n);
            lastWindow = Arrays.copyOf(lastWindow, n);
        }
        return cd;
    }

    private int series(int cd, int metric) {
        seriesOf = DataLevel.grow(seriesOf, 2 * cd + 1, -1);
        int id = seriesOf[2 * cd + metric];
        if (id >= 0) return id;
        id = seriesCount++;
        if (id == seriesCd.length) seriesCd = Arrays.copyOf(seriesCd, id * 2);
        seriesCd[id] = 2 * cd + metric;
        seriesOf[2 * cd + metric] = id;
        return id;
    }

    /** Columns of {@value #NAME} (a contract). */
    public static DataTable table(String title) {
        return new DataTable(NAME, title, List.of(
                Column.text("capture", "capture file name"),
                Column.integer("connection", "", "MPTCP connection index"),
                Column.text("direction", "c2s | s2c: the direction of the data"),
                Column.text("metric", "flight_size (highest DSN + length sent - highest data ACK) | receive_window "
                        + "(advertised by the data's receiver: TCP window x 2^scale, relative to the data ACK)"),
                Column.seconds("time", "when the value changed, relative to the capture's first packet"),
                Column.integer("bytes", "B", "the new value"),
                Column.integer("subflow", "", "subflow of the packet that changed it"),
                Column.integer("frame", "", "that packet's frame number")));
    }

    @Override
    public List<DataTable> finish(String capture, TrackingView tracking) {
        int n = store.size();
        String title = "Data-level flight size and advertised receive window over time";
        if (store.bucketNanos() > 0) {
            title += String.format(Locale.ROOT, "; %d of %d changes kept: smallest and largest per series and %s ms "
                    + "bucket", n, store.added(), DataLevel.plain(store.bucketNanos() / 1e6));
        }
        DataTable t = table(title);
        RttSampleStore store = this.store;
        int[] seriesCd = this.seriesCd;
        int[] order = IntOrder.sorted(n, (a, b) -> {
            int ca = seriesCd[store.series(a)], cb = seriesCd[store.series(b)];
            if (ca != cb) return Integer.compare(ca, cb); // connection, direction, metric
            return store.frame(a) != store.frame(b) ? Long.compare(store.frame(a), store.frame(b))
                    : Long.compare(store.time(a), store.time(b));
        });
        return List.of(DataTable.generated(NAME, title, t.columns(), n, r -> {
            int i = order[r];
            int code = seriesCd[store.series(i)];
            int cd = code >> 1, metric = code & 1;
            return new Object[] {capture, (long) (cd >> 1), DataLevel.DIRECTION[cd & 1], METRIC[metric],
                    DataLevel.seconds(store.time(i)), store.rtt(i), store.seq(i), store.frame(i)};
        }));
    }
}
