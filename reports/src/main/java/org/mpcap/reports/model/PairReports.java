package org.mpcap.reports.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mpcap.analyzer.PairAnalysis;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.reports.chart.ChartSpec;
import org.mpcap.reports.chart.ChartSpec.Kind;
import org.mpcap.reports.model.ReportModel.ChartView;
import org.mpcap.reports.model.ReportModel.Fact;
import org.mpcap.reports.model.ReportModel.Part;
import org.mpcap.reports.model.ReportModel.Section;
import org.mpcap.reports.model.ReportModel.TableView;
import org.mpcap.reports.model.Tables.Row;

/**
 * The part of {@code mpcap report --pair CLIENT SERVER} that compares the two captures: tables {@code owd-summary}
 * and {@code owd} from the analyzer's pairing and one chart of one-way delay over time per direction. Nothing is
 * computed here beyond choosing rows and thinning chart points.
 */
public final class PairReports {
    /** Points per chart series at most (every k-th sample; the table holds them all). */
    static final int CHART_POINTS = 4000;

    private PairReports() {}

    /** {@code model} with a first part comparing the two captures and the pairing's tables added to its tables. */
    public static ReportModel withPair(ReportModel model, PairAnalysis pair, ReportOptions o) {
        DataTable summary = find(pair, "owd-summary"), samples = find(pair, "owd");
        List<TableView> tv = new ArrayList<>();
        List<ChartView> charts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        long received = 0;
        if (summary != null) {
            tv.add(ReportModels.view(summary, o));
            for (Row r : Tables.rows(summary)) received += r.integer("received", 0);
        }
        if (received == 0) {
            warnings.add("No packet of one capture was found in the other: are they captures of the same "
                    + "connections (same addresses and ports, no NAT in between)?");
        }
        if (samples != null) {
            tv.add(ReportModels.view(samples, o));
            for (String dir : new String[] {"c2s", "s2c"}) {
                List<ChartSpec.Series> series = new ArrayList<>();
                List<Row> rows = Tables.rows(samples, r -> dir.equals(r.text("direction")) && r.get("owd_ms") != null);
                Tables.groupBy(rows, "tcp_stream").forEach((stream, g) -> {
                    int step = Math.max(1, (g.size() + CHART_POINTS - 1) / CHART_POINTS);
                    List<Row> thin = new ArrayList<>();
                    for (int i = 0; i < g.size(); i += step) thin.add(g.get(i));
                    Row first = g.get(0);
                    String name = first.get("subflow") == null ? "tcp.stream " + stream
                            : String.format(Locale.ROOT, "connection %d flow%d", first.integer("connection", -1),
                                    first.integer("subflow", -1) + 1);
                    series.add(new ChartSpec.Series(name, Tables.column(thin, "time"), Tables.column(thin, "owd_ms")));
                });
                if (series.isEmpty()) continue;
                String text = dir.equals("c2s") ? "client to server" : "server to client";
                charts.add(new ChartView("pair-owd-" + dir, ChartSpec.xy(Kind.SCATTER, "One-way delay, " + text,
                        "send time since the client-side capture's first packet", "s", "one-way delay", "ms", series),
                        "Receiver-side capture time minus sender-side capture time of each packet both captured"
                                + " (two clocks: see the note)."));
            }
        }
        List<String> notes = List.of("Packets are matched by addresses, ports, sequence and acknowledgement numbers, "
                + "payload length, flags, window, IPv4 identification and TCP timestamp; lost = sent while both "
                + "captures ran but not captured at the receiver. The delay reads two clocks: exact on one host, "
                + "otherwise it includes their offset (+ client to server, - server to client; the sum of the two "
                + "minima is free of it).");
        Section s = new Section("owd", "One-way delay and losses between the two capture points", "Client-side "
                + "capture " + pair.client().captureName() + " against server-side capture "
                + pair.server().captureName() + ", per subflow and direction.", tv, charts, notes);
        Part part = new Part("pair", "Client side against server side", List.of(
                new Fact("client side", pair.client().path().toString()),
                new Fact("server side", pair.server().path().toString())), warnings, List.of(s));
        List<Part> parts = new ArrayList<>();
        parts.add(part);
        parts.addAll(model.parts());
        List<DataTable> tables = new ArrayList<>(model.tables());
        tables.addAll(pair.tables());
        return new ReportModel(model.title(), model.subtitle() + " (paired: " + pair.client().captureName() + " / "
                + pair.server().captureName() + ")", parts, tables, model.tableCharts());
    }

    private static DataTable find(PairAnalysis p, String name) {
        for (DataTable t : p.tables()) if (t.name().equals(name)) return t;
        return null;
    }

}
