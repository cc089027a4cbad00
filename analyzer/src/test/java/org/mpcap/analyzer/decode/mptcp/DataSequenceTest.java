package org.mpcap.analyzer.decode.mptcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 8684 §3.3.1: a 4-byte DSN or data ACK is the low 32 bits of the 64-bit value next to the last one known. */
class DataSequenceTest {
    @Test
    void fourByteValueExpandsToTheNearestAboveTheLastValue() {
        assertThat(DataSequence.expand32(0x1_0000_0100L, 0x200)).isEqualTo(0x1_0000_0200L);
    }

    @Test
    void fourByteValueWrapsForwardPastTheLow32Bits() {
        assertThat(DataSequence.expand32(0x1_ffff_fff0L, 0x10)).isEqualTo(0x2_0000_0010L);
    }

    @Test
    void fourByteValueSlightlyBelowTheLastValueExpandsBackwards() {
        assertThat(DataSequence.expand32(0x2_0000_0010L, 0xffff_fff0L)).isEqualTo(0x1_ffff_fff0L);
    }
}
