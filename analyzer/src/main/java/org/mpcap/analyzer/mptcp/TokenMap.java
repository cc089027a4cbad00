package org.mpcap.analyzer.mptcp;

import java.util.Arrays;

/**
 * Tokens (unsigned 32-bit, RFC 8684 §3.2) to connection numbers in an open-addressing table of two int arrays:
 * about 16 bytes per token instead of a boxed {@code HashMap} entry's 60, for captures of a million connections.
 */
final class TokenMap {
    private int[] keys = new int[64];
    /** value + 1; 0 = empty slot */
    private int[] values = new int[64];
    private int size;

    /** The value stored for {@code token}, or -1. */
    int get(long token) {
        int k = (int) token;
        for (int i = slot(k, keys.length); values[i] != 0; i = (i + 1) & (keys.length - 1)) {
            if (keys[i] == k) return values[i] - 1;
        }
        return -1;
    }

    /** Stores {@code value} (≥ 0) for {@code token} unless the token already has one. */
    void putIfAbsent(long token, int value) {
        int k = (int) token;
        int i = slot(k, keys.length);
        for (; values[i] != 0; i = (i + 1) & (keys.length - 1)) {
            if (keys[i] == k) return;
        }
        keys[i] = k;
        values[i] = value + 1;
        if (++size * 2 > keys.length) grow();
    }

    private static int slot(int k, int length) {
        int h = k * 0x9E3779B9;
        return (h ^ (h >>> 16)) & (length - 1);
    }

    private void grow() {
        int[] ok = keys, ov = values;
        keys = new int[ok.length * 2];
        values = new int[ok.length * 2];
        for (int j = 0; j < ok.length; j++) {
            if (ov[j] == 0) continue;
            int i = slot(ok[j], keys.length);
            while (values[i] != 0) i = (i + 1) & (keys.length - 1);
            keys[i] = ok[j];
            values[i] = ov[j];
        }
        assert Arrays.stream(values).filter(v -> v != 0).count() == size;
    }
}
