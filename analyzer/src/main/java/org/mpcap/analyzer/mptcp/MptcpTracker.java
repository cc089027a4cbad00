package org.mpcap.analyzer.mptcp;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import org.mpcap.analyzer.decode.IpView;
import org.mpcap.analyzer.decode.TcpView;
import org.mpcap.analyzer.decode.mptcp.DataSequence;
import org.mpcap.analyzer.decode.mptcp.MptcpCrypto;
import org.mpcap.analyzer.decode.mptcp.MptcpOption;
import org.mpcap.analyzer.decode.mptcp.MptcpOptionDecoder;
import org.mpcap.analyzer.decode.mptcp.MptcpSubtype;
import org.mpcap.analyzer.flow.Endpoint;
import org.mpcap.analyzer.flow.StreamAddresses;
import org.mpcap.analyzer.flow.TcpTracker;
import org.mpcap.analyzer.flow.TcpStreamInfo;

/**
 * Groups TCP streams into MPTCP connections and numbers the connections like Wireshark 4.0's {@code mptcp.stream}.
 *
 * <p><b>Grouping.</b> MP_CAPABLE opens a connection on its TCP stream; its keys (v0: SYN, SYN/ACK and third ACK;
 * v1: SYN/ACK for the server key, third ACK or first data packet for the client key — RFC 8684 §3.1) give the
 * tokens and IDSNs ({@link MptcpCrypto}). An MP_JOIN SYN attaches its stream to the connection whose token it
 * carries (RFC 8684 §3.2); an unknown token opens a partial connection under that token. A stream whose first
 * MPTCP option is something else (capture started after its handshake) is matched to a known connection by
 * data-sequence evidence: a DSS data sequence number or data ACK within {@link #DSN_MATCH_WINDOW} of what that
 * connection has used in one direction — for a 4-byte value, only together with address evidence (one of its
 * addresses is used by a subflow of that connection); failing that it opens a partial connection of its own.
 *
 * <p><b>Numbering.</b> Wireshark gives a connection its {@code mptcp.stream} at the first MPTCP option of it that
 * carries a key or token, or is any subtype other than MP_CAPABLE (packet-tcp.c {@code dissect_tcpopt_mptcp},
 * {@code mptcp_alloc_analysis}); so a v1 connection is numbered at its SYN/ACK, not its SYN. This tracker does
 * the same; connections Wireshark never numbers (a v1 MP_CAPABLE SYN unanswered, or answered without MPTCP) are
 * numbered after all others at the end of the pass, and their packets carry connection -1 during the pass.
 *
 * <p>Per packet, nothing is allocated for a known subflow; memory grows with subflows and connections, kept in
 * fields and primitive tables (tokens: {@link TokenMap}) so that a million connections fit the default heap.
 * Not thread-safe.
 */
public final class MptcpTracker {
    /** How close (in data-sequence bytes) a partial subflow's DSN or data ACK must be to a connection's. */
    public static final long DSN_MATCH_WINDOW = 16L << 20;
    /** MP_CAPABLE of the third ACK: both keys, no data-level length (RFC 8684 §3.1, Figure 4). */
    static final int MP_CAPABLE_ACK_LENGTH = 20;

    private Sub[] byStream = new Sub[256];
    /** The streams' addresses (the TCP tracker's), for the address evidence of 4-byte DSNs. */
    private final StreamAddresses addresses;
    /** The addresses of each stream's first MPTCP packet, when no TCP tracker keeps them (tests); else null. */
    private final RememberedAddresses remembered;
    /** The current packet's source and destination addresses (set for a stream not yet in a connection). */
    private long srcHi, srcLo, dstHi, dstLo;
    private final List<Conn> conns = new ArrayList<>();
    private final TokenMap byToken = new TokenMap();
    /**
     * Connections by data-sequence evidence, for partial streams: of 8-byte and of 4-byte values, each null until
     * the first partial stream with a value of that width.
     */
    private EvidenceIndex evidence64, evidence32;
    private int nextIndex;

    private int lastConnection = -1, lastSubflow = -1;
    // what the last packet carried at the data level (see the accessors)
    private int lastDirection = -1;
    private boolean lastHasDsn, lastHasDataAck, lastHasMapping, lastMappingDataFin, lastHasIdsn;
    private long lastDsn, lastDataAck, lastMappingDsn, lastIdsn;
    private int lastMappingLength;
    private int lastRebased;
    private final long[] lastRebaseDelta = new long[2];

    /**
     * A tracker fed the streams {@code streams} numbers (its {@link TcpTracker#onPacket} runs first for every packet,
     * as in the pass).
     */
    public MptcpTracker(StreamAddresses streams) {
        this.addresses = java.util.Objects.requireNonNull(streams);
        this.remembered = null;
    }

    /**
     * A tracker fed stream numbers of the caller's own (tests): it remembers the addresses of each stream's first
     * MPTCP packet itself.
     */
    public MptcpTracker() {
        this.remembered = new RememberedAddresses();
        this.addresses = remembered;
    }

    /** Both addresses of a stream's first MPTCP packet, by stream. */
    private static final class RememberedAddresses implements StreamAddresses {
        private long[] a = new long[0];

        void remember(int stream, long srcHi, long srcLo, long dstHi, long dstLo) {
            if (4 * stream + 3 >= a.length) a = Arrays.copyOf(a, Math.max(4 * stream + 4, a.length * 2));
            a[4 * stream] = srcHi;
            a[4 * stream + 1] = srcLo;
            a[4 * stream + 2] = dstHi;
            a[4 * stream + 3] = dstLo;
        }

        @Override
        public boolean hasAddress(int stream, long hi, long lo) {
            int i = 4 * stream;
            return (a[i] == hi && a[i + 1] == lo) || (a[i + 2] == hi && a[i + 3] == lo);
        }
    }

