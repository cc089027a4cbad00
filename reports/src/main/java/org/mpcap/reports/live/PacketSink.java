package org.mpcap.reports.live;

/** Where a {@link PacketSource} delivers; safe to call from several capture threads. */
public interface PacketSink {
    /**
     * Declares an interface before its first packet.
     *
     * @param name       interface name (or {@code stdin}, or the name a pcapng stream gave)
     * @param linkType   LINKTYPE_* value
     * @param snapLength snap length, 0 if unknown
     * @return the index to put in {@link LivePacket#iface()}
     */
    int addInterface(String name, int linkType, int snapLength);

    /** One packet; may block while the analysing thread catches up. */
    void packet(LivePacket packet) throws InterruptedException;
}
