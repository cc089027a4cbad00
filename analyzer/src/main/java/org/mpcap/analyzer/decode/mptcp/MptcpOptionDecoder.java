package org.mpcap.analyzer.decode.mptcp;

import org.mpcap.analyzer.decode.IpAddresses;

/**
 * Decodes MPTCP options (TCP option kind 30) into up to {@link #MAX_OPTIONS} <b>reused</b> {@link MptcpOption}
 * views, v0 (RFC 6824) and v1 (RFC 8684). Each option is checked against the (length, SYN/ACK) combinations
 * RFC 8684 §3 allows; an option that breaks them is still returned, with {@link MptcpOption#valid()} false
 * and a constant {@link MptcpOption#problem()}. Unknown subtypes are kept as {@link MptcpSubtype#UNKNOWN}
 * (valid: unknown is not invalid). Allocates nothing.
 */
public final class MptcpOptionDecoder {
    /** At most this many MPTCP options fit in one segment (40 bytes / 4-byte minimum). */
    public static final int MAX_OPTIONS = 10;

    /** Kind, length, subtype nibble: the least an MPTCP option carries. */
    static final int MIN_LENGTH = 3;
    static final int TCP_SYN = 0x02, TCP_ACK = 0x10;

    // Problems (constant strings: no allocation; no spaces, so "invalid=<problem>" stays one token).
    static final String TRUNCATED = "truncated";
    static final String BAD_LENGTH = "bad-length";
    static final String NOT_IN_VERSION = "length-not-defined-for-version";
    static final String NEEDS_SYN = "length-only-valid-on-syn";
    static final String NEEDS_SYN_ACK = "length-only-valid-on-syn-ack";
    static final String NEEDS_SYN_OR_SYN_ACK = "length-only-valid-on-syn-or-syn-ack";
    static final String NEEDS_ACK = "length-only-valid-on-ack-without-syn";
    static final String DSS_LENGTH = "length-inconsistent-with-flags";
    static final String NO_ADDRESS_IDS = "no-address-ids";

    // Field offsets from the kind byte shared by several subtypes.
    static final int SUBTYPE_BYTE = 2, FLAGS_BYTE = 3, FIRST_FIELD = 4;

    private final MptcpOption[] options = new MptcpOption[MAX_OPTIONS];
    private int count;

    public MptcpOptionDecoder() {
        for (int i = 0; i < MAX_OPTIONS; i++) options[i] = new MptcpOption();
    }

    /** Forgets the options of the previous segment. */
    public void reset() { count = 0; }

    /**
     * Decodes one MPTCP option occupying exactly {@code buf[off, off+len)} (kind and length bytes included)
     * and appends it. {@code tcpFlags} are the segment's TCP flags (validity depends on SYN/ACK). Bytes
     * outside the slice are never read; a slice that does not fit {@code buf} yields an invalid option.
     *
     * @return the decoded view (also marked invalid when the RFC does not allow its length/flags), or null if
     *     no slot is left
     */
    public MptcpOption decode(byte[] buf, int off, int len, int tcpFlags) {
        if (count == MAX_OPTIONS) return null;
        MptcpOption o = options[count++];
        o.clear();
        o.optionOffset = off;
        o.length = len;
        if (buf == null || off < 0 || len < MIN_LENGTH || len > buf.length - off) return invalid(o, TRUNCATED);
        if (len > MptcpOption.MAX_LENGTH) return invalid(o, BAD_LENGTH);
        int code = (buf[off + SUBTYPE_BYTE] & 0xff) >>> 4;
        o.subtypeCode = code;
        o.subtype = MptcpSubtype.fromCode(code);
        boolean syn = (tcpFlags & TCP_SYN) != 0;
        boolean ack = (tcpFlags & TCP_ACK) != 0;
        switch (o.subtype) {
            case MP_CAPABLE -> mpCapable(o, buf, off, len, syn, ack);
            case MP_JOIN -> mpJoin(o, buf, off, len, syn, ack);
            case DSS -> dss(o, buf, off, len);
            case ADD_ADDR -> addAddr(o, buf, off, len);
            case REMOVE_ADDR -> removeAddr(o, buf, off, len);
            case MP_PRIO -> mpPrio(o, buf, off, len);
            case MP_FAIL -> mpFail(o, buf, off, len);
            case MP_FASTCLOSE -> mpFastclose(o, buf, off, len);
            case MP_TCPRST -> mpTcprst(o, buf, off, len);
            default -> { } // UNKNOWN: kept with its code, valid (RFC 8684 §3: unknown subtypes are ignored)
        }
        return o;
    }