    /**
     * Processes the MPTCP options of the current TCP segment (decoder views, valid for this call only).
     *
     * @param stream     the segment's {@code tcp.stream}
     * @param fromClient true if the segment goes from the stream's client to its server
     */
    public void onPacket(IpView ip, TcpView tcp, MptcpOptionDecoder options, int stream, boolean fromClient,
                         long relativeNanos) {
        Sub sf = stream < byStream.length ? byStream[stream] : null;
        int n = options.count();
        lastHasDsn = false;
        lastHasDataAck = false;
        lastHasMapping = false;
        lastRebased = 0;
        if (sf == null && n == 0) {
            lastConnection = -1;
            lastSubflow = -1;
            lastDirection = -1;
            lastHasIdsn = false;
            return;
        }
        if (sf == null) {
            if (stream >= byStream.length) byStream = Arrays.copyOf(byStream, Math.max(stream + 1, byStream.length * 2));
            sf = new Sub(stream);
            byStream[stream] = sf;
            if (remembered != null) remembered.remember(stream, ip.srcHi(), ip.srcLo(), ip.dstHi(), ip.dstLo());
        }
        if (sf.conn == null) { // for the address evidence of a stream grouped by its DSS
            srcHi = ip.srcHi();
            srcLo = ip.srcLo();
            dstHi = ip.dstHi();
            dstLo = ip.dstLo();
        }
        int flags = tcp.flags();
        if ((flags & TcpView.SYN) != 0) sf.setIsn(fromClient, tcp.seq());
        for (int i = 0; i < n; i++) {
            MptcpOption o = options.get(i);
            // DSS on nearly every segment; the rest, a few per connection, in a method of their own so that the
            // per-packet code the JIT compiles stays small
            if (o.subtype() == MptcpSubtype.DSS) dss(sf, o, fromClient);
            else option(sf, o, flags, fromClient, relativeNanos);
        }
        if (sf.conn != null && sf.conn.index >= 0) {
            lastConnection = sf.conn.index;
            lastSubflow = sf.index;
            lastDirection = sf.connDir(fromClient);
            lastHasIdsn = sf.conn.hasKey(lastDirection);
            lastIdsn = sf.conn.idsn(lastDirection);
            int payload = tcp.payloadLength();
            if (payload > 0 && (flags & TcpView.SYN) == 0) segmentDsn(sf, fromClient, tcp.seq(), payload);
        } else {
            lastConnection = -1;
            lastSubflow = -1;
            lastDirection = -1;
            lastHasIdsn = false;
        }
    }

    /**
     * The data sequence number of a segment's first payload byte: the mapping of its subflow that covers its
     * subflow sequence number (relative to the ISN, RFC 8684 §3.3.1: "the subflow sequence number is relative to
     * the initial sequence number of the subflow"), newest mapping first. Needs the subflow's SYN (its ISN),
     * as Wireshark's {@code mptcp.analyze_mappings}.
     */
    private void segmentDsn(Sub sf, boolean fromClient, int seq, int payload) {
        int sd = fromClient ? 0 : 1;
        long[] ring = sd == 0 ? sf.map0 : sf.map1;
        if (ring == null || !sf.hasIsn(sd)) return;
        int rel = seq - (sd == 0 ? sf.isn0 : sf.isn1);
        int count = sd == 0 ? sf.mapCount0 : sf.mapCount1, h = sd == 0 ? sf.mapHead0 : sf.mapHead1;
        int mask = (ring.length >> 1) - 1;
        for (int k = 0; k < count; k++) {
            int i = ((h - k) & mask) << 1;
            long ssnLen = ring[i];
            int off = rel - (int) (ssnLen >>> 32);
            if (off >= 0 && off < (int) ssnLen) {
                lastHasDsn = true;
                lastDsn = ring[i + 1] + off;
                return;
            }
        }
    }

    /** Connection direction of the last packet: 0 = from the connection's client, 1 = from its server; -1 if none. */
    public int lastDirection() { return lastDirection; }

    /**
     * True if the last packet carried payload whose data sequence number is known (a mapping of its subflow
     * covers it and the subflow's SYN was seen).
     */
    public boolean lastHasDsn() { return lastHasDsn; }

    /** 64-bit data sequence number of the last packet's first payload byte (valid if {@link #lastHasDsn()}). */
    public long lastDsn() { return lastDsn; }

    /** True if the last packet carried a data ACK (DSS A flag, RFC 8684 §3.3.2). */
    public boolean lastHasDataAck() { return lastHasDataAck; }

    /** The last packet's data ACK, expanded to 64 bits (valid if {@link #lastHasDataAck()}). */
    public long lastDataAck() { return lastDataAck; }

    /**
     * True if the last packet carried a mapping: a DSS mapping (M flag, RFC 8684 §3.3.1; an infinite mapping has
     * length 0) or the implicit mapping of an MP_CAPABLE carrying data (§3.1: from IDSN + 1, when the sender's
     * key is known). Its DSN is expanded to 64 bits in the sender's direction.
     */
    public boolean lastHasMapping() { return lastHasMapping; }

    /** 64-bit data sequence number where the last packet's mapping starts (valid if {@link #lastHasMapping()}). */
    public long lastMappingDsn() { return lastMappingDsn; }

    /** Data-level length of the last packet's mapping, DATA_FIN included; 0 = infinite mapping (§3.7). */
    public int lastMappingLength() { return lastMappingLength; }

    /** True if the last packet's mapping carries the DATA_FIN (DSS F flag, RFC 8684 §3.3.3). */
    public boolean lastMappingDataFin() { return lastMappingDataFin; }

    /**
     * True if the IDSN of the last packet's connection direction is known (the key of its sender was seen,
     * RFC 8684 §3.1).
     */
    public boolean lastHasIdsn() { return lastHasIdsn; }

    /** The IDSN of the last packet's connection direction (valid if {@link #lastHasIdsn()}). */
    public long lastIdsn() { return lastIdsn; }

