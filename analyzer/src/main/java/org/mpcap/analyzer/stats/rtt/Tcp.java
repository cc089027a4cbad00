package org.mpcap.analyzer.stats.rtt;

import org.mpcap.analyzer.decode.TcpView;

/** TCP flag bits and modulo-2^32 sequence comparison (RFC 9293 §3.4) used by the estimators. */
final class Tcp {
    static final int FIN = TcpView.FIN, SYN = TcpView.SYN, RST = TcpView.RST, ACK = TcpView.ACK;

    private Tcp() {
    }

    /** {@code a} is before {@code b} in sequence space (modulo 2^32). */
    static boolean lt(int a, int b) {
        return a - b < 0;
    }

    /** {@code a} is at or before {@code b} in sequence space (modulo 2^32). */
    static boolean le(int a, int b) {
        return a - b <= 0;
    }
}
