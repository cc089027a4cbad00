package org.mpcap.analyzer.flow;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import org.mpcap.analyzer.decode.IpView;
import org.mpcap.analyzer.decode.TcpView;

/**
 * Numbers TCP conversations exactly like Wireshark 4.0's {@code tcp.stream} and keeps per-direction counters.
 *
 * <p>Numbering (packet-tcp.c, {@code dissect_tcp}, Wireshark 4.0): a conversation is keyed by the two addresses
 * and ports only; the first packet of an unknown 4-tuple opens stream {@code n++}. A pure SYN (SYN without ACK)
 * on a known 4-tuple opens a new stream when its sequence number differs from the "base sequence number" of its
 * direction — so a SYN retransmission stays in the stream, and so does a new connection that reuses the same ISN
 * even after FIN or RST (checked with tshark 4.0.17). The base sequence number of a direction is set by the
 * first segment seen in it ({@code seq} for a SYN, {@code seq - 1} otherwise) or, earlier, by the first ACK of the
 * other direction ({@code ack - 1}); a SYN/ACK with another sequence number replaces it.
 *
 * <p>State is primitive and compact, because a capture may hold millions of conversations (a SYN flood, a scan):
 * each conversation is one record of 21 longs (168 bytes) in pages of 1024 records
 * (grown a page at a time, never copied), and the 4-tuple index is an open-addressing table of two ints per slot
 * (stream and hash) that compares keys against the records. Per packet nothing is allocated; a million
 * conversations take about 200 MB. Results are views over the records ({@link #streams()}), not copies.
 *
 * <p>Not thread-safe; one tracker per analysis.
 */
public final class TcpTracker implements StreamAddresses {
    private static final int DIR_AB = 0, DIR_BA = 1;
    /** Ports below this are taken as server ports when no handshake tells who the client is. */
    private static final int WELL_KNOWN_PORT_LIMIT = 1024;

    // One record per conversation; index 0/1 of a pair = direction A→B / B→A (A = the smaller endpoint).
    private static final int A_HI = 0, A_LO = 1, B_HI = 2, B_LO = 3;
    /** aPort << 16 | bPort in the low 32 bits, then the META_* flag bits. */
    private static final int META = 4;
    /** Base sequence number of A→B in the low 32 bits, of B→A in the high 32 bits. */
    private static final int BASE_SEQ = 5;
    private static final int PACKETS = 6, BYTES = 8, FIRST = 10, LAST = 12, FIN = 14, RST = 16;
    private static final int SYN = 18, SYN_ACK = 19, THIRD_ACK = 20;
    static final int STRIDE = 21;
    private static final long META_CLIENT_BA = 1L << 32, META_FROM_HANDSHAKE = 1L << 33, META_BASE_SET = 1L << 34;
    private static final int PAGE_BITS = 10;
    static final int PAGE = 1 << PAGE_BITS;
    /** Fields that start at -1 (not seen). */
    private static final long[] FRESH = new long[STRIDE];
    static {
        for (int f = FIRST; f <= THIRD_ACK; f++) FRESH[f] = -1;
    }

    private long[][] pages = new long[16][];
    private int count;

    /** 4-tuple index: stream + 1 per slot (0 = empty) and the slot's key hash. */
    private int[] slotStream, slotHash;
    private int mask, used;

    /** The last packet's conversation: its index, record page and offset, and direction. */
    private int last = -1;
    private long[] lastPage;
    private int lastOff, lastDir;

    public TcpTracker() {
        allocate(1024);
    }

    private void allocate(int capacity) {
        slotStream = new int[capacity];
        slotHash = new int[capacity];
        mask = capacity - 1;
        used = 0;
    }