    /**
     * Connection directions (bit d) whose 64-bit values moved at the last packet: a DSN space without key was
     * known only from 4-byte values, their upper 32 bits guessed, and this packet's 8-byte value (of a DSS, or the
     * DSN of an MP_FAIL, RFC 8684 §3.7) showed the real ones. Everything published before in direction d is
     * {@link #lastRebaseDelta(int)} off; 0 almost always.
     */
    public int lastRebased() { return lastRebased; }

    /** What to add to the values published before in direction d (valid if bit d of {@link #lastRebased()}). */
    public long lastRebaseDelta(int d) { return lastRebaseDelta[d]; }

    /** Connection index of the last packet, or -1. */
    public int lastConnection() { return lastConnection; }

    /** Subflow index (within its connection) of the last packet, or -1. */
    public int lastSubflow() { return lastSubflow; }

    private void dss(Sub sf, MptcpOption o, boolean fromClient) {
        if (sf.conn == null) attachPartial(sf, o, fromClient);
        Conn c = sf.conn;
        number(c);
        int d = sf.connDir(fromClient);
        if (o.hasMapping() && o.dsn8()) widen(c, d, o.dsn());
        if (o.hasDataAck() && o.dataAck8()) widen(c, 1 - d, o.dataAck());
        boolean indexed = evidence64 != null || evidence32 != null;
        if (indexed) filedBefore(c);
        if (o.hasMapping()) {
            long dsn = o.dsn8() ? o.dsn() : c.expand(d, o.dsn());
            mappingOfPacket(dsn, o.dataLevelLength(), o.dataFin());
            if (o.dataLevelLength() > 0) {
                // a DATA_FIN takes the mapping's last DSN but no subflow sequence number (RFC 8684 §3.3.3)
                int subflowLength = o.dataFin() ? o.dataLevelLength() - 1 : o.dataLevelLength();
                // Linux repeats a mapping on every segment it covers: only a new one changes the ranges
                boolean repeat = subflowLength > 0 && !sf.addMapping(fromClient, o.subflowSeq(), dsn, subflowLength);
                if (!repeat) c.mapping(d, dsn, o.dataLevelLength(), o.dataFin());
            } else {
                c.evidence(d, dsn);
            }
        }
        if (o.hasDataAck()) {
            long a = o.dataAck8() ? o.dataAck() : c.expand(1 - d, o.dataAck());
            c.evidence(1 - d, a);
            lastHasDataAck = true;
            lastDataAck = a;
        }
        if (indexed) fileGrowth(c);
    }

    /**
     * An 8-byte value of direction d: if the space had only 4-byte values (no key), their guessed upper 32 bits
     * are replaced by this value's, in the evidence, the data ranges and every subflow's mappings, and the move is
     * published ({@link #lastRebased()}).
     */
    private void widen(Conn c, int d, long v) {
        if (c.wide(d)) return;
        c.setWide(d);
        if (!c.hasEvidence(d)) return;
        long delta = v - DataSequence.expand32(d == 0 ? c.last0 : c.last1, v);
        if (delta == 0) return;
        c.shift(d, delta);
        // the range moved (same span): filed afresh, its old buckets stay as stale candidates; a wide one is
        // listed already
        long lo = d == 0 ? c.lo0 : c.lo1, hi = d == 0 ? c.hi0 : c.hi1;
        if (!EvidenceIndex.wide(lo, hi)) {
            if (evidence64 != null) evidence64.file(c.order, d, lo, hi);
            if (evidence32 != null) evidence32.file(c.order, d, lo, hi);
        }
        for (int i = 0; i < c.subflowCount; i++) c.subflows[i].shiftMappings(d, delta);
        lastRebased |= 1 << d;
        lastRebaseDelta[d] = delta;
    }

    /**
     * The DSN of an MP_FAIL: RFC 8684 §3.7, the data sequence number of the data that failed at the MP_FAIL's
     * sender, i.e. in the space of the direction it receives ({@code received}); always the full 64 bits, "even if
     * 32-bit sequence numbers are normally in use in the DSS signals on the path". So it is 8-byte evidence of that
     * space, as an 8-byte DSS value ({@link #widen}), when its low 32 bits lie within {@link #DSN_MATCH_WINDOW} of
     * the values that space has shown: a DSN elsewhere (stale, or zero from a side that received nothing there)
     * says nothing about their upper bits and is left alone, so the first 8-byte value still corrects them.
     */
    private void failDsn(Conn c, int received, long dsn) {
        // near on the low 32 bits; the address condition holds: the MP_FAIL came on a subflow of c
        if (!c.wide(received) && c.near(received, dsn, false, true)) widen(c, received, dsn);
    }

    private void mappingOfPacket(long dsn, int length, boolean dataFin) {
        lastHasMapping = true;
        lastMappingDsn = dsn;
        lastMappingLength = length;
        lastMappingDataFin = dataFin;
    }

