package org.mpcap.analyzer.decode.mptcp;

/**
 * One decoded MPTCP option (TCP option kind 30), any subtype, as a flat <b>reused</b> view: the decoder
 * overwrites it for every packet. Only the fields of {@link #subtype()} are meaningful; the others keep
 * stale values. Copy out with {@link #describe()} or the accessors before the next packet.
 *
 * <p>Field meanings follow RFC 8684 (v1) and RFC 6824 (v0); each accessor names its section.
 */
public final class MptcpOption {
    /** Largest MPTCP option: 40 bytes of TCP option space. */
    public static final int MAX_LENGTH = 40;

    // common
    MptcpSubtype subtype = MptcpSubtype.UNKNOWN;
    int subtypeCode;
    int length;
    int optionOffset;
    boolean valid;
    String problem;

    // MP_CAPABLE (RFC 8684 §3.1, RFC 6824 §3.1)
    int version;
    int capableFlags;
    boolean hasSenderKey, hasReceiverKey;
    long senderKey, receiverKey;
    int dataLevelLength = -1;
    int checksum = -1;

    // MP_JOIN (RFC 8684 §3.2)
    boolean backup;
    int addressId = -1;
    long token;
    int nonce;
    long truncatedHmac;
    final byte[] hmac = new byte[20];
    int hmacLength;

    // DSS (RFC 8684 §3.3)
    int dssFlags;
    boolean hasDataAck, dataAck8;
    long dataAck;
    boolean hasMapping, dsn8;
    long dsn;
    int subflowSeq;
    boolean dataFin;
    boolean hasChecksum;

    // ADD_ADDR (RFC 8684 §3.4.1) / REMOVE_ADDR (§3.4.2)
    boolean echo;
    int ipVersion;
    long addrHi, addrLo;
    int port = -1;
    boolean hasHmac;
    int removeIdCount;
    final int[] removeIds = new int[MAX_LENGTH];

    // MP_FAIL (§3.7) uses dsn; MP_FASTCLOSE (§3.5) uses receiverKey; MP_TCPRST (§3.6)
    int tcprstFlags;
    int tcprstReason;

    /** False when the length matched no layout of the subtype, so no field after the subtype was read. */
    boolean fieldsDecoded;

    /**
     * Resets every field before a new option is decoded into this view (no allocation). After a DSS, the option
     * of nearly every data packet, only the common and the DSS fields can differ from their defaults, so only
     * those are reset.
     */
    void clear() {
        MptcpSubtype previous = subtype;
        subtype = MptcpSubtype.UNKNOWN;
        subtypeCode = -1;
        length = 0;
        optionOffset = 0;
        valid = true;
        problem = null;
        fieldsDecoded = false;
        if (previous == MptcpSubtype.DSS) {
            clearDss();
        } else {
            clearSubtypeFields();
        }
    }

    /** The fields MptcpOptionDecoder's DSS decoding writes. */
    private void clearDss() {
        dataLevelLength = -1;
        checksum = -1;
        dssFlags = 0;
        hasDataAck = false;
        dataAck8 = false;
        dataAck = 0;
        hasMapping = false;
        dsn8 = false;
        dsn = 0;
        subflowSeq = 0;
        dataFin = false;
        hasChecksum = false;
    }

    private void clearSubtypeFields() {
        version = -1;
        capableFlags = 0;
        hasSenderKey = false;
        hasReceiverKey = false;
        senderKey = 0;
        receiverKey = 0;
        dataLevelLength = -1;
        checksum = -1;
        backup = false;
        addressId = -1;
        token = 0;
        nonce = 0;
        truncatedHmac = 0;
        hmacLength = 0;
        dssFlags = 0;
        hasDataAck = false;
        dataAck8 = false;
        dataAck = 0;
        hasMapping = false;
        dsn8 = false;
        dsn = 0;
        subflowSeq = 0;
        dataFin = false;
        hasChecksum = false;
        echo = false;
        ipVersion = 0;
        addrHi = 0;
        addrLo = 0;
        port = -1;
        hasHmac = false;
        removeIdCount = 0;
        tcprstFlags = 0;
        tcprstReason = 0;
    }

    /** MP_CAPABLE flag bits (RFC 8684 §3.1): A = checksum required, B = extensibility, C = no further addresses, H = HMAC-SHA256. */
    public static final int CAP_A = 0x80, CAP_B = 0x40, CAP_C = 0x20, CAP_H = 0x01;
    /** DSS flag bits (RFC 8684 §3.3, Figure 9). */
    public static final int DSS_F = 0x10, DSS_m = 0x08, DSS_M = 0x04, DSS_a = 0x02, DSS_A = 0x01;
    /** MP_TCPRST flag bits (RFC 8684 §3.6): U, V, W, T (transient). */
    public static final int RST_U = 0x8, RST_V = 0x4, RST_W = 0x2, RST_T = 0x1;

