package org.mpcap.analyzer.mptcp;

/** How far an MPTCP connection got, as far as the capture shows. */
public enum ConnectionState {
    /** MP_CAPABLE was answered with MP_CAPABLE (SYN/ACK), or both keys were seen on the third ACK. */
    ESTABLISHED("established"),
    /**
     * Plain TCP (RFC 8684 §3.7): MP_CAPABLE was offered in the SYN but the SYN/ACK carried none, or the
     * connection fell back later, on an MP_FAIL without RST (a checksum failure on its only subflow).
     */
    FALLBACK("fallback"),
    /** MP_CAPABLE SYN(s) without any SYN/ACK in the capture. */
    UNANSWERED("unanswered"),
    /**
     * The initial handshake is not in the capture (capture started later, or only joins were seen); subflows were
     * grouped by token or by data-sequence/address evidence.
     */
    PARTIAL("partial");

    private final String label;

    ConnectionState(String label) { this.label = label; }

    /** Lower-case name used in tables. */
    public String label() { return label; }
}