    private void option(Sub sf, MptcpOption o, int flags, boolean fromClient, long t) {
        boolean syn = (flags & TcpView.SYN) != 0, ack = (flags & TcpView.ACK) != 0;
        MptcpSubtype type = o.subtype();
        switch (type) {
            case MP_CAPABLE -> {
                if (sf.conn == null) attach(sf, newConn(), SubflowRole.INITIAL);
                Conn c = sf.conn;
                if (syn && !ack) {
                    c.capableSyn = true;
                    if (c.version < 0) c.version = o.version();
                } else if (syn) {
                    c.capableSynAck = true;
                    c.version = o.version();
                }
                if (!syn && o.hasReceiverKey() && o.length() == MP_CAPABLE_ACK_LENGTH) {
                    // RFC 8684 §3.1 (RFC 6824 §3.1): the third ACK echoes the receiver's key of the SYN/ACK.
                    // Like Wireshark (mptcp.connection.echoed_key_mismatch), only the 20-byte form is checked.
                    int receiver = sf.toConnClient(fromClient) ? 1 : 0;
                    if (c.hasKey(receiver) && c.key(receiver) != o.receiverKey()) c.echoedKeyMismatch = true;
                }
                if (o.hasSenderKey()) {
                    setKey(c, sf.toConnClient(fromClient), o.senderKey(), o.version());
                    if (o.hasReceiverKey()) setKey(c, !sf.toConnClient(fromClient), o.receiverKey(), o.version());
                    number(c);
                    if (!syn && o.dataLevelLength() > 0) {
                        // RFC 8684 §3.1: MP_CAPABLE with data carries an implicit mapping starting at IDSN + 1.
                        int d = sf.connDir(fromClient);
                        if (c.hasKey(d)) {
                            mappingOfPacket(c.idsn(d) + 1, o.dataLevelLength(), false);
                            boolean indexed = evidence64 != null || evidence32 != null;
                            if (indexed) filedBefore(c);
                            c.mapping(d, c.idsn(d) + 1, o.dataLevelLength(), false);
                            if (indexed) fileGrowth(c);
                            // the implicit mapping starts at subflow sequence number 1, DSN IDSN + 1
                            sf.addMapping(fromClient, 1, c.idsn(d) + 1, o.dataLevelLength());
                        }
                    }
                }
            }
            case MP_JOIN -> {
                if (syn && !ack) {
                    sf.addressId = o.addressId();
                    sf.backup = o.backup();
                    JoinHandshake j = sf.join();
                    j.nonceA = o.nonce();
                    j.hasNonceA = true;
                    if (sf.conn == null) {
                        long token = o.token() & 0xffff_ffffL;
                        int known = byToken.get(token);
                        Conn c;
                        if (known < 0) {
                            c = newConn();
                            c.keys().token1 = token;
                            byToken.putIfAbsent(token, c.order);
                        } else {
                            c = conns.get(known);
                        }
                        // The join's receiver owns the token: if that is the connection's client, the subflow
                        // runs from the connection's server to its client.
                        sf.reversed = c.token(0) == token && c.token(1) != token;
                        attach(sf, c, SubflowRole.JOIN);
                    }
                } else if (syn) {
                    sf.backup |= o.backup();
                    JoinHandshake j = sf.join();
                    j.nonceB = o.nonce();
                    j.hasNonceB = true;
                    j.truncatedHmac = o.truncatedHmac();
                    j.hasTruncatedHmac = true;
                    if (sf.conn == null) attach(sf, newConn(), SubflowRole.JOIN);
                } else {
                    JoinHandshake j = sf.join();
                    if (o.hmacLength() > 0 && !j.hasHmac) {
                        j.hmacLength = Math.min(o.hmacLength(), JoinHandshake.HMAC_BYTES);
                        j.hmac = Arrays.copyOf(o.hmac(), j.hmacLength);
                        j.hasHmac = true;
                    }
                    if (sf.conn == null) attach(sf, newConn(), SubflowRole.JOIN);
                }
                number(sf.conn);
            }
            case DSS -> dss(sf, o, fromClient);
            case MP_PRIO -> {
                if (sf.conn == null) attach(sf, newConn(), SubflowRole.UNKNOWN);
                // RFC 8684 §3.3.8: without an address ID, MP_PRIO applies to the subflow it is sent on.
                if (o.addressId() < 0) sf.backup = o.backup();
                number(sf.conn);
            }
            case MP_FASTCLOSE -> {
                if (sf.conn == null) attach(sf, newConn(), SubflowRole.UNKNOWN);
                Closing cl = sf.closing();
                if (cl.fastclose < 0) cl.fastclose = t;
                number(sf.conn);
            }
            case MP_TCPRST -> {
                if (sf.conn == null) attach(sf, newConn(), SubflowRole.UNKNOWN);
                Closing cl = sf.closing();
                if (cl.tcprst < 0) {
                    cl.tcprst = t;
                    cl.tcprstReason = o.tcprstReason();
                }
                number(sf.conn);
            }
            case MP_FAIL -> {
                if (sf.conn == null) attach(sf, newConn(), SubflowRole.UNKNOWN);
                // RFC 8684 §3.7: MP_FAIL with RST closes only that subflow; without RST the connection falls back
                // to TCP (infinite mapping) from the failed DSN on
                if ((flags & TcpView.RST) == 0) sf.conn.failedOver = true;
                if (o.valid()) failDsn(sf.conn, 1 - sf.connDir(fromClient), o.dsn());
                number(sf.conn);
            }
            default -> {
                // ADD_ADDR, REMOVE_ADDR, unknown subtypes: Wireshark numbers a connection for them too.
                if (sf.conn == null) attach(sf, newConn(), SubflowRole.UNKNOWN);
                number(sf.conn);
            }
        }
    }

    /**
     * A stream seen first with a DSS: find its connection by data-sequence evidence. A 64-bit DSN or data ACK
     * near a connection's is evidence enough (IDSNs are random 64-bit values); a 32-bit one must also come with
     * an address already used by a subflow of that connection. Of the connections that match, the first opened
     * wins; the candidates come from an {@link EvidenceIndex} (made at the first partial stream), so a capture
     * of many partial streams is not quadratic in its connections.
     */
    private void attachPartial(Sub sf, MptcpOption o, boolean fromClient) {

        int[] best = {Integer.MAX_VALUE};
        java.util.function.IntConsumer test = order -> {
            if (order < best[0] && matchingDirection(conns.get(order), o) >= 0) best[0] = order;
        };
        if (o.hasMapping()) evidenceIndex(o.dsn8()).candidates(o.dsn(), test);
        if (o.hasDataAck()) evidenceIndex(o.dataAck8()).candidates(o.dataAck(), test);
        if (best[0] == Integer.MAX_VALUE) {
            attach(sf, newConn(), SubflowRole.UNKNOWN);
            return;
        }
        Conn c = conns.get(best[0]);
        // Direction d of the connection is the direction of this packet.
        sf.reversed = (matchingDirection(c, o) == 0) != fromClient;
        attach(sf, c, SubflowRole.UNKNOWN);
    }

