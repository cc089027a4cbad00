package org.mpcap.analyzer.decode.mptcp;

/** Arithmetic on MPTCP data sequence numbers (DSNs and data ACKs), RFC 8684 §3.3. */
public final class DataSequence {
    private DataSequence() {}

    /**
     * The 64-bit value whose low 32 bits are {@code low32} and which lies nearest to {@code reference} (within
     * ±2^31), for a DSN or data ACK sent in its 4-byte form: RFC 8684 §3.3.1 says a 4-byte value is the low 32
     * bits of the 64-bit one, so the receiver expands it next to the last value it knows. Wraps both ways.
     */
    public static long expand32(long reference, long low32) {
        return reference + (int) ((int) low32 - (int) reference);
    }
}
