package org.mpcap.analyzer.decode;

/** Text forms of the two-long addresses of {@link IpView}. Allocates: not for the per-packet path. */
public final class IpAddresses {
    /** hi word of every IPv4-mapped address. */
    public static final long V4_MAPPED_HI = 0L;
    /** Bits of the lo word that mark an IPv4-mapped address. */
    public static final long V4_MAPPED_LO_PREFIX = 0x0000_ffff_0000_0000L;

    private IpAddresses() {}

    /** True if (hi, lo) is an IPv4-mapped address, i.e. an IPv4 address. */
    public static boolean isV4(long hi, long lo) {
        return hi == 0 && (lo & 0xffff_ffff_0000_0000L) == V4_MAPPED_LO_PREFIX;
    }

    /** Packs an IPv4 address (as an unsigned 32-bit int) into the lo word. */
    public static long v4Lo(int addr) {
        return V4_MAPPED_LO_PREFIX | (addr & 0xffff_ffffL);
    }

    /** Canonical text: dotted quad for IPv4, RFC 5952 form for IPv6 (lower case, longest zero run as ::). */
    public static String format(long hi, long lo) {
        if (isV4(hi, lo)) {
            int a = (int) lo;
            return ((a >>> 24) & 0xff) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
            g[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        }
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) { i++; continue; }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
