package org.mpcap.analyzer.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Exact tick → nanosecond conversion for if_tsresol (draft-ietf-opsawg-pcapng §4.2). */
class TimestampsTest {
    private static final BigInteger NS = BigInteger.valueOf(1_000_000_000L);

    /** floor(unsigned ticks × 10^9 / ticks-per-second), computed with BigInteger. */
    private static long reference(long ticks, boolean binary, int exponent) {
        BigInteger t = new BigInteger(Long.toUnsignedString(ticks));
        BigInteger perSecond = binary ? BigInteger.ONE.shiftLeft(exponent) : BigInteger.TEN.pow(exponent);
        BigInteger nanos = t.multiply(NS).divide(perSecond);
        return nanos.bitLength() > 63 ? Long.MAX_VALUE : nanos.longValueExact();
    }

    @Test
    void convertsMicrosecondsByMultiplying() {
        assertThat(Timestamps.ticksToNanos(1_700_000_000_123_456L, false, 6)).isEqualTo(1_700_000_000_123_456_000L);
    }

    @Test
    void convertsNanosecondsUnchanged() {
        assertThat(Timestamps.ticksToNanos(1_700_000_000_123_456_789L, false, 9)).isEqualTo(1_700_000_000_123_456_789L);
    }

    @Test
    void truncatesResolutionsFinerThanANanosecond() {
        // 1_700_000.000_123_456_789 s in picoseconds
        assertThat(Timestamps.ticksToNanos(1_700_000_000_123_456_789L, false, 12)).isEqualTo(1_700_000_000_123_456L);
        assertThat(Timestamps.ticksToNanos(1_234_567_899L, false, 12)).isEqualTo(1_234_567L);
    }

    @Test
    void convertsTwoToTheMinus20Exactly() {
        long ticks = (1_700_000_000L << 20) | 0x80000; // half a second
        assertThat(Timestamps.ticksToNanos(ticks, true, 20)).isEqualTo(1_700_000_000_500_000_000L);
        assertThat(Timestamps.ticksToNanos((5L << 20) | 1, true, 20)).isEqualTo(5_000_000_000L + 953);
    }

    @Test
    void convertsTwoToTheMinus32WithTheWideProductPath() {
        long ticks = (1_700_000_000L << 32) | 0xC000_0000L; // .75 s; exponent 32 uses the 64-bit product
        assertThat(Timestamps.ticksToNanos(ticks, true, 32)).isEqualTo(1_700_000_000_750_000_000L);
        assertThat(Timestamps.ticksToNanos(0xFFFF_FFFF_FFFFL, true, 48)).isEqualTo(reference(0xFFFF_FFFF_FFFFL, true, 48));
    }

    @Test
    void matchesBigIntegerArithmeticForEveryExponent() {
        SplittableRandom random = new SplittableRandom(20240601);
        for (int exponent = 0; exponent <= Timestamps.MAX_BINARY_EXPONENT; exponent++) {
            for (int i = 0; i < 200; i++) {
                long ticks = i < 100 ? random.nextLong() : random.nextLong(1L << Math.min(62, exponent + 33));
                assertThat(Timestamps.ticksToNanos(ticks, true, exponent))
                        .as("2^-%d, ticks %s", exponent, Long.toUnsignedString(ticks))
                        .isEqualTo(reference(ticks, true, exponent));
            }
        }
        for (int exponent = 0; exponent <= Timestamps.MAX_DECIMAL_EXPONENT; exponent++) {
            for (int i = 0; i < 200; i++) {
                long ticks = random.nextLong();
                assertThat(Timestamps.ticksToNanos(ticks, false, exponent))
                        .as("10^-%d, ticks %s", exponent, Long.toUnsignedString(ticks))
                        .isEqualTo(reference(ticks, false, exponent));
            }
        }
    }

    @Test
    void saturatesTimesBeyondTheYear2262() {
        assertThat(Timestamps.ticksToNanos(-1L, false, 6)).isEqualTo(Long.MAX_VALUE);
        assertThat(Timestamps.ticksToNanos(Long.MAX_VALUE, true, 0)).isEqualTo(Long.MAX_VALUE);
        assertThat(Timestamps.secondsToNanos(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(Timestamps.saturatedAdd(Long.MAX_VALUE - 1, 5)).isEqualTo(Long.MAX_VALUE);
        assertThat(Timestamps.saturatedAdd(Long.MIN_VALUE + 1, -5)).isEqualTo(Long.MIN_VALUE);
    }
}