    /**
     * The first direction d of {@code c} whose evidence the option's DSN (taken as direction d) or data ACK
     * (as 1 - d) is near, while neither value is far from evidence the connection has in its direction; or -1.
     * One near value alone is not enough: with a million connections, some connection's DSN lies by chance within
     * {@link #DSN_MATCH_WINDOW} of another's data ACK (2^-39 per pair of random 64-bit values), and a stream
     * grouped by that accident would merge both connections' evidence into a range that catches every stream that
     * follows (a generated capture of a million partial connections put 587 000 subflows into two connections).
     */
    private int matchingDirection(Conn c, MptcpOption o) {
        boolean shares = c.sharesAddress(addresses, srcHi, srcLo) || c.sharesAddress(addresses, dstHi, dstLo);
        for (int d = 0; d < 2; d++) {
            boolean near = (o.hasMapping() && c.near(d, o.dsn(), o.dsn8(), shares))
                    || (o.hasDataAck() && c.near(1 - d, o.dataAck(), o.dataAck8(), shares));
            if (!near) continue;
            if (o.hasMapping() && c.far(d, o.dsn(), o.dsn8())) continue;
            if (o.hasDataAck() && c.far(1 - d, o.dataAck(), o.dataAck8())) continue;
            return d;
        }
        return -1;
    }

    /** The evidence index of 8-byte ({@code is64}) or 4-byte values, made (every connection filed) if need be. */
    private EvidenceIndex evidenceIndex(boolean is64) {
        EvidenceIndex x = is64 ? evidence64 : evidence32;
        if (x != null) return x;
        x = new EvidenceIndex(!is64);
        for (Conn c : conns) indexEvidence(x, c);
        if (is64) evidence64 = x;
        else evidence32 = x;
        return x;
    }

    /** Files the whole evidence ranges of {@code c} in index {@code x}. */
    private static void indexEvidence(EvidenceIndex x, Conn c) {
        if (c.hasEvidence0) x.file(c.order, 0, c.lo0, c.hi0);
        if (c.hasEvidence1) x.file(c.order, 1, c.lo1, c.hi1);
    }

    /** A connection's evidence ranges as filed in the indices, before a packet's values are added. */
    private boolean had0, had1;
    private long filedLo0, filedHi0, filedLo1, filedHi1;

    private void filedBefore(Conn c) {
        had0 = c.hasEvidence0;
        had1 = c.hasEvidence1;
        filedLo0 = c.lo0;
        filedHi0 = c.hi0;
        filedLo1 = c.lo1;
        filedHi1 = c.hi1;
    }

    /** Files in the indices what the ranges of {@code c} grew into since {@link #filedBefore}. */
    private void fileGrowth(Conn c) {
        if (evidence64 != null) fileGrowth(evidence64, c);
        if (evidence32 != null) fileGrowth(evidence32, c);
    }

    private void fileGrowth(EvidenceIndex x, Conn c) {
        if (had0) {
            if (c.lo0 != filedLo0 || c.hi0 != filedHi0) x.grow(c.order, 0, filedLo0, filedHi0, c.lo0, c.hi0);
        } else if (c.hasEvidence0) {
            x.file(c.order, 0, c.lo0, c.hi0);
        }
        if (had1) {
            if (c.lo1 != filedLo1 || c.hi1 != filedHi1) x.grow(c.order, 1, filedLo1, filedHi1, c.lo1, c.hi1);
        } else if (c.hasEvidence1) {
            x.file(c.order, 1, c.lo1, c.hi1);
        }
    }

    private Conn newConn() {
        Conn c = new Conn(conns.size());
        conns.add(c);
        return c;
    }

    private void attach(Sub sf, Conn c, SubflowRole role) {
        sf.conn = c;
        sf.role = role;
        sf.index = c.subflowCount;
        if (c.subflowCount == c.subflows.length) c.subflows = Arrays.copyOf(c.subflows, c.subflowCount * 2);
        c.subflows[c.subflowCount++] = sf;
    }

    private void number(Conn c) {
        if (c.index < 0) c.index = nextIndex++;
    }

    private void setKey(Conn c, boolean clientSide, long key, int version) {
        int d = clientSide ? 0 : 1;
        if (c.hasKey(d)) return;
        int v = version >= 0 ? version : Math.max(c.version, 0);
        long token = MptcpCrypto.token(key, v) & 0xffff_ffffL;
        c.setKey(d, key, MptcpCrypto.idsn(key, v), token);
        byToken.putIfAbsent(token, c.order);
    }

    /**
     * Every connection, ordered by connection index: a read-only view whose immutable elements are made on access
     * (call it once, at the end of the pass). Connections Wireshark would not number get their index here, after
     * all others, in order of appearance.
     *
     * @param streams the TCP tracker's streams (for endpoints, times and counters), indexed by {@code tcp.stream}
     */
    public List<MptcpConnectionInfo> connections(List<TcpStreamInfo> streams) {
        // The indexes given here are lent, not kept: called in the middle of a pass (a live view), a connection
        // numbered now must still be numbered by the packets that follow, as in a pass without the call. The
        // view's elements carry the number they have here.
        Conn[] ordered = new Conn[conns.size()];
        int next = nextIndex;
        for (Conn c : conns) ordered[c.index >= 0 ? c.index : next++] = c;
        return new ConnectionList(ordered, streams);
    }

    /**
     * A read-only view whose elements are made on access: a million connections are not kept as records twice.
     * Read it before feeding the tracker more packets (as the end of a pass and a live view's frame do).
     */
    private static final class ConnectionList extends AbstractList<MptcpConnectionInfo> implements RandomAccess {
        private final Conn[] ordered;
        private final List<TcpStreamInfo> streams;

        ConnectionList(Conn[] ordered, List<TcpStreamInfo> streams) {
            this.ordered = ordered;
            this.streams = streams;
        }

