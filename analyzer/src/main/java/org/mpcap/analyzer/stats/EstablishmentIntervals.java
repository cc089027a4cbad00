package org.mpcap.analyzer.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The internship report's Table 4: time between the SYNs of a connection's subflows. For subflows numbered
 * 0 (initial), 1, 2, … (as everywhere in mpcap; the report's "flow k" is subflow k−1) it gives every consecutive
 * pair (k−1 → k, the report's flow1-flow2, flow2-flow3) and, from subflow 2 on, the interval from the initial
 * subflow (0 → k, the report's flow1-flow3). A connection with n subflows whose SYNs are all in the capture gets
 * 2n−3 intervals (n ≥ 2): 1 for two subflows, 3 for three. Subflows whose SYN was not captured are skipped, so
 * pairs around them are missing rather than wrong.
 */
final class EstablishmentIntervals {
    /** One interval. {@code label} is the report's name, e.g. {@code flow1-flow3}. */
    record Interval(int fromSubflow, int toSubflow, long nanos, String label) {}

    private EstablishmentIntervals() {}

    /**
     * @param synNanos time of the first SYN of subflow {@code k} at index {@code k}, or a negative value if that
     *                 subflow's SYN is not in the capture
     */
    static List<Interval> of(long[] synNanos) {
        List<Interval> out = new ArrayList<>();
        for (int k = 1; k < synNanos.length; k++) {
            if (synNanos[k] < 0) continue;
            if (synNanos[k - 1] >= 0) out.add(interval(k - 1, k, synNanos));
            if (k >= 2 && synNanos[0] >= 0) out.add(interval(0, k, synNanos));
        }
        return out;
    }

    private static Interval interval(int from, int to, long[] syn) {
        return new Interval(from, to, syn[to] - syn[from], label(from, to));
    }

    /** The report's name of the interval from subflow {@code from} to {@code to}, e.g. {@code flow1-flow3}. */
    static String label(int from, int to) {
        return "flow" + (from + 1) + "-flow" + (to + 1);
    }
}
