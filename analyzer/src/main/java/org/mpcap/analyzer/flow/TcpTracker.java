package org.mpcap.analyzer.flow;

import java.util.ArrayList;
import java.util.List;
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
 * <p>Per packet, the lookup is an open-addressing hash table over primitive arrays: nothing is allocated for a
 * packet of a known conversation. Memory grows with the number of conversations only.
 *
 * <p>Not thread-safe; one tracker per analysis.
 */
public final class TcpTracker {
    private static final int DIR_AB = 0, DIR_BA = 1;
    /** Ports below this are taken as server ports when no handshake tells who the client is. */
    private static final int WELL_KNOWN_PORT_LIMIT = 1024;

    private long[] keyAHi, keyALo, keyBHi, keyBLo;
    /** aPort << 16 | bPort. */
    private int[] keyPorts;
    /** stream index + 1; 0 = empty slot. */
    private int[] slotValue;
    private int mask;
    private int used;

    private final List<Stream> streams = new ArrayList<>();

    private Stream last;
    private int lastDir;

    public TcpTracker() {
        allocate(1024);
    }

    private void allocate(int capacity) {
        keyAHi = new long[capacity];
        keyALo = new long[capacity];
        keyBHi = new long[capacity];
        keyBLo = new long[capacity];
        keyPorts = new int[capacity];
        slotValue = new int[capacity];
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
        Stream s = last;
        int dir;
        if (s != null && s.matches(sHi, sLo, sPort, dHi, dLo, dPort)) {
            dir = DIR_AB;
        } else if (s != null && s.matches(dHi, dLo, dPort, sHi, sLo, sPort)) {
            dir = DIR_BA;
        } else {
            s = lookup(sHi, sLo, sPort, dHi, dLo, dPort);
            dir = lookupDir;
        }

        int flags = tcp.flags();
        int seq = tcp.seq();
        boolean syn = (flags & TcpView.SYN) != 0, ack = (flags & TcpView.ACK) != 0;
        if (syn && !ack && s.baseSeqSet[dir] && seq != s.baseSeq[dir]) {
            // Wireshark: a SYN with another ISN on a known 4-tuple is a new conversation ("port numbers reused").
            int ports = (s.aPort << 16) | s.bPort;
            s = newStream(s.aHi, s.aLo, s.bHi, s.bLo, ports, dir, sPort, dPort);
            slotValue[findSlot(s.aHi, s.aLo, s.bHi, s.bLo, ports)] = s.index + 1;
        } else if (syn && ack && s.baseSeqSet[dir] && seq != s.baseSeq[dir]) {
            s.baseSeq[dir] = seq;
        }
        if (!s.baseSeqSet[dir]) {
            s.baseSeq[dir] = syn ? seq : seq - 1;
            s.baseSeqSet[dir] = true;
        }
        if (ack && !s.baseSeqSet[1 - dir]) {
            s.baseSeq[1 - dir] = tcp.ack() - 1;
            s.baseSeqSet[1 - dir] = true;
        }
        s.update(dir, flags, tcp.payloadLength(), relativeNanos);
        last = s;
        lastDir = dir;
        return s.index;
    }

    /** Direction of the packet passed to the last {@link #lookup}. */
    private int lookupDir;

    /** The conversation of a 4-tuple in the hash table, opened if unknown; sets {@link #lookupDir}. */
    private Stream lookup(long sHi, long sLo, int sPort, long dHi, long dLo, int dPort) {
        boolean srcIsA = FlowKey.compare(sHi, sLo, sPort, dHi, dLo, dPort) <= 0;
        long aHi = srcIsA ? sHi : dHi, aLo = srcIsA ? sLo : dLo, bHi = srcIsA ? dHi : sHi, bLo = srcIsA ? dLo : sLo;
        int ports = srcIsA ? (sPort << 16) | dPort : (dPort << 16) | sPort;
        int dir = srcIsA ? DIR_AB : DIR_BA;
        lookupDir = dir;

        int slot = findSlot(aHi, aLo, bHi, bLo, ports);
        Stream s;
        if (slotValue[slot] != 0) {
            s = streams.get(slotValue[slot] - 1);
        } else {
            s = newStream(aHi, aLo, bHi, bLo, ports, dir, sPort, dPort);
            keyAHi[slot] = aHi;
            keyALo[slot] = aLo;
            keyBHi[slot] = bHi;
            keyBLo[slot] = bLo;
            keyPorts[slot] = ports;
            slotValue[slot] = s.index + 1;
            if (++used * 2 > keyPorts.length) rehash();
        }
        return s;
    }

    /** True if the last packet passed to {@link #onPacket} went from its conversation's client to its server. */
    public boolean lastFromClient() { return lastDir == last.clientDir; }

    /** Number of conversations so far. */
    public int streamCount() { return streams.size(); }

    /** Client endpoint of {@code stream} as currently known (may change until a SYN or SYN/ACK is seen). */
    public Endpoint client(int stream) { return streams.get(stream).endpoint(streams.get(stream).clientDir); }

    /** Server endpoint of {@code stream}. */
    public Endpoint server(int stream) { return streams.get(stream).endpoint(1 - streams.get(stream).clientDir); }

