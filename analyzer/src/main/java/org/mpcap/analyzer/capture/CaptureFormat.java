package org.mpcap.analyzer.capture;

/** What a capture file turned out to be, decided from its magic bytes (never from its name). */
public enum CaptureFormat {
    PCAP_MICROS("pcap"),
    PCAP_NANOS("pcap (nanosecond)"),
    PCAPNG("pcapng");

    private final String label;

    CaptureFormat(String label) { this.label = label; }

    /** Human-readable name, e.g. {@code pcapng}. */
    public String label() { return label; }
}
