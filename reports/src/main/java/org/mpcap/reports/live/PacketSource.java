package org.mpcap.reports.live;

import java.io.IOException;

/** Packets arriving while an experiment runs: network interfaces through libpcap, or a capture stream. */
public interface PacketSource {
    /**
     * Captures into {@code sink} until {@link #stop} or the end of the input (a stream's end), on the calling
     * thread (or threads of its own, joined before returning).
     *
     * @throws IOException a capture failed (the message is one line and names the interface or stream)
     */
    void run(PacketSink sink) throws IOException, InterruptedException;

    /** Asks {@link #run} to return soon (within about the libpcap read timeout); callable from any thread. */
    void stop();

    /** Packets the kernel or libpcap dropped (buffer full), or -1 if unknown. Valid after {@link #run} returned. */
    default long dropped() { return -1; }

    /** What is captured, for the view's title: interface names and filter, or {@code stdin}. */
    String describe();
}