    /** Immutable copies of every conversation, in {@code tcp.stream} order. */
    public List<TcpStreamInfo> streams() {
        List<TcpStreamInfo> out = new ArrayList<>(streams.size());
        for (Stream s : streams) out.add(s.info());
        return List.copyOf(out);
    }

    private Stream newStream(long aHi, long aLo, long bHi, long bLo, int ports, int dir, int sPort, int dPort) {
        Stream s = new Stream(streams.size(), aHi, aLo, ports >>> 16, bHi, bLo, ports & 0xffff);
        // Without a handshake: the first sender is the client, unless it sends from a well-known port to a
        // non-well-known one (then the capture probably started with a server reply).
        boolean firstIsServer = sPort < WELL_KNOWN_PORT_LIMIT && dPort >= WELL_KNOWN_PORT_LIMIT;
        s.clientDir = firstIsServer ? 1 - dir : dir;
        streams.add(s);
        return s;
    }

    private int findSlot(long aHi, long aLo, long bHi, long bLo, int ports) {
        int i = hash(aHi, aLo, bHi, bLo, ports) & mask;
        while (slotValue[i] != 0) {
            if (keyPorts[i] == ports && keyALo[i] == aLo && keyBLo[i] == bLo && keyAHi[i] == aHi
                    && keyBHi[i] == bHi) {
                return i;
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
        long[] oAHi = keyAHi, oALo = keyALo, oBHi = keyBHi, oBLo = keyBLo;
        int[] oPorts = keyPorts, oVal = slotValue;
        allocate(oPorts.length * 2);
        for (int i = 0; i < oPorts.length; i++) {
            if (oVal[i] == 0) continue;
            int slot = findSlot(oAHi[i], oALo[i], oBHi[i], oBLo[i], oPorts[i]);
            keyAHi[slot] = oAHi[i];
            keyALo[slot] = oALo[i];
            keyBHi[slot] = oBHi[i];
            keyBLo[slot] = oBLo[i];
            keyPorts[slot] = oPorts[i];
            slotValue[slot] = oVal[i];
            used++;
        }
    }

    /** Mutable per-conversation state; allocated once per conversation. Index 0 = A→B, 1 = B→A. */
    private static final class Stream {
        final int index;
        final long aHi, aLo, bHi, bLo;
        final int aPort, bPort;
        int clientDir;
        boolean clientFromHandshake;
        final int[] baseSeq = new int[2];
        final boolean[] baseSeqSet = new boolean[2];
        final long[] packets = new long[2], bytes = new long[2];
        final long[] first = {-1, -1}, last = {-1, -1}, fin = {-1, -1}, rst = {-1, -1};
        long syn = -1, synAck = -1, thirdAck = -1;

        Stream(int index, long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
            this.index = index;
            this.aHi = aHi;
            this.aLo = aLo;
            this.aPort = aPort;
            this.bHi = bHi;
            this.bLo = bLo;
            this.bPort = bPort;
        }

        /** True if this conversation's A side is (hi1, lo1, port1) and its B side (hi2, lo2, port2). */
        boolean matches(long hi1, long lo1, int port1, long hi2, long lo2, int port2) {
            return aPort == port1 && bPort == port2 && aLo == lo1 && bLo == lo2 && aHi == hi1 && bHi == hi2;
        }

        void update(int dir, int flags, int payload, long t) {
            boolean syn = (flags & TcpView.SYN) != 0, ack = (flags & TcpView.ACK) != 0;
            if (syn && !ack) {
                if (!clientFromHandshake) {
                    clientDir = dir;
                    clientFromHandshake = true;
                }
                if (this.syn < 0) this.syn = t;
            } else if (syn) {
                if (!clientFromHandshake) {
                    clientDir = 1 - dir;
                    clientFromHandshake = true;
                }
                if (synAck < 0) synAck = t;
            } else if (ack && synAck >= 0 && thirdAck < 0 && dir == clientDir) {
                thirdAck = t;
            }
            packets[dir]++;
            bytes[dir] += payload;
            if (first[dir] < 0) first[dir] = t;
            last[dir] = t;
            if ((flags & TcpView.FIN) != 0 && fin[dir] < 0) fin[dir] = t;
            if ((flags & TcpView.RST) != 0 && rst[dir] < 0) rst[dir] = t;
        }

        Endpoint endpoint(int side) {
            return side == DIR_AB ? new Endpoint(aHi, aLo, aPort) : new Endpoint(bHi, bLo, bPort);
        }

        TcpStreamInfo.Direction direction(int d) {
            return new TcpStreamInfo.Direction(packets[d], bytes[d], first[d], last[d], fin[d], rst[d]);
        }

        TcpStreamInfo info() {
            long f = first[0] < 0 ? first[1] : first[1] < 0 ? first[0] : Math.min(first[0], first[1]);
            long l = Math.max(last[0], last[1]);
            return new TcpStreamInfo(index, endpoint(clientDir), endpoint(1 - clientDir), clientFromHandshake,
                    direction(clientDir), direction(1 - clientDir), syn, synAck, thirdAck, f, l);
        }
    }
}
