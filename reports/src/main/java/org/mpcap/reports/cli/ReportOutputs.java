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
import java.util.concurrent.TimeUnit;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.reports.chart.ChartRenderer;
import org.mpcap.reports.chart.ChartSpec;
import org.mpcap.reports.model.ReportModel;
import org.mpcap.reports.model.ReportModel.ChartView;
import org.mpcap.reports.output.AtomicOutput;
import org.mpcap.reports.table.DocumentWriter;
import org.mpcap.reports.table.TableFormat;
import org.mpcap.reports.table.TableWriter;

/**
 * Writes a {@link ReportModel} into a directory in the chosen formats: {@code index.html}, {@code tables.xlsx},
 * {@code csv/}, {@code charts/}, {@code report.md}, {@code tables.tex}. Charts are drawn once, on all cores,
 * and reused by every output that shows them. The outputs are independent, so they overlap: the workbook is
 * written on its own thread and the text outputs on the caller's while the charts are drawn; the HTML page,
 * which inlines the charts, comes last. The first failure is thrown once every writer has stopped.
 */
final class ReportOutputs {
    static final int CHART_WIDTH = 960;
    static final int CHART_HEIGHT = 480;
    /** PDF figures in points: at a 345 pt text width they print at 0.72 scale, 12 px labels at 8.6 pt. */
    static final int PDF_WIDTH = 480;
    static final int PDF_HEIGHT = 240;

    private ReportOutputs() {}

    static void write(ReportModel model, Path dir, Set<OutputFormat> formats, Path templateDir, Progress progress)
            throws IOException {
        write(model, dir, formats, templateDir, false, progress, new ParquetOutput.Origins());
    }

