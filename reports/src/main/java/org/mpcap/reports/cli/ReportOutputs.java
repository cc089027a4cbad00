package org.mpcap.reports.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.reports.chart.ChartRenderer;
import org.mpcap.reports.model.ReportModel;
import org.mpcap.reports.model.ReportModel.ChartView;
import org.mpcap.reports.output.AtomicOutput;
import org.mpcap.reports.table.DocumentWriter;
import org.mpcap.reports.table.TableFormat;
import org.mpcap.reports.table.TableWriter;

/**
 * Writes a {@link ReportModel} into a directory in the chosen formats: {@code index.html}, {@code tables.xlsx},
 * {@code csv/}, {@code charts/}, {@code report.md}, {@code tables.tex}. Charts are drawn once, on all cores,
 * and reused by every output that shows them.
 */
final class ReportOutputs {
    static final int CHART_WIDTH = 960;
    static final int CHART_HEIGHT = 480;

    private ReportOutputs() {}

    static void write(ReportModel model, Path dir, Set<OutputFormat> formats, Path templateDir, Progress progress)
            throws IOException {
        Map<String, String> svgs = new LinkedHashMap<>();
        if (formats.contains(OutputFormat.CHARTS) || formats.contains(OutputFormat.HTML)) {
            svgs = drawCharts(model, dir, formats.contains(OutputFormat.CHARTS), progress);
        }
        if (formats.contains(OutputFormat.CSV)) {
            for (DataTable t : model.tables()) {
                AtomicOutput.writeText(dir.resolve("csv").resolve(TableFormat.CSV.fileName(t.name())),
                        w -> TableWriter.write(t, TableFormat.CSV, w));
            }
        }
        if (formats.contains(OutputFormat.MD)) {
            boolean links = formats.contains(OutputFormat.CHARTS);
            AtomicOutput.writeText(dir.resolve("report.md"), w -> DocumentWriter.markdown(
                    links ? model : withoutCharts(model), "charts", w));
        }
        if (formats.contains(OutputFormat.TEX)) {
            AtomicOutput.writeText(dir.resolve("tables.tex"), w -> DocumentWriter.latex(model, w));
        }
        if (formats.contains(OutputFormat.HTML)) {
            HtmlOutput.write(model, svgs, templateDir, dir.resolve("index.html"));
        }
        if (formats.contains(OutputFormat.XLSX)) {
            XlsxOutput.write(model, dir.resolve("tables.xlsx"));
        }
    }

    /** The model without charts (Markdown without chart files must not link to missing images). */
    static ReportModel withoutCharts(ReportModel m) {
        List<ReportModel.Part> parts = new ArrayList<>();
        for (ReportModel.Part p : m.parts()) {
            List<ReportModel.Section> ss = new ArrayList<>();
            for (ReportModel.Section s : p.sections()) {
                ss.add(new ReportModel.Section(s.id(), s.title(), s.intro(), s.tables(), List.of(), s.notes()));
            }
            parts.add(new ReportModel.Part(p.id(), p.title(), p.facts(), p.warnings(), ss));
        }
        return new ReportModel(m.title(), m.subtitle(), parts, m.tables());
    }

    /** Draws every chart (SVG always, PNG and files when {@code files}); returns SVG text by chart id. */
    private static Map<String, String> drawCharts(ReportModel model, Path dir, boolean files, Progress progress)
            throws IOException {
        List<ChartView> charts = model.charts();
        ChartRenderer renderer = new ChartRenderer();
        progress.start("drawing " + charts.size() + " charts", charts.size());
        int threads = Math.max(1, Math.min(charts.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mpcap-chart");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (ChartView c : charts) {
                futures.add(pool.submit(() -> {
                    String svg = renderer.svg(c.spec(), CHART_WIDTH, CHART_HEIGHT, c.id());
                    if (files) {
                        AtomicOutput.writeString(dir.resolve("charts").resolve(c.id() + ".svg"),
                                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg + "\n");
                        byte[] png = renderer.png(c.spec(), CHART_WIDTH, CHART_HEIGHT);
                        AtomicOutput.write(dir.resolve("charts").resolve(c.id() + ".png"), os -> os.write(png));
                    }
                    progress.advance(1, c.id());
                    return svg;
                }));
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i < charts.size(); i++) {
                try {
                    out.put(charts.get(i).id(), futures.get(i).get());
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof IOException io) throw io;
                    if (c instanceof RuntimeException re) throw re;
                    if (c instanceof Error err) throw err;
                    throw new IllegalStateException(c);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
            progress.finish();
        }
    }
}
