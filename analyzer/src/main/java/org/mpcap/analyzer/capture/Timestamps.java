package org.mpcap.analyzer.capture;

/**
 * Exact integer conversion of pcapng timestamps (a 64-bit unsigned count of ticks of 10^-n or 2^-n seconds,
 * draft-ietf-opsawg-pcapng §4.2 {@code if_tsresol}, §4.3) to epoch nanoseconds. No floating point: results
 * are floor(ticks × 10^9 / ticks-per-second), exact to the nanosecond. Times that do not fit a signed 64-bit
 * nanosecond count (after 2262-04-11) saturate to {@link Long#MAX_VALUE}.
 */
final class Timestamps {
    static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Largest whole-second count whose nanoseconds plus any fraction still fit a long. */
    static final long MAX_SECONDS = (Long.MAX_VALUE - (NANOS_PER_SECOND - 1)) / NANOS_PER_SECOND;
    /** Largest exponent of a power-of-10 resolution: 10^18 ticks per second still fits a long. */
    static final int MAX_DECIMAL_EXPONENT = 18;
    /** Largest exponent of a power-of-2 resolution: 2^63 ticks per second. */
    static final int MAX_BINARY_EXPONENT = 63;

    private static final long[] POW10 = new long[MAX_DECIMAL_EXPONENT + 1];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private Timestamps() {}

    static long pow10(int exponent) {
        return POW10[exponent];
    }

    /**
     * Converts {@code ticks} (unsigned) of 2^-exponent s ({@code binary}) or 10^-exponent s to nanoseconds.
     *
     * @param exponent 0..{@value #MAX_BINARY_EXPONENT} for binary, 0..{@value #MAX_DECIMAL_EXPONENT} for decimal
     */
    static long ticksToNanos(long ticks, boolean binary, int exponent) {
        long seconds;
        long fractionNanos;
        if (binary) {
            seconds = ticks >>> exponent;
            long fraction = exponent == 0 ? 0 : ticks & ((1L << exponent) - 1);
            if (exponent <= 33) {
                fractionNanos = (fraction * NANOS_PER_SECOND) >>> exponent; // < 2^33 * 10^9 < 2^63
            } else {
                // 128-bit product fraction × 10^9 (both non-negative, so the signed high word is right),
                // shifted right by exponent; the result is < 10^9.
                long high = Math.multiplyHigh(fraction, NANOS_PER_SECOND);
                long low = fraction * NANOS_PER_SECOND;
                fractionNanos = (high << (64 - exponent)) | (low >>> exponent);
            }
        } else {
            long unitsPerSecond = POW10[exponent];
            seconds = Long.divideUnsigned(ticks, unitsPerSecond);
            long rest = Long.remainderUnsigned(ticks, unitsPerSecond);
            fractionNanos = exponent <= 9 ? rest * POW10[9 - exponent] : rest / POW10[exponent - 9];
        }
        if (seconds < 0 || seconds > Long.MAX_VALUE / NANOS_PER_SECOND) {
            return Long.MAX_VALUE;
        }
        long nanos = seconds * NANOS_PER_SECOND + fractionNanos;
        return nanos < 0 ? Long.MAX_VALUE : nanos;
    }

    /** {@code seconds × 10^9}, saturated to the long range (for {@code if_tsoffset}). */
    static long secondsToNanos(long seconds) {
        if (seconds > MAX_SECONDS) {
            return Long.MAX_VALUE;
        }
        if (seconds < -MAX_SECONDS) {
            return Long.MIN_VALUE;
        }
        return seconds * NANOS_PER_SECOND;
    }

    /** {@code a + b}, saturated to the long range. */
    static long saturatedAdd(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }
}