    /**
     * Assigns the current TCP segment (decoder views, valid for this call only) to a conversation and updates its
     * counters.
     *
     * @param relativeNanos capture time relative to the capture's first packet
     * @return the {@code tcp.stream} index
     */
    public int onPacket(IpView ip, TcpView tcp, long relativeNanos) {
        long sHi = ip.srcHi(), sLo = ip.srcLo(), dHi = ip.dstHi(), dLo = ip.dstLo();
        int sPort = tcp.srcPort(), dPort = tcp.dstPort();
        // Packets come in runs of one conversation: try the last one before hashing. The last stream is always
        // the one its 4-tuple maps to (only a SYN on that 4-tuple replaces it, and that SYN's stream becomes last).
        int s = last;
        long[] p = lastPage;
        int o = lastOff;
        int dir;
        if (s >= 0 && matches(p, o, sHi, sLo, sPort, dHi, dLo, dPort)) {
            dir = DIR_AB;
        } else if (s >= 0 && matches(p, o, dHi, dLo, dPort, sHi, sLo, sPort)) {
            dir = DIR_BA;
        } else {
            s = lookup(sHi, sLo, sPort, dHi, dLo, dPort);
            dir = lookupDir;
            p = pages[s >>> PAGE_BITS];
            o = (s & (PAGE - 1)) * STRIDE;
        }

        int flags = tcp.flags();
        int seq = tcp.seq();
        boolean syn = (flags & TcpView.SYN) != 0, ack = (flags & TcpView.ACK) != 0;
        long meta = p[o + META];
        if (syn && !ack && baseSet(meta, dir) && seq != baseSeq(p, o, dir)) {
            // Wireshark: a SYN with another ISN on a known 4-tuple is a new conversation ("port numbers reused").
            int ports = (int) meta;
            s = newStream(p[o + A_HI], p[o + A_LO], p[o + B_HI], p[o + B_LO], ports, dir, sPort, dPort);
            int h = hash(p[o + A_HI], p[o + A_LO], p[o + B_HI], p[o + B_LO], ports);
            slotStream[findSlot(p[o + A_HI], p[o + A_LO], p[o + B_HI], p[o + B_LO], ports, h)] = s + 1;
            p = pages[s >>> PAGE_BITS];
            o = (s & (PAGE - 1)) * STRIDE;
            meta = p[o + META];
        } else if (syn && ack && baseSet(meta, dir) && seq != baseSeq(p, o, dir)) {
            setBaseSeq(p, o, dir, seq);
        }
        if (!baseSet(meta, dir)) {
            setBaseSeq(p, o, dir, syn ? seq : seq - 1);
            meta |= META_BASE_SET << dir;
        }
        if (ack && !baseSet(meta, 1 - dir)) {
            setBaseSeq(p, o, 1 - dir, tcp.ack() - 1);
            meta |= META_BASE_SET << (1 - dir);
        }
        p[o + META] = update(p, o, meta, dir, flags, tcp.payloadLength(), relativeNanos);
        last = s;
        lastPage = p;
        lastOff = o;
        lastDir = dir;
        return s;
    }

    private static boolean baseSet(long meta, int dir) { return (meta & (META_BASE_SET << dir)) != 0; }

    private static int baseSeq(long[] p, int o, int dir) { return (int) (p[o + BASE_SEQ] >>> (32 * dir)); }

    private static void setBaseSeq(long[] p, int o, int dir, int seq) {
        int shift = 32 * dir;
        p[o + BASE_SEQ] = (p[o + BASE_SEQ] & ~(0xffff_ffffL << shift)) | ((seq & 0xffff_ffffL) << shift);
    }

    private static int clientDir(long meta) { return (meta & META_CLIENT_BA) != 0 ? DIR_BA : DIR_AB; }

    private static long withClientDir(long meta, int dir) {
        return dir == DIR_BA ? meta | META_CLIENT_BA : meta & ~META_CLIENT_BA;
    }