    /**
     * Writes the outputs. {@code origins} gives the capture start times for the Parquet tables' {@code *_utc}
     * columns; with {@code paper} the figure files in charts/ have no embedded title (the caption in the document
     * carries it), while the HTML page keeps titled charts.
     */
    static void write(ReportModel model, Path dir, Set<OutputFormat> formats, Path templateDir, boolean paper,
                      Progress progress, ParquetOutput.Origins origins) throws IOException {
        boolean drawing = formats.contains(OutputFormat.CHARTS) || formats.contains(OutputFormat.HTML);
        List<ChartView> charts = drawing ? model.charts() : List.of();
        int threads = Math.max(1, Math.min(charts.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1, r -> {
            Thread t = new Thread(r, "mpcap-output");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?> xlsx = null;
            if (formats.contains(OutputFormat.XLSX)) {
                xlsx = pool.submit(() -> {
                    XlsxOutput.write(model, dir.resolve("tables.xlsx"), formats.contains(OutputFormat.CSV));
                    return null;
                });
            }
            List<Future<String>> svgFutures = new ArrayList<>();
            if (drawing) {
                svgFutures = drawCharts(charts, dir, formats.contains(OutputFormat.CHARTS), paper, pool, progress);
            }
            if (formats.contains(OutputFormat.CSV)) {
                for (DataTable t : model.tables()) {
                    AtomicOutput.writeText(dir.resolve("csv").resolve(TableFormat.CSV.fileName(t.name())),
                            w -> TableWriter.write(t, TableFormat.CSV, w));
                }
            }
            if (formats.contains(OutputFormat.PARQUET)) ParquetOutput.write(model.tables(), origins, dir.resolve("parquet"));
            if (formats.contains(OutputFormat.MD)) {
                boolean links = formats.contains(OutputFormat.CHARTS);
                AtomicOutput.writeText(dir.resolve("report.md"), w -> DocumentWriter.markdown(
                        links ? model : withoutCharts(model), "charts", w));
            }
            if (formats.contains(OutputFormat.TEX)) {
                AtomicOutput.writeText(dir.resolve("tables.tex"), w -> DocumentWriter.latex(model, w));
                boolean figures = formats.contains(OutputFormat.CHARTS) && !model.charts().isEmpty();
                if (figures) {
                    AtomicOutput.writeText(dir.resolve("figures.tex"), w -> DocumentWriter.latexFigures(model, "charts", w));
                }
                AtomicOutput.writeText(dir.resolve("report.tex"),
                        w -> DocumentWriter.latexDocument(model, "tables", figures ? "figures" : null, w));
            }
            Map<String, String> svgs = new LinkedHashMap<>();
            try {
                for (int i = 0; i < svgFutures.size(); i++) svgs.put(charts.get(i).id(), await(svgFutures.get(i)));
            } finally {
                if (drawing) progress.finish();
            }
            if (formats.contains(OutputFormat.HTML)) {
                HtmlOutput.write(model, svgs, templateDir, dir.resolve("index.html"));
            }
            if (xlsx != null) await(xlsx);
        } finally {
            pool.shutdownNow();
            try {
                // A writer still running after a failure must not write into the directory being discarded.
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The task's result; its failure rethrown as it was (IOException, RuntimeException, Error). */
    private static <T> T await(Future<T> f) throws IOException {
        try {
            return f.get();
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

    /** The model without charts (Markdown without chart files must not link to missing images). */
    static ReportModel withoutCharts(ReportModel m) {
        List<ReportModel.Part> parts = new ArrayList<>();
        for (ReportModel.Part p : m.parts()) {
            List<ReportModel.Section> ss = new ArrayList<>();
            for (ReportModel.Section s : p.sections()) {
                ss.add(new ReportModel.Section(s.id(), s.title(), s.intro(), s.tables(), List.of(), s.notes(),
                        s.notices()));
            }
            parts.add(new ReportModel.Part(p.id(), p.title(), p.facts(), p.warnings(), ss));
        }
        return new ReportModel(m.title(), m.subtitle(), parts, m.tables());
    }

    /**
     * Starts drawing every chart on {@code pool} (SVG always; PNG, SVG and PDF files in charts/ when
     * {@code files}, without titles when {@code paper}); the futures give the SVG text for the HTML page, in the
     * order of {@code charts}. Files of one chart share its id as base name (charts/ID.png, .svg, .pdf), so a
     * LaTeX document can {@code \\includegraphics{charts/ID}}.
     */
    private static List<Future<String>> drawCharts(List<ChartView> charts, Path dir, boolean files, boolean paper,
                                                   ExecutorService pool, Progress progress) {
        ChartRenderer renderer = new ChartRenderer();
        progress.start("drawing " + charts.size() + " charts", charts.size());
        List<Future<String>> futures = new ArrayList<>();
        for (ChartView c : charts) {
            futures.add(pool.submit(() -> {
                int h = renderer.preferredHeight(c.spec(), CHART_WIDTH, CHART_HEIGHT);
                String svg = renderer.svg(c.spec(), CHART_WIDTH, h, c.id());
                if (files) {
                    ChartSpec fileSpec = paper ? c.spec().withoutTitle() : c.spec();
                    int fh = renderer.preferredHeight(fileSpec, CHART_WIDTH, CHART_HEIGHT);
                    String fileSvg = paper ? renderer.svg(fileSpec, CHART_WIDTH, fh, c.id()) : svg;
                    Path folder = dir.resolve("charts");
                    AtomicOutput.writeString(folder.resolve(c.id() + ".svg"),
                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + fileSvg + "\n");
                    byte[] png = renderer.png(fileSpec, CHART_WIDTH, fh);
                    AtomicOutput.write(folder.resolve(c.id() + ".png"), os -> os.write(png));
                    byte[] pdf = renderer.pdf(fileSpec, PDF_WIDTH, renderer.preferredHeight(fileSpec, PDF_WIDTH, PDF_HEIGHT));
                    AtomicOutput.write(folder.resolve(c.id() + ".pdf"), os -> os.write(pdf));
                }
                progress.advance(1, c.id());
                return svg;
            }));
        }
        return futures;
    }
}