        /** The element made last: readers go through connections in order, often several times per element. */
        private volatile Made last;

        private record Made(int index, MptcpConnectionInfo info) {}

        @Override
        public MptcpConnectionInfo get(int i) {
            Made m = last;
            if (m != null && m.index == i) return m.info;
            MptcpConnectionInfo info = ordered[i].info(streams, i);
            last = new Made(i, info);
            return info;
        }

        @Override
        public int size() { return ordered.length; }
    }

    /** Per-stream subflow state; allocated once per stream that carries an MPTCP option. */
    private static final class Sub {
        final int stream;
        Conn conn;
        int index = -1;
        SubflowRole role = SubflowRole.UNKNOWN;
        /** Subflow client is the connection's server. */
        boolean reversed;
        boolean backup;
        int addressId = -1;
        /** The MP_JOIN handshake's values, made at its first MP_JOIN option; null for other subflows. */
        JoinHandshake join;
        /** MP_FASTCLOSE / MP_TCPRST seen on it, made at the first; null for the others. */
        Closing closing;
        /**
         * Per subflow direction (suffix 0 = from the subflow's client): ISN from the SYN, and the last mappings in
         * a ring made at the direction's first mapping and grown on demand up to {@link #MAPPINGS} entries of
         * two longs: (relative subflow sequence number << 32 | length), 64-bit DSN. A subflow that never carries
         * a mapping costs two null references; one with a single mapping, 32 bytes.
         */
        static final int MAPPINGS = 16;
        int isn0, isn1;
        /** Bit 0: ISN of direction 0 seen, bit 1: of direction 1. */
        byte isnSeen;
        long[] map0, map1;
        byte mapHead0, mapHead1, mapCount0, mapCount1;

        boolean hasIsn(int sd) { return (isnSeen & (1 << sd)) != 0; }

        void setIsn(boolean fromClient, int seq) {
            if (fromClient) isn0 = seq;
            else isn1 = seq;
            isnSeen |= (byte) (fromClient ? 1 : 2);
        }

        /**
         * A DSS mapping (relative subflow sequence number, 64-bit DSN, length); repeats are not stored twice.
         *
         * @return false if it repeats the last mapping of that direction
         */
        boolean addMapping(boolean fromClient, int ssn, long dsn, int length) {
            long[] ring = fromClient ? map0 : map1;
            int count = fromClient ? mapCount0 : mapCount1, h = fromClient ? mapHead0 : mapHead1;
            long ssnLen = ((long) ssn << 32) | (length & 0xffff_ffffL);
            if (ring == null) {
                ring = new long[2];
            } else if (ring[h << 1] == ssnLen && ring[(h << 1) + 1] == dsn) {
                return false;
            } else if (count == ring.length >> 1 && count < MAPPINGS) {
                // full below the bound: grow, oldest first from index 0 (the newest is then at count - 1)
                long[] grown = new long[ring.length * 2];
                int mask = count - 1;
                for (int k = 0; k < count; k++) {
                    int from = ((h + 1 + k) & mask) << 1;
                    grown[k << 1] = ring[from];
                    grown[(k << 1) + 1] = ring[from + 1];
                }
                ring = grown;
                h = count - 1;
            }
            int mask = (ring.length >> 1) - 1;
            h = count == 0 ? 0 : (h + 1) & mask;
            ring[h << 1] = ssnLen;
            ring[(h << 1) + 1] = dsn;
            if (count < MAPPINGS) count++;
            if (fromClient) {
                map0 = ring;
                mapHead0 = (byte) h;
                mapCount0 = (byte) count;
            } else {
                map1 = ring;
                mapHead1 = (byte) h;
                mapCount1 = (byte) count;
            }
            return true;
        }

        Sub(int stream) {
            this.stream = stream;
        }

        JoinHandshake join() {
            if (join == null) join = new JoinHandshake();
            return join;
        }

        Closing closing() {
            if (closing == null) closing = new Closing();
            return closing;
        }

        long fastclose() { return closing == null ? -1 : closing.fastclose; }

        long tcprst() { return closing == null ? -1 : closing.tcprst; }

        /** True if a packet in this direction is sent by the connection's client. */
        boolean toConnClient(boolean fromClient) { return fromClient != reversed; }

        /** Connection direction (0 = client → server) of a packet in this direction. */
        int connDir(boolean fromClient) { return toConnClient(fromClient) ? 0 : 1; }

        /** Moves the DSNs of this subflow's mappings of connection direction d by delta. */
        void shiftMappings(int d, long delta) {
            long[] ring = connDir(true) == d ? map0 : map1; // pairs (ssn << 32 | length, dsn)
            if (ring == null) return;
            for (int i = 1; i < ring.length; i += 2) ring[i] += delta;
        }
    }

    /** When a subflow saw its first MP_FASTCLOSE and MP_TCPRST (-1: not seen), and the MP_TCPRST's reason. */
    private static final class Closing {
        long fastclose = -1, tcprst = -1;
        int tcprstReason = -1;
    }

    /**
     * A connection's keys (RFC 8684 §3.1), their IDSNs and tokens (-1 unknown), per direction: suffix 0 = the
     * connection's client. A token alone (an MP_JOIN to a connection whose handshake was not captured) makes one too.
     */
    private static final class Keys {
        boolean hasKey0, hasKey1;
        long key0, key1, idsn0, idsn1;
        long token0 = -1, token1 = -1;
    }

    /** What an MP_JOIN handshake carried (RFC 8684 §3.2), for the HMAC check at the end of the pass. */
    private static final class JoinHandshake {
        static final int HMAC_BYTES = 20;
        /** Subflow client's (MP_JOIN SYN, A) and server's (SYN/ACK, B) nonces. */
        int nonceA, nonceB;
        boolean hasNonceA, hasNonceB;
        long truncatedHmac;
        boolean hasTruncatedHmac;
        /** The third ACK's HMAC (RFC 8684 §3.2: 160 bits), or null until seen. */
        byte[] hmac;
        int hmacLength;
        boolean hasHmac;
    }

