package org.mpcap.analyzer.table;

import java.util.Comparator;

/**
 * The one order of IP addresses in every table, column list and chart legend: IPv4 before IPv6, then by the
 * address' bytes as an unsigned number ({@code 10.0.1.6 < 10.0.2.6 < 10.0.10.6}, not the text order). Text
 * that is not an address sorts after every address, in text order.
 */
public final class Addresses {
    private Addresses() {}

    /** Compares address texts (canonical forms as the tables print them). */
    public static final Comparator<String> ORDER = Addresses::compare;

    private static int compare(String a, String b) {
        byte[] x = parse(a), y = parse(b);
        if (x == null || y == null) {
            if (x != null) return -1;
            if (y != null) return 1;
            return a.compareTo(b);
        }
        if (x.length != y.length) return Integer.compare(x.length, y.length);
        int c = java.util.Arrays.compareUnsigned(x, y);
        return c != 0 ? c : a.compareTo(b);
    }

    /** The address' bytes (4 or 16), or null when {@code s} is not an IPv4 or IPv6 literal. No name lookup. */
    static byte[] parse(String s) {
        if (s == null || s.isEmpty()) return null;
        if (s.indexOf(':') < 0) {
            String[] p = s.split("\\.", -1);
            if (p.length != 4) return null;
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (p[i].isEmpty() || p[i].length() > 3 || !p[i].chars().allMatch(Character::isDigit)) return null;
                int v = Integer.parseInt(p[i]);
                if (v > 255) return null;
                out[i] = (byte) v;
            }
            return out;
        }
        // IPv6: only hex digits, ':' and '.' (embedded IPv4) reach InetAddress, so it never resolves a name.
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!(Character.digit(ch, 16) >= 0 || ch == ':' || ch == '.')) return null;
        }
        try {
            byte[] b = java.net.InetAddress.getByName(s).getAddress();
            if (b.length == 4) { // ::ffff:a.b.c.d is returned as IPv4; keep it among the IPv6 addresses
                byte[] m = new byte[16];
                m[10] = (byte) 0xff;
                m[11] = (byte) 0xff;
                System.arraycopy(b, 0, m, 12, 4);
                return m;
            }
            return b;
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }
}
