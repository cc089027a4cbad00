package org.mpcap.analyzer.stats.datalevel;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.stats.DsnOrigin;
import org.mpcap.analyzer.stats.IntOrder;
import org.mpcap.analyzer.stats.PacketContext;
import org.mpcap.analyzer.stats.StatsCollector;
import org.mpcap.analyzer.stats.TrackingView;
import org.mpcap.analyzer.stats.rtt.RttSampleStore;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/**
 * The data-sequence graph (mptcptrace {@code -s}, mptcpanalyzer's dsn plot): per connection and direction, every
 * data frame as a point (time, relative DSN as {@link DsnOrigin} numbers it, as table {@code reinjections}) on the
 * subflow that sent it, marked a
 * reinjection (RFC 8684 §3.3.6, the {@code reinjections} table's verdict) or a TCP retransmission (tshark's
 * {@code tcp.analysis.retransmission}), and every data ACK (RFC 8684 §3.3.2) whose value changed, on the subflow
 * that carried it. Table {@value #NAME}.
 *
 * <p>Consumes the 64-bit DSN and data ACK the MPTCP tracker publishes per packet and the per-frame verdicts of the
 * collectors before it ({@link PacketContext#reinjectedBytes}, {@link PacketContext#tcpRetransmission}). Points are
 * kept relative to the first value seen per connection direction (data or data ACK), and the first data DSN is kept
 * for {@link DsnOrigin}; when the tracker corrects the upper 32 bits it had guessed ({@link PacketContext#rebased})
 * those and the last data ACK move, the points stay.
 *
 * <p>Bounded as the {@code rtt} table ({@link RttSampleStore}, the same cap): all points up to the cap, then per
 * series (connection, direction, subflow, kind) and time bucket only the lowest and the highest DSN, the bucket
 * doubling until they fit; the table's title says so. Memory: one int per TCP stream, a few ints per subflow
 * with data, a few longs per connection, and the store.
 */
public final class DsnGraphCollector implements StatsCollector {
    public static final String NAME = "dsn";
    static final int DATA = 0, REINJECTION = 1, RETRANSMISSION = 2, DATA_ACK = 3, KINDS = 4;
    static final String[] KIND = {"data", "reinjection", "retransmission", "data_ack"};
    private static final byte HAS_ORIGIN = 1, HAS_ACK = 2, HAS_DATA = 4;

    private final RttSampleStore store;

    /** Per TCP stream: its slot, or -1. */
    /** Per slot: connection, subflow, tcp.stream. */
    private final StreamSlots slots = new StreamSlots();
    /** [slot × 8 + dir × 4 + kind]: series id in the store, -1 until used. */
    private int[] slotSeries = new int[0];
    /** Per series id: slot and dir × 4 + kind. */
    private int[] seriesSlot = new int[16], seriesCode = new int[16];
    private int seriesCount;

    /** [2 × connection + dir]: first DSN (or data ACK) seen, the last data ACK recorded, first data DSN, flags. */
    private long[] origin = new long[0], lastAck = new long[0], firstData = new long[0];
    private byte[] state = new byte[0];

    /** @param cap most rows of the table (then min/max downsampling), at least 4 */
    public DsnGraphCollector(int cap) {
        this.store = new RttSampleStore(cap);
    }

    @Override
    public void onPacket(PacketContext p) {
        if (p.status != DecodeStatus.TCP || p.tcpStream < 0 || p.connection < 0 || p.subflow < 0
                || p.dataDirection < 0) {
            return;
        }
        if (p.rebased != 0) rebase(p);
        if (p.hasDsn) {
            int len = p.decoder.tcp().payloadLength();
            if (len > 0) {
                int kind = p.reinjectedBytes > 0 ? REINJECTION : p.tcpRetransmission ? RETRANSMISSION : DATA;
                int cd = connectionDirection(p.connection, p.dataDirection, p.dsn);
                if ((state[cd] & HAS_DATA) == 0) {
                    state[cd] |= HAS_DATA;
                    firstData[cd] = p.dsn;
                }
                store.add(series(p, p.dataDirection, kind), p.relativeNanos, len, p.dsn - origin[cd],
                        p.raw.frameNumber());
            }
        }
        if (p.hasDataAck) {
            int dir = 1 - p.dataDirection; // the direction it acknowledges
            int cd = connectionDirection(p.connection, dir, p.dataAck);
            if ((state[cd] & HAS_ACK) == 0 || lastAck[cd] != p.dataAck) {
                state[cd] |= HAS_ACK;
                lastAck[cd] = p.dataAck;
                store.add(series(p, dir, DATA_ACK), p.relativeNanos, 0, p.dataAck - origin[cd], p.raw.frameNumber());
            }
        }
    }

    /** The rare packet after which the DSNs seen so far are off by {@link PacketContext#rebaseDelta}. */
    private void rebase(PacketContext p) {
        for (int dir = 0; dir < 2; dir++) {
            int cd = 2 * p.connection + dir;
            if ((p.rebased & (1 << dir)) == 0 || cd >= state.length) continue;
            origin[cd] += p.rebaseDelta[dir];
            lastAck[cd] += p.rebaseDelta[dir];
            firstData[cd] += p.rebaseDelta[dir];
        }
    }