    /** Number of MPTCP options in the current segment. */
    public int count() { return count; }

    /** The i-th MPTCP option of the current segment (reused view). */
    public MptcpOption get(int i) {
        if (i < 0 || i >= count) throw new IndexOutOfBoundsException(i);
        return options[i];
    }

    private static MptcpOption invalid(MptcpOption o, String problem) {
        o.valid = false;
        o.problem = problem;
        return o;
    }

    private static void require(MptcpOption o, boolean ok, String problem) {
        if (!ok && o.valid) invalid(o, problem);
    }

    /**
     * MP_CAPABLE (RFC 8684 §3.1; RFC 6824 §3.1): subtype(4) version(4) flags(8), then by length:
     * v1: 4 = SYN (no key); 12 = SYN/ACK, sender's key; 20 = third ACK, sender's and receiver's keys;
     * 22 = + data-level length(2); 24 = + checksum(2) (first data packet, ACK without SYN).
     * v0: 12 = SYN or SYN/ACK, sender's key; 20 = third ACK, both keys. Versions above 1 use the v1 layout.
     */
    private static void mpCapable(MptcpOption o, byte[] b, int off, int len, boolean syn, boolean ack) {
        if (len < FIRST_FIELD) {
            invalid(o, TRUNCATED);
            return;
        }
        o.version = b[off + SUBTYPE_BYTE] & 0x0f;
        o.capableFlags = b[off + FLAGS_BYTE] & 0xff;
        boolean v0 = o.version == 0;
        switch (len) {
            case 4 -> {
                require(o, !v0, NOT_IN_VERSION);
                require(o, syn && !ack, NEEDS_SYN);
            }
            case 12 -> {
                o.hasSenderKey = true;
                o.senderKey = i64(b, off + 4);
                if (v0) require(o, syn, NEEDS_SYN_OR_SYN_ACK); // RFC 6824 §3.1: the same option on SYN and SYN/ACK
                else require(o, syn && ack, NEEDS_SYN_ACK);
            }
            case 20, 22, 24 -> {
                o.hasSenderKey = true;
                o.senderKey = i64(b, off + 4);
                o.hasReceiverKey = true;
                o.receiverKey = i64(b, off + 12);
                if (len >= 22) o.dataLevelLength = u16(b, off + 20);
                if (len == 24) o.checksum = u16(b, off + 22);
                require(o, !v0 || len == 20, NOT_IN_VERSION);
                require(o, ack && !syn, NEEDS_ACK);
            }
            default -> {
                invalid(o, BAD_LENGTH);
                return;
            }
        }
        o.fieldsDecoded = true;
    }

    /**
     * MP_JOIN (RFC 8684 §3.2; RFC 6824 §3.2): SYN, length 12: B flag, address ID, receiver's
     * token(4), sender's random number(4). SYN/ACK, length 16: B, address ID, sender's truncated HMAC(8),
     * random number(4). Third ACK, length 24: reserved(12 bits), sender's HMAC(20).
     */
    private static void mpJoin(MptcpOption o, byte[] b, int off, int len, boolean syn, boolean ack) {
        switch (len) {
            case 12 -> {
                o.backup = (b[off + SUBTYPE_BYTE] & 0x01) != 0;
                o.addressId = b[off + FLAGS_BYTE] & 0xff;
                o.token = u32(b, off + 4);
                o.nonce = i32(b, off + 8);
                require(o, syn && !ack, NEEDS_SYN);
            }
            case 16 -> {
                o.backup = (b[off + SUBTYPE_BYTE] & 0x01) != 0;
                o.addressId = b[off + FLAGS_BYTE] & 0xff;
                o.truncatedHmac = i64(b, off + 4);
                o.nonce = i32(b, off + 12);
                require(o, syn && ack, NEEDS_SYN_ACK);
            }
            case 24 -> {
                System.arraycopy(b, off + 4, o.hmac, 0, 20);
                o.hmacLength = 20;
                require(o, ack && !syn, NEEDS_ACK);
            }
            default -> {
                invalid(o, BAD_LENGTH);
                return;
            }
        }
        o.fieldsDecoded = true;
    }

