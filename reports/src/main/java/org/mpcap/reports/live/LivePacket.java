package org.mpcap.reports.live;

/**
 * One captured packet handed from a capture thread to the analysing thread: its own copy of the bytes.
 *
 * @param iface          index of the interface in {@link PacketSink#addInterface} order
 * @param timestampNanos epoch nanoseconds
 * @param data           the captured bytes (owned by this record)
 * @param originalLength length on the wire
 */
public record LivePacket(int iface, long timestampNanos, byte[] data, int originalLength) {}
