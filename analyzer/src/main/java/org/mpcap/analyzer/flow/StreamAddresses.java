package org.mpcap.analyzer.flow;

/**
 * The two endpoint addresses of each TCP stream, as the TCP tracker keeps them: what the MPTCP tracker asks when it
 * groups a stream seen without handshake by a 4-byte DSN and address evidence, so that it need not keep a second
 * copy of every subflow's addresses (32 bytes a subflow).
 */
public interface StreamAddresses {
    /** True if {@code stream} has the address (hi, lo) at one of its two ends. */
    boolean hasAddress(int stream, long hi, long lo);
}