    /**
     * DSS (RFC 8684 §3.3; RFC 6824 §3.3): subtype(4) reserved(7 bits) F m M a A, then the data ACK
     * (4 or 8 bytes, if A) and the mapping (if M): DSN (4 or 8), subflow sequence number(4), data-level
     * length(2) and an optional checksum(2). The option length is the only sign of the checksum, so it must be
     * exactly the flags' size or that plus 2 (with a mapping).
     */
    private static void dss(MptcpOption o, byte[] b, int off, int len) {
        if (len < FIRST_FIELD) {
            invalid(o, TRUNCATED);
            return;
        }
        int flags = b[off + FLAGS_BYTE] & 0x1f;
        o.dssFlags = flags;
        boolean a = (flags & MptcpOption.DSS_A) != 0, a8 = (flags & MptcpOption.DSS_a) != 0;
        boolean m = (flags & MptcpOption.DSS_M) != 0, m8 = (flags & MptcpOption.DSS_m) != 0;
        int expected = FIRST_FIELD + (a ? (a8 ? 8 : 4) : 0) + (m ? (m8 ? 8 : 4) + 4 + 2 : 0);
        boolean checksum = m && len == expected + 2;
        if (len != expected && !checksum) {
            invalid(o, DSS_LENGTH);
            return;
        }
        int pos = off + FIRST_FIELD;
        if (a) {
            o.hasDataAck = true;
            o.dataAck8 = a8;
            o.dataAck = a8 ? i64(b, pos) : u32(b, pos);
            pos += a8 ? 8 : 4;
        }
        if (m) {
            o.hasMapping = true;
            o.dsn8 = m8;
            o.dsn = m8 ? i64(b, pos) : u32(b, pos);
            pos += m8 ? 8 : 4;
            o.subflowSeq = i32(b, pos);
            o.dataLevelLength = u16(b, pos + 4);
            pos += 6;
            if (checksum) {
                o.hasChecksum = true;
                o.checksum = u16(b, pos);
            }
        }
        o.dataFin = (flags & MptcpOption.DSS_F) != 0;
        o.fieldsDecoded = true;
    }

    /**
     * ADD_ADDR. v0 (RFC 6824 §3.4.1): subtype(4) IPVer(4) = 4 or 6, address ID, address, optional
     * port: lengths 8/10 (IPv4), 20/22 (IPv6). v1 (RFC 8684 §3.4.1): subtype(4) reserved(3) E,
     * address ID, address, optional port, truncated HMAC(8) unless E (echo): IPv4 8/10 (echo), 16/18;
     * IPv6 20/22 (echo), 28/30. The nibble tells the two apart: 4/6 is v0, anything else v1 (E = low bit).
     */
    private static void addAddr(MptcpOption o, byte[] b, int off, int len) {
        if (len < FIRST_FIELD) {
            invalid(o, TRUNCATED);
            return;
        }
        int nibble = b[off + SUBTYPE_BYTE] & 0x0f;
        o.addressId = b[off + FLAGS_BYTE] & 0xff;
        int addrLen;
        boolean port;
        if (nibble == 4 || nibble == 6) {
            o.version = 0;
            o.ipVersion = nibble;
            addrLen = nibble == 4 ? 4 : 16;
            int base = FIRST_FIELD + addrLen;
            if (len != base && len != base + 2) {
                invalid(o, BAD_LENGTH);
                return;
            }
            port = len == base + 2;
        } else {
            o.version = 1;
            o.echo = (nibble & 0x01) != 0;
            int hmac = o.echo ? 0 : 8;
            if (len == FIRST_FIELD + 4 + hmac || len == FIRST_FIELD + 4 + 2 + hmac) {
                o.ipVersion = 4;
                addrLen = 4;
            } else if (len == FIRST_FIELD + 16 + hmac || len == FIRST_FIELD + 16 + 2 + hmac) {
                o.ipVersion = 6;
                addrLen = 16;
            } else {
                invalid(o, BAD_LENGTH);
                return;
            }
            port = len == FIRST_FIELD + addrLen + 2 + hmac;
            if (!o.echo) {
                o.hasHmac = true;
                o.truncatedHmac = i64(b, off + len - 8);
            }
        }
        int pos = off + FIRST_FIELD;
        if (addrLen == 4) {
            o.addrHi = 0;
            o.addrLo = IpAddresses.v4Lo(i32(b, pos));
        } else {
            o.addrHi = i64(b, pos);
            o.addrLo = i64(b, pos + 8);
        }
        if (port) o.port = u16(b, pos + addrLen);
        o.fieldsDecoded = true;
    }