    /**
     * Per-connection state, in fields rather than small arrays (a capture may hold a million connections): suffix
     * or index 0 = connection client (→ server direction), 1 = server. The data-sequence range sets are made at a
     * connection's first mapping.
     */
    private static final class Conn {
        final int order;
        int index = -1;
        int version = -1;
        boolean capableSyn, capableSynAck;
        /** An MP_FAIL without RST was seen: the connection fell back to TCP (RFC 8684 §3.7). */
        boolean failedOver;
        /** A third ACK echoed a receiver key other than the one its SYN/ACK sent (RFC 8684 §3.1). */
        boolean echoedKeyMismatch;
        /** Per direction: the upper 32 bits of its DSNs are known (an 8-byte value was seen). */
        boolean wide0, wide1;
        /** Keys, IDSNs and tokens, made at the first key or token (a connection seen without handshake has none). */
        Keys keys;
        /** Subflows in order of attachment: {@code subflows[0 … subflowCount)}. */
        Sub[] subflows = new Sub[1];
        int subflowCount;
        RangeSet ranges0, ranges1;
        boolean dataFin0, dataFin1;
        /** Data-sequence evidence per direction: lowest and highest 64-bit values seen, and the last one. */
        long lo0, lo1, hi0, hi1, last0, last1;
        boolean hasEvidence0, hasEvidence1;

        Conn(int order) { this.order = order; }

        boolean hasKey(int d) { return keys != null && (d == 0 ? keys.hasKey0 : keys.hasKey1); }

        Keys keys() {
            if (keys == null) keys = new Keys();
            return keys;
        }

        boolean wide(int d) { return hasKey(d) || (d == 0 ? wide0 : wide1); }

        void setWide(int d) {
            if (d == 0) wide0 = true;
            else wide1 = true;
        }

        /** Moves direction d's evidence and data ranges by delta ({@link MptcpTracker#widen}). */
        void shift(int d, long delta) {
            RangeSet r = ranges(d);
            if (r != null) r.shift(delta);
            if (d == 0) {
                lo0 += delta;
                hi0 += delta;
                last0 += delta;
            } else {
                lo1 += delta;
                hi1 += delta;
                last1 += delta;
            }
        }

        long key(int d) { return keys == null ? 0 : d == 0 ? keys.key0 : keys.key1; }

        long idsn(int d) { return keys == null ? 0 : d == 0 ? keys.idsn0 : keys.idsn1; }

        long token(int d) { return keys == null ? -1 : d == 0 ? keys.token0 : keys.token1; }

        void setKey(int d, long key, long idsn, long token) {
            if (d == 0) {
                Keys k = keys();
                k.hasKey0 = true;
                k.key0 = key;
                k.idsn0 = idsn;
                k.token0 = token;
            } else {
                Keys k = keys();
                k.hasKey1 = true;
                k.key1 = key;
                k.idsn1 = idsn;
                k.token1 = token;
            }
        }

        boolean hasEvidence(int d) { return d == 0 ? hasEvidence0 : hasEvidence1; }

        private long lo(int d) { return d == 0 ? lo0 : lo1; }

        private long hi(int d) { return d == 0 ? hi0 : hi1; }

        private RangeSet ranges(int d) { return d == 0 ? ranges0 : ranges1; }

        /** Distinct data bytes mapped in direction d, less the DATA_FIN; 0 without mappings. */
        private long mapped(int d) {
            RangeSet r = ranges(d);
            return r == null ? 0 : r.total() - ((d == 0 ? dataFin0 : dataFin1) ? 1 : 0);
        }

        void mapping(int d, long dsn, int length, boolean fin) {
            RangeSet r = ranges(d);
            if (r == null) {
                r = new RangeSet();
                if (d == 0) ranges0 = r;
                else ranges1 = r;
            }
            r.add(dsn, length);
            if (fin && d == 0) dataFin0 = true;
            else if (fin) dataFin1 = true;
            evidence(d, dsn);
            evidence(d, dsn + length);
        }

        void evidence(int d, long v) {
            if (d == 0) {
                if (!hasEvidence0) {
                    lo0 = hi0 = v;
                    hasEvidence0 = true;
                } else {
                    if (v - lo0 < 0) lo0 = v;
                    if (v - hi0 > 0) hi0 = v;
                }
                last0 = v;
            } else {
                if (!hasEvidence1) {
                    lo1 = hi1 = v;
                    hasEvidence1 = true;
                } else {
                    if (v - lo1 < 0) lo1 = v;
                    if (v - hi1 > 0) hi1 = v;
                }
                last1 = v;
            }
        }

        /** Expands a 32-bit DSN or data ACK of direction d to 64 bits, nearest to what is known (RFC 8684 §3.3.1). */
        long expand(int d, long low32) {
            long ref = hasEvidence(d) ? (d == 0 ? last0 : last1) : hasKey(d) ? idsn(d) : 0;
            return DataSequence.expand32(ref, low32);
        }

        /**
         * True if v lies within {@link #DSN_MATCH_WINDOW} of this connection's direction d: on all 64 bits when v
         * is a 64-bit value, else on the low 32 bits and only with address evidence.
         */
        boolean near(int d, long v, boolean is64, boolean sharesAddress) {
            if (!hasEvidence(d)) return false;
            if (is64) return v - lo(d) >= -DSN_MATCH_WINDOW && v - hi(d) <= DSN_MATCH_WINDOW;
            if (!sharesAddress) return false;
            int low = (int) v;
            int fromLo = low - (int) lo(d), fromHi = low - (int) hi(d);
            return fromLo >= -DSN_MATCH_WINDOW && fromHi <= DSN_MATCH_WINDOW;
        }