    /** Counts one segment of direction {@code dir} in the record at (p, o); returns the new META word. */
    private static long update(long[] p, int o, long meta, int dir, int flags, int payload, long t) {
        boolean syn = (flags & TcpView.SYN) != 0, ack = (flags & TcpView.ACK) != 0;
        if (syn && !ack) {
            if ((meta & META_FROM_HANDSHAKE) == 0) meta = withClientDir(meta, dir) | META_FROM_HANDSHAKE;
            if (p[o + SYN] < 0) p[o + SYN] = t;
        } else if (syn) {
            if ((meta & META_FROM_HANDSHAKE) == 0) meta = withClientDir(meta, 1 - dir) | META_FROM_HANDSHAKE;
            if (p[o + SYN_ACK] < 0) p[o + SYN_ACK] = t;
        } else if (ack && p[o + SYN_ACK] >= 0 && p[o + THIRD_ACK] < 0 && dir == clientDir(meta)) {
            p[o + THIRD_ACK] = t;
        }
        p[o + PACKETS + dir]++;
        p[o + BYTES + dir] += payload;
        if (p[o + FIRST + dir] < 0) p[o + FIRST + dir] = t;
        p[o + LAST + dir] = t;
        if ((flags & TcpView.FIN) != 0 && p[o + FIN + dir] < 0) p[o + FIN + dir] = t;
        if ((flags & TcpView.RST) != 0 && p[o + RST + dir] < 0) p[o + RST + dir] = t;
        return meta;
    }

    /** True if the record's A side is (hi1, lo1, port1) and its B side (hi2, lo2, port2). */
    private static boolean matches(long[] p, int o, long hi1, long lo1, int port1, long hi2, long lo2, int port2) {
        return (int) p[o + META] == ((port1 << 16) | port2) && p[o + A_LO] == lo1 && p[o + B_LO] == lo2
                && p[o + A_HI] == hi1 && p[o + B_HI] == hi2;
    }

    /** Direction of the packet passed to the last {@link #lookup}. */
    private int lookupDir;

    /** The conversation of a 4-tuple in the hash table, opened if unknown; sets {@link #lookupDir}. */
    private int lookup(long sHi, long sLo, int sPort, long dHi, long dLo, int dPort) {
        boolean srcIsA = FlowKey.compare(sHi, sLo, sPort, dHi, dLo, dPort) <= 0;
        long aHi = srcIsA ? sHi : dHi, aLo = srcIsA ? sLo : dLo, bHi = srcIsA ? dHi : sHi, bLo = srcIsA ? dLo : sLo;
        int ports = srcIsA ? (sPort << 16) | dPort : (dPort << 16) | sPort;
        int dir = srcIsA ? DIR_AB : DIR_BA;
        lookupDir = dir;

        int h = hash(aHi, aLo, bHi, bLo, ports);
        int slot = findSlot(aHi, aLo, bHi, bLo, ports, h);
        if (slotStream[slot] != 0) return slotStream[slot] - 1;
        int s = newStream(aHi, aLo, bHi, bLo, ports, dir, sPort, dPort);
        slotStream[slot] = s + 1;
        slotHash[slot] = h;
        if (++used * 2 > slotStream.length) rehash();
        return s;
    }

    /** True if the last packet passed to {@link #onPacket} went from its conversation's client to its server. */
    public boolean lastFromClient() { return lastDir == clientDir(lastPage[lastOff + META]); }

    /** Number of conversations so far. */
    public int streamCount() { return count; }

    /** Client endpoint of {@code stream} as currently known (may change until a SYN or SYN/ACK is seen). */
    public Endpoint client(int stream) {
        long[] p = pages[stream >>> PAGE_BITS];
        int o = (stream & (PAGE - 1)) * STRIDE;
        return endpoint(p, o, clientDir(p[o + META]));
    }

    @Override
    public boolean hasAddress(int stream, long hi, long lo) {
        long[] p = pages[stream >>> PAGE_BITS];
        int o = (stream & (PAGE - 1)) * STRIDE;
        return (p[o + A_LO] == lo && p[o + A_HI] == hi) || (p[o + B_LO] == lo && p[o + B_HI] == hi);
    }

    /** Server endpoint of {@code stream}. */
    public Endpoint server(int stream) {
        long[] p = pages[stream >>> PAGE_BITS];
        int o = (stream & (PAGE - 1)) * STRIDE;
        return endpoint(p, o, 1 - clientDir(p[o + META]));
    }

    /**
     * Every conversation, in {@code tcp.stream} order: a read-only view over the tracker's records whose elements
     * are made on access (a million conversations are not a million objects). Read it after the pass; an element
     * read before the last packet shows the conversation as it was then.
     */
    public List<TcpStreamInfo> streams() {
        return new StreamList(count);
    }

    /** The conversations there were when it was made (a live view asks in the middle of a pass). */
    private final class StreamList extends AbstractList<TcpStreamInfo> implements RandomAccess {
        private final int size;