    /** REMOVE_ADDR (RFC 8684 §3.4.2): subtype(4) reserved(4), then one address ID per byte, n ≥ 1. */
    private static void removeAddr(MptcpOption o, byte[] b, int off, int len) {
        if (len == MIN_LENGTH) {
            invalid(o, NO_ADDRESS_IDS);
            return;
        }
        int n = len - MIN_LENGTH;
        for (int i = 0; i < n; i++) o.removeIds[i] = b[off + MIN_LENGTH + i] & 0xff;
        o.removeIdCount = n;
        o.fieldsDecoded = true;
    }

    /**
     * MP_PRIO (RFC 8684 §3.3.8): subtype(4) reserved(3) B, length 3. RFC 6824 §3.3.8 also allows
     * length 4 with an address ID.
     */
    private static void mpPrio(MptcpOption o, byte[] b, int off, int len) {
        if (len != 3 && len != 4) {
            invalid(o, BAD_LENGTH);
            return;
        }
        o.backup = (b[off + SUBTYPE_BYTE] & 0x01) != 0;
        if (len == 4) o.addressId = b[off + FLAGS_BYTE] & 0xff;
        o.fieldsDecoded = true;
    }

    /** MP_FAIL (RFC 8684 §3.7; RFC 6824 §3.6): subtype(4) reserved(12 bits), DSN(8); length 12. */
    private static void mpFail(MptcpOption o, byte[] b, int off, int len) {
        if (len != 12) {
            invalid(o, BAD_LENGTH);
            return;
        }
        o.dsn8 = true;
        o.dsn = i64(b, off + 4);
        o.fieldsDecoded = true;
    }

    /** MP_FASTCLOSE (RFC 8684 §3.5; RFC 6824 §3.5): reserved(12 bits), receiver's key(8); length 12. */
    private static void mpFastclose(MptcpOption o, byte[] b, int off, int len) {
        if (len != 12) {
            invalid(o, BAD_LENGTH);
            return;
        }
        o.hasReceiverKey = true;
        o.receiverKey = i64(b, off + 4);
        o.fieldsDecoded = true;
    }

    /** MP_TCPRST (RFC 8684 §3.6): subtype(4) U V W T, reason code(8); length 4. */
    private static void mpTcprst(MptcpOption o, byte[] b, int off, int len) {
        if (len != 4) {
            invalid(o, BAD_LENGTH);
            return;
        }
        o.tcprstFlags = b[off + SUBTYPE_BYTE] & 0x0f;
        o.tcprstReason = b[off + FLAGS_BYTE] & 0xff;
        o.fieldsDecoded = true;
    }