        /**
         * True if v contradicts this connection's direction d: the direction has evidence and v lies more than
         * {@link #DSN_MATCH_WINDOW} from it, on all 64 bits when both v and the direction's upper 32 bits are
         * known ({@link #wide}), else on the low 32 bits (the guessed upper bits of a 4-byte space prove nothing).
         */
        boolean far(int d, long v, boolean is64) {
            if (!hasEvidence(d)) return false;
            if (is64 && wide(d)) return !(v - lo(d) >= -DSN_MATCH_WINDOW && v - hi(d) <= DSN_MATCH_WINDOW);
            int low = (int) v;
            return !(low - (int) lo(d) >= -DSN_MATCH_WINDOW && low - (int) hi(d) <= DSN_MATCH_WINDOW);
        }

        /** True if a subflow of this connection has the address (hi, lo) at one of its ends. */
        boolean sharesAddress(StreamAddresses addresses, long hi, long lo) {
            for (int k = 0; k < subflowCount; k++) if (addresses.hasAddress(subflows[k].stream, hi, lo)) return true;
            return false;
        }

        /** This connection's result record, numbered {@code number} (its index, or the one lent to it). */
        MptcpConnectionInfo info(List<TcpStreamInfo> streams, int number) {
            List<SubflowInfo> subs = new ArrayList<>(subflowCount);
            long start = Long.MAX_VALUE, end = -1;
            long[] payload = new long[2];
            for (int k = 0; k < subflowCount; k++) {
                Sub s = subflows[k];
                TcpStreamInfo ts = streams.get(s.stream);
                subs.add(subflowInfo(s, ts, number));
                if (ts.firstNanos() >= 0) start = Math.min(start, ts.firstNanos());
                end = Math.max(end, ts.lastNanos());
                payload[s.reversed ? 1 : 0] += ts.c2s().payloadBytes();
                payload[s.reversed ? 0 : 1] += ts.s2c().payloadBytes();
            }
            ConnectionState state;
            Sub initial = subflows[0];
            TcpStreamInfo first = streams.get(initial.stream);
            if (failedOver) {
                state = ConnectionState.FALLBACK;
            } else if (capableSynAck || (initial.role == SubflowRole.INITIAL && hasKey(0) && hasKey(1))) {
                state = ConnectionState.ESTABLISHED;
            } else if (capableSyn && initial.role == SubflowRole.INITIAL) {
                state = first.synAckNanos() >= 0 ? ConnectionState.FALLBACK : ConnectionState.UNANSWERED;
            } else {
                state = ConnectionState.PARTIAL;
            }
            Endpoint client = initial.reversed ? first.server() : first.client();
            Endpoint server = initial.reversed ? first.client() : first.server();
            boolean fromMappings = ranges0 != null && !ranges0.isEmpty() || ranges1 != null && !ranges1.isEmpty();
            long c2s = fromMappings ? mapped(0) : payload[0];
            long s2c = fromMappings ? mapped(1) : payload[1];
            return new MptcpConnectionInfo(number, version, state, client, server, hasKey(0), key(0), hasKey(1),
                    key(1), token(0), token(1), idsn(0), idsn(1), subs, start == Long.MAX_VALUE ? -1 : start, end,
                    Math.max(c2s, 0), Math.max(s2c, 0), fromMappings, echoedKeyMismatch);
        }

        SubflowInfo subflowInfo(Sub s, TcpStreamInfo ts, int number) {
            SubflowEnd endKind;
            if (s.fastclose() >= 0) endKind = SubflowEnd.MP_FASTCLOSE;
            else if (s.tcprst() >= 0) endKind = SubflowEnd.MP_TCPRST;
            else if (ts.c2s().rstNanos() >= 0 || ts.s2c().rstNanos() >= 0) endKind = SubflowEnd.RST;
            else if (ts.c2s().finNanos() >= 0 || ts.s2c().finNanos() >= 0) endKind = SubflowEnd.FIN;
            else endKind = SubflowEnd.OPEN;
            int addressId = s.role == SubflowRole.INITIAL ? 0 : s.addressId;
            return new SubflowInfo(number, s.index, s.stream, s.role, ts.client(), ts.server(), s.backup, addressId,
                    ts.synNanos(), ts.ackNanos(), ts.lastNanos(), endKind,
                    endKind == SubflowEnd.MP_TCPRST ? s.closing.tcprstReason : -1, hmacStatus(s), ts.packets(),
                    ts.c2s().payloadBytes(), ts.s2c().payloadBytes(), s.reversed);
        }

        /** RFC 8684 §3.2 (v1, HMAC-SHA256) / RFC 6824 §3.2 (v0, HMAC-SHA1): A = join initiator, B = receiver. */
        HmacStatus hmacStatus(Sub s) {
            if (s.role != SubflowRole.JOIN) return HmacStatus.NOT_APPLICABLE;
            int a = s.reversed ? 1 : 0, b = 1 - a;
            JoinHandshake j = s.join;
            if (j == null || !hasKey(a) || !hasKey(b) || !j.hasNonceA || !j.hasNonceB || version < 0) {
                return HmacStatus.UNKNOWN;
            }
            boolean checked = false;
            if (j.hasTruncatedHmac) {
                byte[] h = MptcpCrypto.joinHmac(key(b), key(a), j.nonceB, j.nonceA, version);
                long expected = 0;
                for (int i = 0; i < 8; i++) expected = (expected << 8) | (h[i] & 0xff);
                if (expected != j.truncatedHmac) return HmacStatus.INVALID;
                checked = true;
            }
            if (j.hasHmac) {
                byte[] h = MptcpCrypto.joinHmac(key(a), key(b), j.nonceA, j.nonceB, version);
                for (int i = 0; i < j.hmacLength; i++) if (h[i] != j.hmac[i]) return HmacStatus.INVALID;
                checked = true;
            }
            return checked ? HmacStatus.VALID : HmacStatus.UNKNOWN;
        }
    }
}