    /** Index 2 × connection + dir, its origin set to {@code dsn} if this is the first value seen there. */
    private int connectionDirection(int connection, int dir, long dsn) {
        int cd = 2 * connection + dir;
        if (cd >= state.length) {
            int n = Math.max(cd + 2, Math.max(16, state.length * 2));
            state = Arrays.copyOf(state, n);
            origin = Arrays.copyOf(origin, n);
            lastAck = Arrays.copyOf(lastAck, n);
            firstData = Arrays.copyOf(firstData, n);
        }
        if ((state[cd] & HAS_ORIGIN) == 0) {
            state[cd] |= HAS_ORIGIN;
            origin[cd] = dsn;
        }
        return cd;
    }

    private int series(PacketContext p, int dir, int kind) {
        int slot = slot(p.tcpStream, p.connection, p.subflow);
        int k = slot * 8 + dir * 4 + kind;
        int id = slotSeries[k];
        if (id >= 0) return id;
        id = seriesCount++;
        if (id == seriesSlot.length) {
            seriesSlot = Arrays.copyOf(seriesSlot, id * 2);
            seriesCode = Arrays.copyOf(seriesCode, id * 2);
        }
        seriesSlot[id] = slot;
        seriesCode[id] = dir * 4 + kind;
        slotSeries[k] = id;
        return id;
    }

    private int slot(int stream, int connection, int subflow) {
        int s = slots.find(stream);
        if (s >= 0) return s;
        s = slots.add(stream, connection, subflow);
        slotSeries = DataLevel.grow(slotSeries, s * 8 + 7, -1);
        return s;
    }

    /** Columns of {@value #NAME} (a contract). */
    public static DataTable table(String title) {
        return new DataTable(NAME, title, List.of(
                Column.text("capture", "capture file name"),
                Column.integer("connection", "", "MPTCP connection index"),
                Column.text("direction", "c2s | s2c: the direction of the data (for a data ACK: the direction it "
                        + "acknowledges)"),
                Column.integer("subflow", "", "subflow that carried the frame"),
                Column.integer("tcp_stream", "", "tcp.stream of that subflow"),
                Column.seconds("time", "relative to the capture's first packet"),
                Column.integer("frame", "", "frame number (Wireshark's frame.number)"),
                Column.text("kind", "data (neither of the next two) | "
                        + "reinjection (earlier frames of another subflow carried some of its bytes) | "
                        + "retransmission (tshark's tcp.analysis.retransmission) | data_ack (the data ACK changed)"),
                Column.integer("dsn", "", "data sequence number of the frame's first byte, or the data ACK, "
                        + DsnOrigin.RULE + " (as table reinjections)"),
                Column.integer("length", "B", "payload bytes of the frame; empty for a data ACK")));
    }

    @Override
    public List<DataTable> finish(String capture, TrackingView tracking) {
        int n = store.size();
        String title = "Data sequence numbers and data ACKs over time";
        if (store.bucketNanos() > 0) {
            title += String.format(Locale.ROOT, "; %d of %d points kept: lowest and highest DSN per series and "
                    + "%s ms", n, store.added(), DataLevel.plain(store.bucketNanos() / 1e6)) + " bucket";
        }
        DataTable t = table(title);
        // locals, so that the rows made on access hold these arrays and not the collector
        RttSampleStore store = this.store;
        StreamSlots slots = this.slots;
        int[] seriesSlot = this.seriesSlot, seriesCode = this.seriesCode;
        int[] order = IntOrder.sorted(n, (a, b) -> { // connection, direction, frame, kind
            int sa = store.series(a), sb = store.series(b);
            int ka = 2 * slots.connection(seriesSlot[sa]) + (seriesCode[sa] >> 2);
            int kb = 2 * slots.connection(seriesSlot[sb]) + (seriesCode[sb] >> 2);
            if (ka != kb) return Integer.compare(ka, kb);
            if (store.frame(a) != store.frame(b)) return Long.compare(store.frame(a), store.frame(b));
            return Integer.compare(seriesCode[sa] & 3, seriesCode[sb] & 3);
        });
        long[] shift = new long[state.length]; // origin - DsnOrigin per connection direction
        for (int cd = 0; cd < state.length; cd++) {
            if ((state[cd] & HAS_ORIGIN) != 0) {
                // without data, the first value seen (origin) is the first data ACK
                shift[cd] = origin[cd] - DsnOrigin.of(tracking, cd >> 1, cd & 1, (state[cd] & HAS_DATA) != 0,
                        firstData[cd], origin[cd]);
            }
        }
        return List.of(DataTable.generated(NAME, title, t.columns(), n, r -> {
            int i = order[r];
            int id = store.series(i);
            int slot = seriesSlot[id], code = seriesCode[id];
            int dir = code >> 2, kind = code & 3;
            int c = slots.connection(slot);
            long dsn = store.rtt(i) + shift[2 * c + dir];
            return new Object[] {capture, (long) c, DataLevel.DIRECTION[dir], (long) slots.subflow(slot),
                    (long) slots.stream(slot), DataLevel.seconds(store.time(i)), store.frame(i), KIND[kind], dsn,
                    kind == DATA_ACK ? null : store.seq(i)};
        }));
    }
}
