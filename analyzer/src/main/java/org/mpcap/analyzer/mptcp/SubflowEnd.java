package org.mpcap.analyzer.mptcp;

/** How a subflow ended, by precedence: MP_FASTCLOSE, MP_TCPRST, RST, FIN, else still open. */
public enum SubflowEnd {
    MP_FASTCLOSE("mp_fastclose"),
    MP_TCPRST("mp_tcprst"),
    RST("rst"),
    FIN("fin"),
    OPEN("open");

    private final String label;

    SubflowEnd(String label) { this.label = label; }

    public String label() { return label; }

    /** RFC 8684 §3.6 Table 6 reason codes as short names; other values as their decimal number. */
    public static String tcprstReason(int code) {
        return switch (code) {
            case 0 -> "unspecified";
            case 1 -> "mptcp_error";
            case 2 -> "lack_of_resources";
            case 3 -> "administratively_prohibited";
            case 4 -> "too_much_outstanding_data";
            case 5 -> "unacceptable_performance";
            case 6 -> "middlebox_interference";
            default -> Integer.toString(code);
        };
    }
}
