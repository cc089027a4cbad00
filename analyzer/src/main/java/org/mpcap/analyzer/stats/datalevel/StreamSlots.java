package org.mpcap.analyzer.stats.datalevel;

import java.util.Arrays;

/**
 * Dense slot numbers for the TCP streams a data-level collector has seen, in order of first appearance, with each
 * slot's connection, subflow and stream: the collectors keep their per-subflow state in arrays indexed by slot, so
 * a capture of many plain TCP streams costs one int per stream, not per-subflow state. Not thread-safe.
 */
final class StreamSlots {
    private int[] slotOfStream = new int[0];
    private int[] connection = new int[16], subflow = new int[16], stream = new int[16];
    private int count;

    /** The slot of {@code tcpStream}, or -1 if it has none yet. */
    int find(int tcpStream) {
        return tcpStream < slotOfStream.length ? slotOfStream[tcpStream] : -1;
    }

    /** A new slot for {@code tcpStream} (which must have none), numbered {@link #count()} before the call. */
    int add(int tcpStream, int conn, int sub) {
        if (tcpStream >= slotOfStream.length) slotOfStream = DataLevel.grow(slotOfStream, tcpStream, -1);
        int s = count++;
        if (s == connection.length) {
            connection = Arrays.copyOf(connection, s * 2);
            subflow = Arrays.copyOf(subflow, s * 2);
            stream = Arrays.copyOf(stream, s * 2);
        }
        connection[s] = conn;
        subflow[s] = sub;
        stream[s] = tcpStream;
        slotOfStream[tcpStream] = s;
        return s;
    }

    int count() { return count; }

    int connection(int slot) { return connection[slot]; }

    int subflow(int slot) { return subflow[slot]; }

    int stream(int slot) { return stream[slot]; }
}