    static String describe(MptcpOption o) {
        StringBuilder s = new StringBuilder(96);
        if (!o.fieldsDecoded) {
            if (o.subtype == MptcpSubtype.UNKNOWN) s.append("subtype=").append(o.subtypeCode).append(' ');
            s.append("length=").append(o.length);
        } else {
            switch (o.subtype) {
                case MP_CAPABLE -> {
                    s.append("version=").append(o.version).append(" flags=0x").append(hex(o.capableFlags, 2));
                    if (o.hasSenderKey) s.append(" sender_key=0x").append(hex(o.senderKey, 16));
                    if (o.hasReceiverKey) s.append(" receiver_key=0x").append(hex(o.receiverKey, 16));
                    if (o.dataLevelLength >= 0) s.append(" dll=").append(o.dataLevelLength);
                    if (o.checksum >= 0) s.append(" checksum=0x").append(hex(o.checksum, 4));
                }
                case MP_JOIN -> {
                    if (o.length == 24) {
                        s.append("hmac=0x");
                        for (int i = 0; i < o.hmacLength; i++) s.append(hex(o.hmac[i] & 0xff, 2));
                    } else {
                        s.append("backup=").append(o.backup ? 1 : 0).append(" address_id=").append(o.addressId);
                        if (o.length == 12) s.append(" token=0x").append(hex(o.token, 8));
                        else s.append(" hmac=0x").append(hex(o.truncatedHmac, 16));
                        s.append(" nonce=0x").append(hex(o.nonce & 0xffff_ffffL, 8));
                    }
                }
                case DSS -> {
                    s.append("flags=0x").append(hex(o.dssFlags, 2));
                    s.append(" data_ack=").append(o.hasDataAck ? Long.toUnsignedString(o.dataAck) : "none");
                    if (o.hasMapping) {
                        s.append(" dsn=").append(Long.toUnsignedString(o.dsn))
                                .append(" ssn=").append(Integer.toUnsignedString(o.subflowSeq))
                                .append(" dll=").append(o.dataLevelLength)
                                .append(" checksum=").append(o.hasChecksum ? "0x" + hex(o.checksum, 4) : "absent");
                    } else {
                        s.append(" dsn=none");
                    }
                    s.append(" data_fin=").append(o.dataFin ? 1 : 0);
                }
                case ADD_ADDR -> {
                    if (o.version == 0) s.append("version=0");
                    else s.append("echo=").append(o.echo ? 1 : 0);
                    s.append(" address_id=").append(o.addressId)
                            .append(" address=").append(IpAddresses.format(o.addrHi, o.addrLo))
                            .append(" port=").append(o.port >= 0 ? Integer.toString(o.port) : "none");
                    if (o.version == 1) s.append(" hmac=").append(o.hasHmac ? "0x" + hex(o.truncatedHmac, 16) : "none");
                }
                case REMOVE_ADDR -> {
                    s.append("ids=");
                    for (int i = 0; i < o.removeIdCount; i++) {
                        if (i > 0) s.append(',');
                        s.append(o.removeIds[i]);
                    }
                }
                case MP_PRIO -> {
                    s.append("backup=").append(o.backup ? 1 : 0);
                    if (o.addressId >= 0) s.append(" address_id=").append(o.addressId);
                }
                case MP_FAIL -> s.append("dsn=").append(Long.toUnsignedString(o.dsn));
                case MP_FASTCLOSE -> s.append("receiver_key=0x").append(hex(o.receiverKey, 16));
                case MP_TCPRST -> s.append("flags=0x").append(hex(o.tcprstFlags, 1))
                        .append(" reason=").append(o.tcprstReason);
                default -> s.append("subtype=").append(o.subtypeCode).append(" length=").append(o.length);
            }
        }
        if (!o.valid) s.append(" invalid=").append(o.problem);
        return s.toString();
    }

    private static String hex(long v, int digits) {
        String h = Long.toHexString(v);
        if (h.length() >= digits) return h;
        return "0".repeat(digits - h.length()) + h;
    }

    static int i32(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    static long u32(byte[] b, int i) {
        return i32(b, i) & 0xffff_ffffL;
    }

    static long i64(byte[] b, int i) {
        return ((long) i32(b, i) << 32) | u32(b, i + 4);
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }
}
