package org.mpcap.analyzer.decode;

import java.util.Map;
import java.util.TreeMap;

/** What the decoder could not decode, counted. Mutated by {@link PacketDecoder}; read after the pass. */
public final class DecoderCounters {
    long truncated;
    long malformed;
    long notIp;
    long nonFirstFragments;
    long incompleteDatagrams;
    long malformedTcpOptions;
    long truncatedTcpOptions;
    long malformedMptcpOptions;
    long unknownMptcpSubtypes;
    long decoderFaults;
    /** Unknown link types are rare: a tiny array scan, no boxing on the hot path. */
    private int[] unsupportedTypes = new int[4];
    private long[] unsupportedCounts = new long[4];
    private int unsupportedSize;

    void unsupportedLink(int linkType) {
        for (int i = 0; i < unsupportedSize; i++) {
            if (unsupportedTypes[i] == linkType) { unsupportedCounts[i]++; return; }
        }
        if (unsupportedSize == unsupportedTypes.length) {
            unsupportedTypes = java.util.Arrays.copyOf(unsupportedTypes, unsupportedSize * 2);
            unsupportedCounts = java.util.Arrays.copyOf(unsupportedCounts, unsupportedSize * 2);
        }
        unsupportedTypes[unsupportedSize] = linkType;
        unsupportedCounts[unsupportedSize++] = 1;
    }

    public long truncated() { return truncated; }
    public long malformed() { return malformed; }
    public long notIp() { return notIp; }
    public long nonFirstFragments() { return nonFirstFragments; }
    /**
     * IP datagrams whose length field claims more bytes than their frame had on the wire (not cut by the snap
     * length): only the bytes the frame carries are counted as payload.
     */
    public long incompleteDatagrams() { return incompleteDatagrams; }
    public long malformedTcpOptions() { return malformedTcpOptions; }
    /** TCP segments decoded although the snap length cut their options (MPTCP options may be missing). */
    public long truncatedTcpOptions() { return truncatedTcpOptions; }
    public long malformedMptcpOptions() { return malformedMptcpOptions; }
    public long unknownMptcpSubtypes() { return unknownMptcpSubtypes; }
    /** Unexpected exceptions caught at the packet boundary; must be zero on every fixture. */
    public long decoderFaults() { return decoderFaults; }

    /** Packets per unsupported LINKTYPE_* value, sorted by link type. */
    public Map<Integer, Long> unsupportedLinkTypes() {
        Map<Integer, Long> m = new TreeMap<>();
        for (int i = 0; i < unsupportedSize; i++) m.put(unsupportedTypes[i], unsupportedCounts[i]);
        return m;
    }
}
