package org.mpcap.analyzer.decode.mptcp;

/** MPTCP option subtypes (RFC 8684 §3, IANA "MPTCP Option Subtypes"; v0 names from RFC 6824 §3). */
public enum MptcpSubtype {
    MP_CAPABLE(0x0),
    MP_JOIN(0x1),
    DSS(0x2),
    ADD_ADDR(0x3),
    REMOVE_ADDR(0x4),
    MP_PRIO(0x5),
    MP_FAIL(0x6),
    MP_FASTCLOSE(0x7),
    MP_TCPRST(0x8),
    /** Any other subtype value (including 0xf, MP_EXPERIMENTAL); the raw value is in {@link MptcpOption#subtypeCode()}. */
    UNKNOWN(-1);

    private static final MptcpSubtype[] BY_CODE = new MptcpSubtype[16];

    static {
        for (int i = 0; i < 16; i++) BY_CODE[i] = UNKNOWN;
        for (MptcpSubtype s : values()) if (s.code >= 0) BY_CODE[s.code] = s;
    }

    private final int code;

    MptcpSubtype(int code) { this.code = code; }

    /** The 4-bit wire value, or -1 for {@link #UNKNOWN}. */
    public int code() { return code; }

    /** Never throws: values without a name map to {@link #UNKNOWN}. */
    public static MptcpSubtype fromCode(int code) {
        return code >= 0 && code < 16 ? BY_CODE[code] : UNKNOWN;
    }
}
