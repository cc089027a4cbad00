package org.mpcap.reports.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.reports.model.ReportModel;
import org.mpcap.reports.output.AtomicOutput;
import org.mpcap.reports.xlsx.XlsxChart;
import org.mpcap.reports.xlsx.XlsxWriter;

/**
 * {@code tables.xlsx}: every table of the model as a sheet (the first {@link #WORKBOOK_ROWS} rows of a long one that
 * no chart draws from, listed in sheet {@code truncated}), through the shared {@link XlsxWriter} (typed
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
        write(model, target, true);
    }

    /** As {@link #write(ReportModel, Path)}; {@code csvWritten} says whether csv/ holds the whole tables. */
    static void write(ReportModel model, Path target, boolean csvWritten) throws IOException {
        List<XlsxChart> charts = charts(model);
        Path tmp = target.toAbsolutePath().getParent().resolve(POI_TEMP);
        java.nio.file.Files.createDirectories(tmp);
        org.apache.poi.util.TempFile.setTempFileCreationStrategy(
                new org.apache.poi.util.DefaultTempFileCreationStrategy(tmp.toFile()));
        try {
            List<DataTable> tables = workbookTables(model.tables(), charts, WORKBOOK_ROWS, csvWritten);
            AtomicOutput.write(target, os -> XlsxWriter.write(tables, charts, os));
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

    /**
     * Rows of a table that the workbook holds when no native chart draws from it. Per-frame and per-sample tables
     * (tcp-analysis, reinjections, rtt) reach 10⁵ rows on a 12 M-packet capture: as sheets they made the
     * workbook 105 MB of XML and its writing 5 s of a report (the rest of the report took 7 s); a sheet of that
     * many rows is for a program, which reads csv/ or parquet/ with every row. The workbook keeps the first
     * {@value} rows of such a table, and its sheet {@value #TRUNCATED_SHEET} says which tables were cut and where
     * the whole table is. Tables charted on the Charts sheet are kept whole, so the charts stay complete.
     */
    static final int WORKBOOK_ROWS = 20_000;
    /** Name of the table (sheet) that lists the tables the workbook holds only in part. */
    static final String TRUNCATED_SHEET = "truncated";

    /**
     * The tables as the workbook holds them: those longer than {@code maxRows} and not charted cut to their first
     * {@code maxRows} rows, followed, when any was cut, by table {@value #TRUNCATED_SHEET} naming them.
     */
    static List<DataTable> workbookTables(List<DataTable> tables, List<XlsxChart> charts, int maxRows) {
        return workbookTables(tables, charts, maxRows, true);
    }

    static List<DataTable> workbookTables(List<DataTable> tables, List<XlsxChart> charts, int maxRows,
                                          boolean csvWritten) {
        java.util.Set<String> charted = new java.util.HashSet<>();
        for (XlsxChart c : charts) charted.add(c.table());
        List<DataTable> out = new ArrayList<>(tables.size() + 1);
        DataTable notes = new DataTable(TRUNCATED_SHEET, "Tables this workbook holds only in part", List.of(
                DataTable.Column.text("table", "sheet holding the first rows of the table"),
                DataTable.Column.integer("rows", "", "rows of the whole table"),
                DataTable.Column.integer("rows_in_workbook", "", "rows in this workbook (the first ones)"),
                DataTable.Column.text("whole_table", "file with every row, in the report's folder")));
        for (DataTable t : tables) {
            if (t.rowCount() <= maxRows || charted.contains(t.name())) {
                out.add(t);
                continue;
            }
            List<Object[]> rows = t.rows();
            out.add(DataTable.generated(t.name(), t.title(), t.columns(), maxRows, rows::get));
            notes.add(t.name(), (long) t.rowCount(), (long) maxRows,
                    csvWritten ? "csv/" + org.mpcap.reports.table.TableFormat.CSV.fileName(t.name())
                            : "not written: add csv (or parquet) to --format");
        }
        if (notes.rowCount() > 0) out.add(notes);
        return out;
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
