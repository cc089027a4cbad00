package org.mpcap.analyzer.stats.rtt;

/**
 * Receives RTT samples from the estimators of one TCP stream (or one MPTCP connection), as primitives: no
 * object per sample.
 */
interface RttSink {
    /** Index of the client → server direction (the SYN sender's data). */
    int C2S = 0;
    /** Index of the server → client direction. */
    int S2C = 1;

    /**
     * One sample.
     *
     * @param direction   {@link #C2S} or {@link #S2C}: the direction of the data being acknowledged
     * @param subflow     for {@code data} samples the subflow index that carried the mapping, else -1
     * @param tcpStream   for {@code data} samples the tcp stream that carried the mapping, else -1
     * @param timeNanos   time of the acknowledging packet (the caller's time base)
     * @param relSeq      relative sequence number (data: relative DSN) of the acknowledged segment
     * @param rttNanos    the RTT (may be ≤ 0 when capture timestamps repeat or go backwards)
     * @param frame       frame number of the acknowledging packet
     */
    void sample(int direction, int subflow, int tcpStream, long timeNanos, long relSeq, long rttNanos, long frame);
}
