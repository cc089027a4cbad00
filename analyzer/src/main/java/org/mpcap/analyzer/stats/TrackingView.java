package org.mpcap.analyzer.stats;

/**
 * Read-only access, at the end of the pass, to what the TCP and MPTCP trackers found; filled in by the tracking
 * layer. Placeholder until the trackers land.
 */
public interface TrackingView {
}
