package org.mpcap.analyzer.mptcp;

/** Whether a subflow opened the connection (MP_CAPABLE) or joined it (MP_JOIN). */
public enum SubflowRole {
    INITIAL("initial"),
    JOIN("join"),
    /** Handshake not in the capture: cannot tell. */
    UNKNOWN("unknown");

    private final String label;

    SubflowRole(String label) { this.label = label; }

    public String label() { return label; }
}
