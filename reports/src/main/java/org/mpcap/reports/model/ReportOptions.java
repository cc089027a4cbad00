package org.mpcap.reports.model;

import java.util.List;
import java.util.Set;

/**
 * Choices of what a report shows (not how numbers are computed: those are the analyzer's options).
 *
 * @param estimators      RTT estimators drawn in charts, in order (ack, ts, initial, data); the summary table
 *                        always lists every estimator
 * @param documentRows    rows of a table shown in HTML/Markdown/LaTeX before it is cut (the full table is in
 *                        csv/ and the xlsx)
 * @param chartedConnections how many connections per capture get charts, largest (most data bytes) first
 * @param aliases         names of addresses ({@code 10.0.2.6 → wifi}, from {@code --alias}): legends, column
 *                        labels and an {@code interface} column say "wifi (10.0.2.6)"; empty for none
 * @param rttAxis         RTT axis of the RTT charts: "linear", "log", or "auto" (logarithmic when the largest
 *                        sample of a chart exceeds {@value #AUTO_LOG_RATIO} times its median, so a few large
 *                        samples do not squash the others)
 */
public record ReportOptions(List<String> estimators, int documentRows, int chartedConnections,
                            java.util.Map<String, String> aliases, String rttAxis) {
    /** "auto" turns the RTT axis logarithmic above this max/median ratio. */
    public static final double AUTO_LOG_RATIO = 20;

    /** The estimator names the analyzer's {@code rtt} tables use. */
    public static final Set<String> ESTIMATORS = Set.of("ack", "ts", "initial", "data");

    public static final ReportOptions DEFAULTS = new ReportOptions(List.of("ack"), 200, 3);

    /** Options without aliases, with the automatic RTT axis. */
    public ReportOptions(List<String> estimators, int documentRows, int chartedConnections) {
        this(estimators, documentRows, chartedConnections, java.util.Map.of(), "auto");
    }

    /** Options with aliases, with the automatic RTT axis. */
    public ReportOptions(List<String> estimators, int documentRows, int chartedConnections,
                         java.util.Map<String, String> aliases) {
        this(estimators, documentRows, chartedConnections, aliases, "auto");
    }

    /** These options with another RTT axis ("auto", "linear" or "log"). */
    public ReportOptions withRttAxis(String axis) {
        return new ReportOptions(estimators, documentRows, chartedConnections, aliases, axis);
    }

    public ReportOptions {
        aliases = aliases == null ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(aliases));
        estimators = List.copyOf(estimators);
        for (String e : estimators) {
            if (!ESTIMATORS.contains(e)) {
                throw new IllegalArgumentException("unknown RTT estimator '" + e + "' (expected ack, ts, initial or data)");
            }
        }
        if (estimators.isEmpty()) throw new IllegalArgumentException("at least one RTT estimator");
        if (documentRows < 1) throw new IllegalArgumentException("documentRows must be >= 1");
        if (chartedConnections < 1) throw new IllegalArgumentException("chartedConnections must be >= 1");
        if (!List.of("auto", "linear", "log").contains(rttAxis)) {
            throw new IllegalArgumentException("unknown RTT axis '" + rttAxis + "' (expected auto, linear or log)");
        }
    }

    /** How an address is named for a reader: "wifi (10.0.2.6)" with an alias, else the address itself. */
    public String interfaceName(String address) {
        if (address == null) return null;
        String a = aliases.get(address);
        return a == null ? address : a + " (" + address + ")";
    }
}
