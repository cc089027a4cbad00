package org.mpcap.analyzer.mptcp;

/** Result of checking an MP_JOIN subflow's HMACs (RFC 8684 §3.2; RFC 6824 §3.2 for v0). */
public enum HmacStatus {
    /** Every HMAC present (SYN/ACK truncated HMAC, third-ACK HMAC) matches the keys and nonces. */
    VALID("valid"),
    /** At least one HMAC does not match. */
    INVALID("invalid"),
    /** A key or nonce is missing from the capture, so nothing could be checked. */
    UNKNOWN("unknown"),
    /** Not a join subflow. */
    NOT_APPLICABLE("n/a");

    private final String label;

    HmacStatus(String label) { this.label = label; }

    public String label() { return label; }
}
