package org.mpcap.reports.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mpcap.reports.model.ReportModel;
import org.mpcap.reports.output.AtomicOutput;
import org.mpcap.reports.xlsx.XlsxChart;
import org.mpcap.reports.xlsx.XlsxWriter;

/**
 * {@code tables.xlsx}: every full table of the model as a sheet, through the shared {@link XlsxWriter} (typed
 * cells with number formats, bold frozen header with units in a comment, autofilter, column widths), plus the
 * model's {@link ReportModel.TableChart}s as native Excel charts on a "Charts" sheet (address distribution as
 * bars, cumulative bytes per client interface as lines), which reference the cells and so stay live.
 */
final class XlsxOutput {
    private XlsxOutput() {}

    /**
     * Writes the workbook. POI's streaming sheets go to temporary files: they are created in {@code .poi-tmp}
     * next to {@code target} (inside the report's staging directory), not in the system temp directory, so a
     * killed run leaves them only in its staging directory, which the next run deletes; the folder is removed
     * when the workbook is written.
     */
    static void write(ReportModel model, Path target) throws IOException {
        List<XlsxChart> charts = charts(model);
        Path tmp = target.toAbsolutePath().getParent().resolve(POI_TEMP);
        java.nio.file.Files.createDirectories(tmp);
        org.apache.poi.util.TempFile.setTempFileCreationStrategy(
                new org.apache.poi.util.DefaultTempFileCreationStrategy(tmp.toFile()));
        try {
            AtomicOutput.write(target, os -> XlsxWriter.write(model.tables(), charts, os));
        } finally {
            // back to POI's default, so nothing recreates the folder once the staging directory is renamed
            org.apache.poi.util.TempFile.setTempFileCreationStrategy(
                    new org.apache.poi.util.DefaultTempFileCreationStrategy());
            try (var s = java.nio.file.Files.walk(tmp)) {
                for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    java.nio.file.Files.deleteIfExists(p);
                }
            } catch (IOException | java.io.UncheckedIOException ignored) {
                // inside the staging directory: removed with it
            }
        }
    }

    /** Folder of POI's temporary files, next to the workbook. */
    static final String POI_TEMP = ".poi-tmp";

    /** The model's table charts whose table and columns exist (a chart over a missing table is left out). */
    static List<XlsxChart> charts(ReportModel model) {
        List<XlsxChart> out = new ArrayList<>();
        for (ReportModel.TableChart c : model.tableCharts()) {
            var t = model.table(c.table());
            if (t == null || t.columnIndex(c.xColumn()) < 0 || t.columnIndex(c.yColumn()) < 0) continue;
            if (c.where().keySet().stream().anyMatch(k -> t.columnIndex(k) < 0)) continue;
            if (c.splitColumn() != null && t.columnIndex(c.splitColumn()) < 0) continue;
            if (c.yColumns().stream().anyMatch(y -> t.columnIndex(y) < 0)) continue;
            if (c.errorColumn() != null && t.columnIndex(c.errorColumn()) < 0) continue;
            String[] ys = c.yColumns().toArray(new String[0]);
            XlsxChart x = c.line() ? XlsxChart.line(c.title(), c.table(), c.xColumn(), ys)
                    : XlsxChart.bar(c.title(), c.table(), c.xColumn(), ys);
            if (c.errorColumn() != null) x = x.withErrors(c.errorColumn());
            if (c.splitColumn() != null) x = x.splitBy(c.splitColumn());
            for (Map.Entry<String, String> w : c.where().entrySet()) x = x.where(w.getKey(), w.getValue());
            out.add(x);
        }
        return out;
    }
}