    public MptcpSubtype subtype() { return subtype; }
    /** Raw 4-bit subtype value (also for {@link MptcpSubtype#UNKNOWN}); -1 if the option is too short to hold one. */
    public int subtypeCode() { return subtypeCode; }
    /** The option's length byte. */
    public int length() { return length; }
    /** Offset in the packet buffer of the option's kind byte. */
    public int optionOffset() { return optionOffset; }
    /** False if the (length, flags) combination is not one the RFC allows; see {@link #problem()}. */
    public boolean valid() { return valid; }
    /** Why the option is invalid (a constant string, no allocation), or null. */
    public String problem() { return problem; }

    /**
     * MP_CAPABLE: the version nibble (0 = RFC 6824, 1 = RFC 8684). ADD_ADDR: 0 or 1, the format recognised
     * (RFC 6824 §3.4.1 IPVer nibble 4/6, or RFC 8684 §3.4.1 echo flag). Otherwise -1.
     */
    public int version() { return version; }
    /** MP_CAPABLE flags byte. */
    public int capableFlags() { return capableFlags; }
    public boolean hasSenderKey() { return hasSenderKey; }
    public boolean hasReceiverKey() { return hasReceiverKey; }
    /** MP_CAPABLE: Option Sender's Key. */
    public long senderKey() { return senderKey; }
    /** MP_CAPABLE: Option Receiver's Key. MP_FASTCLOSE: Option Receiver's Key (§3.5). */
    public long receiverKey() { return receiverKey; }
    /** MP_CAPABLE (v1, length 22/24) or DSS mapping: data-level length, or -1 if absent. */
    public int dataLevelLength() { return dataLevelLength; }
    /** MP_CAPABLE (v1 length 24) or DSS checksum, or -1 if absent. */
    public int checksum() { return checksum; }

    /** MP_JOIN (SYN, SYN/ACK) and MP_PRIO: the B (backup) bit. */
    public boolean backup() { return backup; }
    /** MP_JOIN, ADD_ADDR, MP_PRIO (v0 with id): address ID, or -1 if absent. */
    public int addressId() { return addressId; }
    /** MP_JOIN SYN: receiver's token (unsigned 32 bits in a long). */
    public long token() { return token; }
    /** MP_JOIN SYN / SYN-ACK: sender's random number. */
    public int nonce() { return nonce; }
    /** MP_JOIN SYN-ACK: sender's truncated HMAC (64 bits). ADD_ADDR v1: truncated HMAC (64 bits). */
    public long truncatedHmac() { return truncatedHmac; }
    /** MP_JOIN third ACK: the full HMAC (20 bytes; v1 sends the leftmost 160 bits of HMAC-SHA256). Valid up to {@link #hmacLength()}. */
    public byte[] hmac() { return hmac; }
    public int hmacLength() { return hmacLength; }

    /** DSS flags byte (low 5 bits: F m M a A). */
    public int dssFlags() { return dssFlags; }
    public boolean hasDataAck() { return hasDataAck; }
    /** True if the data ACK is 8 bytes on the wire. */
    public boolean dataAck8() { return dataAck8; }
    /** DSS data ACK (4-byte values are zero-extended). */
    public long dataAck() { return dataAck; }
    /** True if the DSS carries a mapping (M flag). */
    public boolean hasMapping() { return hasMapping; }
    /** True if the DSN is 8 bytes on the wire. */
    public boolean dsn8() { return dsn8; }
    /** DSS data sequence number (4-byte values zero-extended); MP_FAIL: the DSN (§3.7). */
    public long dsn() { return dsn; }
    /** DSS subflow sequence number (relative to the subflow ISN, RFC 8684 §3.3.1). */
    public int subflowSeq() { return subflowSeq; }
    /** DSS F flag: DATA_FIN. */
    public boolean dataFin() { return dataFin; }
    /** DSS carries a checksum field. */
    public boolean hasChecksum() { return hasChecksum; }

    /** ADD_ADDR (v1): echo bit. */
    public boolean echo() { return echo; }
    /** ADD_ADDR address family: 4 or 6. */
    public int ipVersion() { return ipVersion; }
    /** ADD_ADDR address, same layout as {@link org.mpcap.analyzer.decode.IpView}. */
    public long addrHi() { return addrHi; }
    public long addrLo() { return addrLo; }
    /** ADD_ADDR port, or -1 if absent. */
    public int port() { return port; }
    /** ADD_ADDR carries a truncated HMAC. */
    public boolean hasHmac() { return hasHmac; }
    /** REMOVE_ADDR: number of address IDs. */
    public int removeIdCount() { return removeIdCount; }
    public int removeId(int i) { return removeIds[i]; }

    /** MP_TCPRST flag bits (U V W T). */
    public int tcprstFlags() { return tcprstFlags; }
    /** MP_TCPRST reason code (RFC 8684 §3.6, Table 6). */
    public int tcprstReason() { return tcprstReason; }

    /**
     * A deterministic one-line {@code key=value} description of this option's fields (the detail column of
     * the {@code mptcp-options} export), e.g.
     * {@code "version=1 flags=0x81 sender_key=0x0123456789abcdef receiver_key=0x..."}; unsigned decimals for
     * sequence numbers, lower-case {@code 0x} hex for keys, tokens, nonces and HMACs, and a trailing
     * {@code " invalid=<problem>"} for an invalid option. Allocates: for export, not per packet.
     */
    public String describe() {
        return MptcpOptionDecoder.describe(this);
    }
}
