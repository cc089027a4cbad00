package org.mpcap.analyzer.decode.mptcp;

/**
 * Decodes MPTCP options (TCP option kind 30) into reused {@link MptcpOption} views. Placeholder until the
 * decoder lands.
 */
public final class MptcpOptionDecoder {
    /** At most this many MPTCP options fit in one segment (40 bytes / 4-byte minimum). */
    public static final int MAX_OPTIONS = 10;

    private final MptcpOption[] options = new MptcpOption[MAX_OPTIONS];
    private int count;

    public MptcpOptionDecoder() {
        for (int i = 0; i < MAX_OPTIONS; i++) options[i] = new MptcpOption();
    }

    /** Forgets the options of the previous segment. */
    public void reset() { count = 0; }

    /**
     * Decodes one MPTCP option occupying exactly {@code buf[off, off+len)} (kind and length bytes included)
     * and appends it. {@code tcpFlags} are the segment's TCP flags (validity depends on SYN/ACK).
     *
     * @return the decoded view (also marked invalid when the RFC does not allow its length/flags), or null if
     *     no slot is left
     */
    public MptcpOption decode(byte[] buf, int off, int len, int tcpFlags) {
        if (count == MAX_OPTIONS) return null;
        MptcpOption o = options[count++];
        o.optionOffset = off;
        o.length = len;
        o.valid = false;
        o.problem = "not decoded yet";
        return o;
    }

    /** Number of MPTCP options in the current segment. */
    public int count() { return count; }

    /** The i-th MPTCP option of the current segment (reused view). */
    public MptcpOption get(int i) { return options[i]; }

    static String describe(MptcpOption o) {
        return o.subtype + " len=" + o.length;
    }
}
