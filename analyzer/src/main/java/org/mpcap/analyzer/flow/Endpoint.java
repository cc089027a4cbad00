package org.mpcap.analyzer.flow;

import org.mpcap.analyzer.decode.IpAddresses;

/** One side of a TCP connection: address (two-long layout of {@code IpView}) and port. Immutable value. */
public record Endpoint(long hi, long lo, int port) {

    /** The address in canonical text form ({@link IpAddresses#format}). */
    public String address() { return IpAddresses.format(hi, lo); }

    /** True if both endpoints have the same address (ports ignored). */
    public boolean sameAddress(Endpoint other) { return hi == other.hi && lo == other.lo; }

    @Override
    public String toString() {
        String a = address();
        return (a.indexOf(':') >= 0 ? "[" + a + "]" : a) + ":" + port;
    }
}