        StreamList(int size) { this.size = size; }

        @Override
        public TcpStreamInfo get(int i) {
            if (i < 0 || i >= size) throw new IndexOutOfBoundsException(i);
            return info(i);
        }

        @Override
        public int size() { return size; }
    }

    private int newStream(long aHi, long aLo, long bHi, long bLo, int ports, int dir, int sPort, int dPort) {
        int s = count;
        int page = s >>> PAGE_BITS;
        if (page == pages.length) pages = Arrays.copyOf(pages, pages.length * 2);
        if (pages[page] == null) pages[page] = new long[PAGE * STRIDE];
        long[] p = pages[page];
        int o = (s & (PAGE - 1)) * STRIDE;
        System.arraycopy(FRESH, 0, p, o, STRIDE);
        p[o + A_HI] = aHi;
        p[o + A_LO] = aLo;
        p[o + B_HI] = bHi;
        p[o + B_LO] = bLo;
        // Without a handshake: the first sender is the client, unless it sends from a well-known port to a
        // non-well-known one (then the capture probably started with a server reply).
        boolean firstIsServer = sPort < WELL_KNOWN_PORT_LIMIT && dPort >= WELL_KNOWN_PORT_LIMIT;
        p[o + META] = withClientDir(ports & 0xffff_ffffL, firstIsServer ? 1 - dir : dir);
        count++;
        return s;
    }

    private int findSlot(long aHi, long aLo, long bHi, long bLo, int ports, int h) {
        int i = h & mask;
        int v;
        while ((v = slotStream[i]) != 0) {
            if (slotHash[i] == h) {
                int s = v - 1;
                if (matches(pages[s >>> PAGE_BITS], (s & (PAGE - 1)) * STRIDE, aHi, aLo, ports >>> 16, bHi, bLo,
                        ports & 0xffff)) {
                    return i;
                }
            }
            i = (i + 1) & mask;
        }
        return i;
    }

    private static int hash(long aHi, long aLo, long bHi, long bLo, int ports) {
        long h = aLo * 0x9E3779B97F4A7C15L;
        h = (h ^ bLo) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ aHi ^ (bHi << 1)) * 0x165667B19E3779F9L;
        h = (h ^ ports) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private void rehash() {
        int[] oStream = slotStream, oHash = slotHash;
        allocate(oStream.length * 2);
        for (int i = 0; i < oStream.length; i++) {
            if (oStream[i] == 0) continue;
            int j = oHash[i] & mask;
            while (slotStream[j] != 0) j = (j + 1) & mask;
            slotStream[j] = oStream[i];
            slotHash[j] = oHash[i];
            used++;
        }
    }

    private static Endpoint endpoint(long[] p, int o, int side) {
        int ports = (int) p[o + META];
        return side == DIR_AB ? new Endpoint(p[o + A_HI], p[o + A_LO], ports >>> 16)
                : new Endpoint(p[o + B_HI], p[o + B_LO], ports & 0xffff);
    }

    private static TcpStreamInfo.Direction direction(long[] p, int o, int d) {
        return new TcpStreamInfo.Direction(p[o + PACKETS + d], p[o + BYTES + d], p[o + FIRST + d], p[o + LAST + d],
                p[o + FIN + d], p[o + RST + d]);
    }

    private TcpStreamInfo info(int s) {
        long[] p = pages[s >>> PAGE_BITS];
        int o = (s & (PAGE - 1)) * STRIDE;
        long meta = p[o + META];
        int c = clientDir(meta);
        long f0 = p[o + FIRST], f1 = p[o + FIRST + 1];
        long f = f0 < 0 ? f1 : f1 < 0 ? f0 : Math.min(f0, f1);
        long l = Math.max(p[o + LAST], p[o + LAST + 1]);
        return new TcpStreamInfo(s, endpoint(p, o, c), endpoint(p, o, 1 - c), (meta & META_FROM_HANDSHAKE) != 0,
                direction(p, o, c), direction(p, o, 1 - c), p[o + SYN], p[o + SYN_ACK], p[o + THIRD_ACK], f, l);
    }
}
