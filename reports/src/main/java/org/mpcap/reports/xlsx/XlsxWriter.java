package org.mpcap.reports.xlsx;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFNoFillProperties;
import org.apache.poi.xddf.usermodel.XDDFShapeProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.ScatterStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFScatterChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.mpcap.analyzer.table.DataTable;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTMarker;
import org.mpcap.analyzer.table.DataTable.Column;
import org.mpcap.reports.chart.ChartSpec;
import org.mpcap.reports.chart.Downsampler;
import org.mpcap.reports.table.CellFormat;
import org.mpcap.reports.table.HumanFormat;
import org.mpcap.reports.table.TableWriter;

/**
 * Writes tables (and native Excel charts over them) as one .xlsx workbook, streaming rows (SXSSF) so tables of
 * millions of rows need little memory.
 *
 * <p>One sheet per table, named after the table (made valid: at most 31 characters, no {@code []:*?/\},
 * unique ignoring case). Tables longer than Excel's 1 048 575 data rows continue on sheets suffixed
 * {@code ~2}, {@code ~3}. Row 1 holds the column names in bold, frozen, with an autofilter over the data;
 * a header comment gives the unit and description. Cells are typed: INTEGER/DECIMAL/SECONDS numeric with the
 * full value and the number format of {@link HumanFormat} (so a cell displays what the HTML, Markdown and LaTeX
 * tables print: {@code 0}, {@code 0.0000}, {@code "< 1e-6"}...), BOOLEAN boolean, TEXT string; empty, NaN and
 * infinite values are blank cells.
 * Integers of 15 digits or more (keys, tokens, sequence numbers) are written as text, because Excel keeps
 * only 15 significant digits. Column widths come from the text length of the first
 * {@value #WIDTH_SAMPLE_ROWS} rows, capped at {@value #MAX_WIDTH_CHARS} characters.
 *
 * <p>Charts go on a "Charts" sheet. Bar charts reference their table's first {@value #MAX_BAR_ROWS} rows.
 * Line/scatter charts reference the table directly when it is short and not split; otherwise their series are
 * split and/or downsampled ({@link Downsampler}) into a "chart_data" sheet that the charts reference, so a
 * chart never holds more than a few thousand points per series.
 */
public final class XlsxWriter {
    /** Data rows per sheet (Excel's 1 048 576 rows minus the header). */
    public static final int MAX_DATA_ROWS = 1_048_575;
    static final int MAX_BAR_ROWS = 10_000;
    static final int WIDTH_SAMPLE_ROWS = 10_000;
    static final int MAX_WIDTH_CHARS = 60;
    static final int MAX_TEXT = 32_767;
    /** Integers with |v| >= 10^15 lose digits in Excel's 15-significant-digit numbers. */
    private static final long EXCEL_EXACT_LIMIT = 1_000_000_000_000_000L;
    private static final int CHART_WIDTH_COLS = 12;
    private static final int CHART_HEIGHT_ROWS = 22;

    static {
        // POI logs through the Log4j API; with no provider on the class path Log4j prints "could not find a
        // logging provider" to stderr on first use, which would look like an mpcap error. mpcap has no logging
        // backend, so unless the user configured one, route POI's logging to Log4j's simple logger, switched off.
        if (System.getProperty("log4j2.loggerContextFactory") == null) {
            System.setProperty("log4j2.loggerContextFactory",
                    "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
            if (System.getProperty("org.apache.logging.log4j.simplelog.level") == null) {
                System.setProperty("org.apache.logging.log4j.simplelog.level", "OFF");
            }
        }
    }

    private XlsxWriter() {}

    /**
     * Writes the workbook to {@code out} (not closed).
     *
     * @param tables tables in sheet order; names should be unique (sheet names are made unique anyway)
     * @param charts charts over those tables, in order, may be empty
     * @throws IllegalArgumentException if a chart names an unknown table or column, or a non-numeric y column
     * @throws IOException              from {@code out} or POI's temporary files
     */
    public static void write(List<DataTable> tables, List<XlsxChart> charts, OutputStream out) throws IOException {
        Map<String, DataTable> byName = new LinkedHashMap<>();
        for (DataTable t : tables) byName.putIfAbsent(t.name(), t);
        for (XlsxChart c : charts) validate(c, byName);

        XSSFWorkbook wb = new XSSFWorkbook();
        Set<String> used = new HashSet<>();
        List<List<String>> sheetNames = new ArrayList<>();
        Map<String, String> firstSheet = new HashMap<>();
        for (DataTable t : tables) {
            int parts = Math.max(1, (t.rowCount() + MAX_DATA_ROWS - 1) / MAX_DATA_ROWS);
            List<String> names = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                String name = uniqueSheetName(p == 0 ? t.name() : t.name() + "~" + (p + 1), used);
                wb.createSheet(name);
                names.add(name);
            }
            sheetNames.add(names);
            firstSheet.putIfAbsent(t.name(), names.get(0));
        }
        if (!charts.isEmpty()) {
            XSSFSheet chartSheet = wb.createSheet(uniqueSheetName("Charts", used));
            // Printed (or converted to PDF) one chart wide per page, not cut down the middle.
            chartSheet.setFitToPage(true);
            chartSheet.getPrintSetup().setFitWidth((short) 1);
            chartSheet.getPrintSetup().setFitHeight((short) 0);
            ChartData helper = new ChartData(wb, used);
            int top = 0;
            for (XlsxChart c : charts) {
                addChart(chartSheet, top, c, byName.get(c.table()), firstSheet.get(c.table()), helper);
                top += CHART_HEIGHT_ROWS;
            }
        }

        FastDeflateWorkbook sx = new FastDeflateWorkbook(wb);
        try {
            Styles styles = new Styles(sx);
            for (int i = 0; i < tables.size(); i++) {
                DataTable t = tables.get(i);
                int[] widths = columnWidths(t);
                HumanFormat human = HumanFormat.of(t);
                List<String> names = sheetNames.get(i);
                for (int p = 0; p < names.size(); p++) {
                    int from = p * MAX_DATA_ROWS;
                    int to = Math.min(t.rowCount(), from + MAX_DATA_ROWS);
                    writeSheet(sx, sx.getSheet(names.get(p)), t, human, from, to, widths, styles);
                }
            }
            sx.write(out);
        } finally {
            sx.dispose(); // closes the sheets' temporary files and deletes them
            // Not sx.close(): closing a new XSSFWorkbook saves its whole package once more, into a buffer that
            // nothing reads (3 % of writing a workbook); revert lets it go unsaved.
            wb.getPackage().revert();
        }
    }

    /**
     * SXSSF writing its temporary sheet files as plain XML through {@link SheetRowWriter} (which also takes the data
     * rows without POI's cell objects), and the final zip at the fastest deflate level (1). Gzipped temporary files
     * (SXSSF's option) cost a deflate and an inflate of every sheet on top of the zip's own deflate, and that native
     * work was most of a large workbook's time; the plain files live in the report's staging directory
     * ({@code XlsxOutput}) only while the workbook is written. At the default level, deflating the zip took most of
     * the time of writing a workbook of a few hundred thousand rows; level 1 makes the file about a fifth larger and
     * the writing several times faster.
     */
    private static final class FastDeflateWorkbook extends SXSSFWorkbook {
        /** The writer that last wrote a row SXSSF flushed (set from within SXSSF's flushing). */
        private SheetRowWriter lastFlushed;

        FastDeflateWorkbook(XSSFWorkbook wb) {
            super(wb, 200, false);
            // The table sheets' dimensions are set by writeSheet: SXSSF derives them from the rows it wrote itself.
            setShouldCalculateSheetDimensions(false);
        }

        @Override
        protected org.apache.poi.xssf.streaming.SheetDataWriter createSheetDataWriter() throws IOException {
            return new SheetRowWriter(w -> lastFlushed = w);
        }

        /**
         * Flushes the rows SXSSF holds for {@code sheet} (at least one) and returns the sheet's writer, which takes
         * the rows that follow.
         */
        SheetRowWriter flushedRowWriter(SXSSFSheet sheet) throws IOException {
            lastFlushed = null;
            sheet.flushRows(0);
            if (lastFlushed == null) throw new IllegalStateException("no row flushed on sheet " + sheet.getSheetName());
            return lastFlushed;
        }

        @Override
        protected org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream createArchiveOutputStream(
                OutputStream stream) {
            org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream zos =
                    super.createArchiveOutputStream(stream);
            zos.setLevel(java.util.zip.Deflater.BEST_SPEED);
            return zos;
        }
    }

    // ---------------------------------------------------------------- sheets

    /**
     * A valid sheet name for {@code base}: invalid characters replaced by '_', at most 31 characters, not
     * the reserved "History", unique (ignoring case) among {@code used}, to which it is added.
     */
    static String uniqueSheetName(String base, Set<String> used) {
        String safe = WorkbookUtil.createSafeSheetName(base.isEmpty() ? "table" : base, '_');
        if (safe.equalsIgnoreCase("History")) safe = safe + "_";
        String name = safe;
        for (int n = 2; used.contains(name.toLowerCase(Locale.ROOT)); n++) {
            String suffix = "~" + n;
            name = safe.substring(0, Math.min(safe.length(), 31 - suffix.length())) + suffix;
        }
        used.add(name.toLowerCase(Locale.ROOT));
        return name;
    }

    private static void writeSheet(FastDeflateWorkbook sx, SXSSFSheet sheet, DataTable t, HumanFormat human, int from,
            int to, int[] widths, Styles styles) throws IOException {
        CreationHelper helper = sx.getCreationHelper();
        List<Column> cols = t.columns();
        Row header = sheet.createRow(0);
        Drawing<?> drawing = null;
        for (int c = 0; c < cols.size(); c++) {
            Column col = cols.get(c);
            org.apache.poi.ss.usermodel.Cell cell = header.createCell(c);
            cell.setCellValue(col.name());
            cell.setCellStyle(styles.header);
            String note = headerNote(col);
            if (!note.isEmpty()) {
                if (drawing == null) drawing = sheet.createDrawingPatriarch();
                ClientAnchor anchor = helper.createClientAnchor();
                anchor.setCol1(c);
                anchor.setCol2(c + 3);
                anchor.setRow1(0);
                anchor.setRow2(4);
                Comment comment = drawing.createCellComment(anchor);
                comment.setString(helper.createRichTextString(note));
                cell.setCellComment(comment);
            }
            sheet.setColumnWidth(c, widths[c] * 256);
        }
        int[] colStyles = new int[cols.size()];
        boolean[] perCell = new boolean[cols.size()];
        for (int c = 0; c < cols.size(); c++) {
            colStyles[c] = styles.indexOf(human.columnFormat(c));
            perCell[c] = human.variesByCell(c);
        }
        Column[] columns = cols.toArray(new Column[0]);
        SheetRowWriter out = sx.flushedRowWriter(sheet);
        List<Object[]> rows = t.rows();
        for (int r = from; r < to; r++) {
            out.startRow(r - from + 1);
            Object[] values = rows.get(r);
            for (int c = 0; c < columns.length; c++) {
                Object v = values[c];
                Column col = columns[c];
                if (CellFormat.isEmpty(col, v)) continue;
                DataTable.ColumnType type = col.type();
                long l = type == DataTable.ColumnType.INTEGER ? ((Number) v).longValue() : 0;
                if (l >= EXCEL_EXACT_LIMIT || l <= -EXCEL_EXACT_LIMIT) {
                    out.text(c, Styles.GENERAL, Long.toString(l)); // every digit, as text in the General style
                    continue;
                }
                int style = perCell[c] || v instanceof Long && type != DataTable.ColumnType.INTEGER
                        ? styles.indexOf(human.excelFormat(values, c)) : colStyles[c];
                switch (type) {
                    case TEXT -> out.text(c, style, truncate(v.toString()));
                    case BOOLEAN -> out.bool(c, style, (Boolean) v);
                    case INTEGER -> out.integer(c, style, l);
                    case DECIMAL, SECONDS -> out.number(c, style, ((Number) v).doubleValue());
                }
            }
            out.endRow();
        }
        // The used range, A1 to the last column of the last row, as SXSSF gives it when it writes the rows itself.
        sx.getXSSFWorkbook().getSheet(sheet.getSheetName()).setDimensionOverride(
                new CellRangeAddress(0, to - from, 0, Math.max(0, cols.size() - 1)));
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, to - from), 0, cols.size() - 1));
        // Printed or converted to PDF (soffice --convert-to pdf), a sheet is one page wide with its header on
        // every page: without a print setup the sample compare's workbook printed as 1311 pages, two columns each.
        sheet.setFitToPage(true);
        org.apache.poi.ss.usermodel.PrintSetup print = sheet.getPrintSetup();
        print.setPaperSize(org.apache.poi.ss.usermodel.PrintSetup.A4_PAPERSIZE);
        print.setLandscape(cols.size() > PORTRAIT_COLUMNS);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0); // as many pages down as the rows need
        sheet.setRepeatingRows(new CellRangeAddress(0, 0, -1, -1));
    }

    /** Sheets with more columns print on landscape pages. */
    static final int PORTRAIT_COLUMNS = 8;

    private static String headerNote(Column c) {
        if (c.unit().isEmpty()) return c.description();
        return c.description().isEmpty() ? "unit: " + c.unit() : "unit: " + c.unit() + " — " + c.description();
    }

    private static String truncate(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 1) + "…";
    }

    /** Column widths in characters from the header and the first rows' printed text. */
    static int[] columnWidths(DataTable t) {
        List<Column> cols = t.columns();
        int[] w = new int[cols.size()];
        for (int c = 0; c < w.length; c++) w[c] = cols.get(c).name().length() + 3; // room for the filter button
        // A column printed with fixed decimals (INTEGER, SECONDS, DECIMAL but the shortest form) prints its longest
        // text for its largest or its smallest value: the decimals are the same in every cell, and a larger
        // magnitude rounds to as many integer digits or more, a minus sign coming on top. Only those values are
        // printed then, not every cell (printing was most of the time of this method).
        boolean[] fixed = new boolean[w.length];
        Extremes[] extremes = new Extremes[w.length];
        for (int c = 0; c < w.length; c++) {
            Column col = cols.get(c);
            fixed[c] = CellFormat.isNumeric(col) && (col.type() != DataTable.ColumnType.DECIMAL || col.decimals() >= 0);
            if (fixed[c]) extremes[c] = new Extremes();
        }
        List<Object[]> rows = t.rows();
        int n = Math.min(t.rowCount(), WIDTH_SAMPLE_ROWS);
        for (int r = 0; r < n; r++) {
            Object[] row = rows.get(r);
            for (int c = 0; c < w.length; c++) {
                if (fixed[c]) extremes[c].add(row[c]);
                else if (w[c] < MAX_WIDTH_CHARS) w[c] = Math.max(w[c], CellFormat.format(cols.get(c), row[c]).length() + 1);
            }
        }
        for (int c = 0; c < w.length; c++) {
            if (fixed[c]) {
                for (Object v : extremes[c].values()) w[c] = Math.max(w[c], CellFormat.format(cols.get(c), v).length() + 1);
            }
            w[c] = Math.min(Math.max(w[c], 6), MAX_WIDTH_CHARS);
        }
        return w;
    }

    /**
     * The largest and smallest values of a numeric column, integers and floating point apart (a long beyond 2^53
     * does not compare exactly as a double); NaN, infinities (printed empty) and nulls are left out.
     */
    private static final class Extremes {
        private long minLong = Long.MAX_VALUE;
        private long maxLong = Long.MIN_VALUE;
        private boolean anyLong;
        private double minDouble = Double.POSITIVE_INFINITY;
        private double maxDouble = Double.NEGATIVE_INFINITY;
        private boolean anyDouble;

        void add(Object v) {
            if (v instanceof Double || v instanceof Float) {
                double d = ((Number) v).doubleValue();
                if (!Double.isFinite(d)) return;
                anyDouble = true;
                minDouble = Math.min(minDouble, d);
                maxDouble = Math.max(maxDouble, d);
            } else if (v instanceof Number num) {
                long l = num.longValue();
                anyLong = true;
                minLong = Math.min(minLong, l);
                maxLong = Math.max(maxLong, l);
            }
        }

        List<Object> values() {
            List<Object> out = new ArrayList<>(4);
            if (anyLong) {
                out.add(minLong);
                out.add(maxLong);
            }
            if (anyDouble) {
                out.add(minDouble);
                out.add(maxDouble);
            }
            return out;
        }
    }

    /** Cell styles shared by all sheets (Excel limits a workbook to 64 000 styles). */
    private static final class Styles {
        /** Index of the workbook's default style (General): POI writes no style attribute for it. */
        static final int GENERAL = 0;
        final CellStyle header;
        private final SXSSFWorkbook wb;
        private final DataFormat format;
        private final Map<String, Integer> byFormat = new HashMap<>();

        Styles(SXSSFWorkbook wb) {
            this.wb = wb;
            this.format = wb.createDataFormat();
            Font bold = wb.createFont();
            bold.setBold(true);
            header = wb.createCellStyle();
            header.setFont(bold);
        }

        /** Index of the style of an Excel number format, {@link #GENERAL} for General ({@code f} null). */
        int indexOf(String f) {
            if (f == null) return GENERAL;
            return byFormat.computeIfAbsent(f, k -> {
                CellStyle s = wb.createCellStyle();
                s.setDataFormat(format.getFormat(k));
                return s.getIndex() & 0xFFFF; // an unsigned short: a workbook holds up to 64 000 styles
            });
        }
    }

    // ---------------------------------------------------------------- charts

    private static void validate(XlsxChart c, Map<String, DataTable> tables) {
        DataTable t = tables.get(c.table());
        if (t == null) throw new IllegalArgumentException("chart '" + c.title() + "': no table " + c.table());
        column(t, c.xColumn(), c);
        if (c.splitColumn() != null) column(t, c.splitColumn(), c);
        if (c.errorColumn() != null && !CellFormat.isNumeric(column(t, c.errorColumn(), c))) {
            throw new IllegalArgumentException("chart '" + c.title() + "': " + c.errorColumn() + " is not numeric");
        }
        for (String w : c.where().keySet()) column(t, w, c);
        for (String y : c.yColumns()) {
            if (!CellFormat.isNumeric(column(t, y, c))) {
                throw new IllegalArgumentException("chart '" + c.title() + "': " + y + " is not numeric");
            }
        }
        if (c.kind() != XlsxChart.Kind.BAR && !CellFormat.isNumeric(column(t, c.xColumn(), c))) {
            throw new IllegalArgumentException("chart '" + c.title() + "': x column " + c.xColumn() + " is not numeric");
        }
    }

    private static Column column(DataTable t, String name, XlsxChart c) {
        int i = t.columnIndex(name);
        if (i < 0) throw new IllegalArgumentException("chart '" + c.title() + "': table " + t.name() + " has no column " + name);
        return t.columns().get(i);
    }

    private static XSSFChart newChart(XSSFSheet chartSheet, int top, String title) {
        XSSFDrawing drawing = chartSheet.createDrawingPatriarch();
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, 0, top, CHART_WIDTH_COLS, top + CHART_HEIGHT_ROWS - 2);
        XSSFChart chart = drawing.createChart(anchor);
        if (!title.isEmpty()) {
            chart.setTitleText(title);
            chart.setTitleOverlay(false);
        } else {
            chart.setAutoTitleDeleted(true);
        }
        chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
        return chart;
    }

    private static void addChart(XSSFSheet chartSheet, int top, XlsxChart c, DataTable t, String sheet, ChartData helper) {
        XSSFChart chart = newChart(chartSheet, top, c.title());
        Column x = t.columns().get(t.columnIndex(c.xColumn()));
        String xTitle = TableWriter.header(x);
        String yTitle = yTitle(t, c);
        if (c.kind() == XlsxChart.Kind.BAR) {
            XDDFCategoryAxis xa = chart.createCategoryAxis(AxisPosition.BOTTOM);
            xa.setTitle(xTitle);
            XDDFValueAxis ya = chart.createValueAxis(AxisPosition.LEFT);
            ya.setTitle(yTitle);
            ya.setCrosses(AxisCrosses.AUTO_ZERO);
            ya.setCrossBetween(AxisCrossBetween.BETWEEN);
            XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, xa, ya);
            data.setBarDirection(BarDirection.COL);
            data.setVaryColors(false);
            int[] rows = matchingRows(t, c, MAX_BAR_ROWS);
            int n = rows.length;
            // A contiguous block of rows (the usual case: one capture's rows of a concatenated table) is referenced
            // in place; scattered rows are copied to the helper sheet.
            boolean inPlace = n == 0 || rows[n - 1] - rows[0] == n - 1;
            int first = n == 0 ? 0 : rows[0];
            int xc = t.columnIndex(c.xColumn());
            String[] cats = new String[n];
            for (int r = 0; r < n; r++) cats[r] = CellFormat.format(x, t.rows().get(rows[r])[xc]);
            String catRange = inPlace ? range(sheet, xc, first + 1, first + n) : helper.addTexts(xTitle, cats);
            XDDFCategoryDataSource catSource = XDDFDataSourcesFactory.fromArray(cats, catRange);
            for (String y : c.yColumns()) {
                int yc = t.columnIndex(y);
                Double[] v = values(t, yc, rows);
                String title = TableWriter.header(t.columns().get(yc));
                XDDFChartData.Series s;
                if (inPlace) {
                    s = data.addSeries(catSource, XDDFDataSourcesFactory.fromArray(v, range(sheet, yc, first + 1,
                            first + n)));
                    s.setTitle(y, new CellReference(sheet, 0, yc, true, true));
                } else {
                    ChartData.Ref ref = helper.addNumbers(title, v);
                    s = data.addSeries(catSource, XDDFDataSourcesFactory.fromArray(v, ref.range()));
                    s.setTitle(title, ref.title());
                }
                s.setFillProperties(solid(data.getSeriesCount() - 1));
                if (c.errorColumn() != null) {
                    int ec = t.columnIndex(c.errorColumn());
                    Double[] e = values(t, ec, rows);
                    String errRange = inPlace ? range(sheet, ec, first + 1, first + n)
                            : helper.addNumbers(TableWriter.header(t.columns().get(ec)), e).range();
                    // Custom error bars, both ways, from the cells (POI's XDDFErrorBars setters fail on a new
                    // element, so the XML is written directly; element order as in the CT_ErrBars schema).
                    org.openxmlformats.schemas.drawingml.x2006.chart.CTErrBars bars =
                            ((XDDFBarChartData.Series) s).getCTBarSer().addNewErrBars();
                    bars.addNewErrBarType().setVal(org.openxmlformats.schemas.drawingml.x2006.chart.STErrBarType.BOTH);
                    bars.addNewErrValType().setVal(org.openxmlformats.schemas.drawingml.x2006.chart.STErrValType.CUST);
                    bars.addNewNoEndCap().setVal(false);
                    bars.addNewPlus().addNewNumRef().setF(errRange);
                    bars.addNewMinus().addNewNumRef().setF(errRange);
                }
            }
            // Bars start at zero (an axis from 1950 makes 2088 look twice 2000); Excel and LibreOffice would not.
            boolean nonNegative = true;
            for (String y : c.yColumns()) {
                for (Double v : values(t, t.columnIndex(y), rows)) if (v != null && v < 0) nonNegative = false;
            }
            if (nonNegative) ya.setMinimum(0);
            chart.plot(data);
            return;
        }
        XDDFValueAxis xa = chart.createValueAxis(AxisPosition.BOTTOM);
        xa.setTitle(xTitle);
        xa.setCrosses(AxisCrosses.AUTO_ZERO);
        XDDFValueAxis ya = chart.createValueAxis(AxisPosition.LEFT);
        ya.setTitle(yTitle);
        ya.setCrosses(AxisCrosses.AUTO_ZERO);
        ya.setCrossBetween(AxisCrossBetween.MIDPOINT_CATEGORY);
        XDDFScatterChartData data = (XDDFScatterChartData) chart.createData(ChartTypes.SCATTER, xa, ya);
        data.setStyle(c.kind() == XlsxChart.Kind.LINE ? ScatterStyle.LINE : ScatterStyle.MARKER);
        data.setVaryColors(false);
        int xc = t.columnIndex(c.xColumn());
        boolean direct = c.splitColumn() == null && c.where().isEmpty()
                && t.rowCount() <= 2 * Downsampler.DEFAULT_BUCKETS;
        if (direct) {
            int n = t.rowCount();
            XDDFNumericalDataSource<Double> xs = XDDFDataSourcesFactory.fromArray(values(t, xc, n), range(sheet, xc, 1, n));
            for (String y : c.yColumns()) {
                int yc = t.columnIndex(y);
                XDDFScatterChartData.Series s = (XDDFScatterChartData.Series) data.addSeries(xs,
                        XDDFDataSourcesFactory.fromArray(values(t, yc, n), range(sheet, yc, 1, n)));
                s.setTitle(y, new CellReference(sheet, 0, yc, true, true));
                styleSeries(s, c.kind(), data.getSeriesCount() - 1);
            }
        } else {
            for (ChartSpec.Series series : seriesOf(t, c)) {
                ChartSpec.Series d = Downsampler.downsample(series);
                ChartData.Block b = helper.add(xTitle, d);
                XDDFScatterChartData.Series s = (XDDFScatterChartData.Series) data.addSeries(
                        XDDFDataSourcesFactory.fromArray(boxed(d.x()), b.xRange()),
                        XDDFDataSourcesFactory.fromArray(boxed(d.y()), b.yRange()));
                s.setTitle(series.name(), b.title());
                styleSeries(s, c.kind(), data.getSeriesCount() - 1);
            }
        }
        chart.plot(data);
    }

    /**
     * Explicit colours: without them LibreOffice draws POI's bar and line series invisible (the file has no
     * chart style part to take defaults from). Okabe–Ito palette, as in the PNG/SVG charts.
     */
    private static final int[] PALETTE = {0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0x56B4E9, 0xCC79A7, 0xF0E442,
            0x000000};

    private static XDDFSolidFillProperties solid(int seriesIndex) {
        int rgb = PALETTE[seriesIndex % PALETTE.length];
        return new XDDFSolidFillProperties(XDDFColor.from(new byte[] {(byte) (rgb >> 16), (byte) (rgb >> 8), (byte) rgb}));
    }

    private static void styleSeries(XDDFScatterChartData.Series s, XlsxChart.Kind kind, int index) {
        s.setSmooth(false);
        XDDFLineProperties line = new XDDFLineProperties();
        if (kind == XlsxChart.Kind.LINE) {
            s.setMarkerStyle(MarkerStyle.NONE);
            line.setFillProperties(solid(index));
            line.setWidth(1.5);
        } else {
            s.setMarkerStyle(MarkerStyle.CIRCLE); // size left default: poi-ooxml-lite lacks STMarkerSize
            line.setFillProperties(new XDDFNoFillProperties());
            CTMarker marker = s.getCTScatterSer().getMarker();
            XDDFShapeProperties markerShape = new XDDFShapeProperties();
            markerShape.setFillProperties(solid(index));
            markerShape.setLineProperties(new XDDFLineProperties(solid(index)));
            marker.setSpPr(markerShape.getXmlObject());
        }
        s.setLineProperties(line);
    }

    private static String yTitle(DataTable t, XlsxChart c) {
        if (c.yColumns().size() == 1) return TableWriter.header(t.columns().get(t.columnIndex(c.yColumns().get(0))));
        String unit = null;
        for (String y : c.yColumns()) {
            String u = t.columns().get(t.columnIndex(y)).unit();
            if (unit == null) unit = u;
            else if (!unit.equals(u)) return "";
        }
        return unit == null ? "" : unit;
    }

    /** Indices of the rows passing the chart's filter, at most {@code limit}, ascending. */
    static int[] matchingRows(DataTable t, XlsxChart c, int limit) {
        int k = c.where().size();
        int[] cols = new int[k];
        String[] want = new String[k];
        int i = 0;
        for (Map.Entry<String, String> e : c.where().entrySet()) {
            cols[i] = t.columnIndex(e.getKey());
            want[i++] = e.getValue();
        }
        int[] out = new int[Math.min(limit, t.rowCount())];
        int n = 0;
        for (int r = 0; r < t.rowCount() && n < out.length; r++) {
            if (matches(t, t.rows().get(r), cols, want)) out[n++] = r;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static boolean matches(DataTable t, Object[] row, int[] cols, String[] want) {
        for (int j = 0; j < cols.length; j++) {
            if (!CellFormat.format(t.columns().get(cols[j]), row[cols[j]]).equals(want[j])) return false;
        }
        return true;
    }

    /** The rows passing the chart's filter. */
    private static List<Object[]> filtered(DataTable t, XlsxChart c) {
        if (c.where().isEmpty()) return t.rows();
        List<Object[]> out = new ArrayList<>();
        for (int r : matchingRows(t, c, Integer.MAX_VALUE)) out.add(t.rows().get(r));
        return out;
    }

    /** Points (x, y both present) per series: per y column, or per distinct split value in first-seen order. */
    static List<ChartSpec.Series> seriesOf(DataTable t, XlsxChart c) {
        int xc = t.columnIndex(c.xColumn());
        List<ChartSpec.Series> out = new ArrayList<>();
        List<Object[]> rows = filtered(t, c);
        if (c.splitColumn() == null) {
            for (String y : c.yColumns()) {
                Points p = new Points();
                int yc = t.columnIndex(y);
                for (Object[] row : rows) p.add(row[xc], row[yc]);
                out.add(p.series(y));
            }
            return out;
        }
        // One pass, grouping by the split value's printed form.
        int sc = t.columnIndex(c.splitColumn());
        int yc = t.columnIndex(c.yColumns().get(0));
        Column split = t.columns().get(sc);
        LinkedHashMap<String, Points> groups = new LinkedHashMap<>();
        for (Object[] row : rows) {
            groups.computeIfAbsent(CellFormat.format(split, row[sc]), k -> new Points()).add(row[xc], row[yc]);
        }
        groups.forEach((k, p) -> out.add(p.series(k.isEmpty() ? "(none)" : k)));
        return out;
    }

    /** Growable (x, y) pairs, keeping only finite numeric pairs. */
    private static final class Points {
        private double[] x = new double[64];
        private double[] y = new double[64];
        private int n;

        void add(Object xv, Object yv) {
            if (!(xv instanceof Number xn) || !(yv instanceof Number yn)) return;
            double xd = xn.doubleValue();
            double yd = yn.doubleValue();
            if (!Double.isFinite(xd) || !Double.isFinite(yd)) return;
            if (n == x.length) {
                x = java.util.Arrays.copyOf(x, n * 2);
                y = java.util.Arrays.copyOf(y, n * 2);
            }
            x[n] = xd;
            y[n] = yd;
            n++;
        }

        ChartSpec.Series series(String name) {
            return new ChartSpec.Series(name, java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n));
        }
    }

    private static Double[] values(DataTable t, int col, int n) {
        Double[] v = new Double[n];
        for (int r = 0; r < n; r++) {
            Object o = t.rows().get(r)[col];
            v[r] = o instanceof Number num && Double.isFinite(num.doubleValue()) ? num.doubleValue() : null;
        }
        return v;
    }

    private static Double[] values(DataTable t, int col, int[] rows) {
        Double[] v = new Double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            Object o = t.rows().get(rows[r])[col];
            v[r] = o instanceof Number num && Double.isFinite(num.doubleValue()) ? num.doubleValue() : null;
        }
        return v;
    }

    private static Double[] boxed(double[] a) {
        Double[] b = new Double[a.length];
        for (int i = 0; i < a.length; i++) b[i] = a[i];
        return b;
    }

    /** Absolute reference to rows {@code first..last} (0-based) of column {@code col} on {@code sheet}. */
    static String range(String sheet, int col, int first, int last) {
        return new CellRangeAddress(first, Math.max(first, last), col, col).formatAsString(sheet, true);
    }

    /** The "chart_data" helper sheet: two columns (x, y) per series, header row = x title, series name. */
    private static final class ChartData {
        private final XSSFWorkbook wb;
        private final Set<String> used;
        private XSSFSheet sheet;
        private int nextColumn;

        record Block(String xRange, String yRange, CellReference title) {}

        record Ref(String range, CellReference title) {}

        /** One column of text values; returns its data range. */
        String addTexts(String title, String[] values) {
            int col = nextColumn();
            row(0).createCell(col).setCellValue(title);
            for (int i = 0; i < values.length; i++) row(i + 1).createCell(col).setCellValue(values[i]);
            return range(sheet.getSheetName(), col, 1, Math.max(1, values.length));
        }

        /** One column of numbers (null = blank); returns its data range and title cell. */
        Ref addNumbers(String title, Double[] values) {
            int col = nextColumn();
            row(0).createCell(col).setCellValue(title);
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) row(i + 1).createCell(col).setCellValue(values[i]);
            }
            String name = sheet.getSheetName();
            return new Ref(range(name, col, 1, Math.max(1, values.length)), new CellReference(name, 0, col, true, true));
        }

        private int nextColumn() {
            if (sheet == null) sheet = wb.createSheet(uniqueSheetName("chart_data", used));
            return nextColumn++;
        }

        ChartData(XSSFWorkbook wb, Set<String> used) {
            this.wb = wb;
            this.used = used;
        }

        Block add(String xTitle, ChartSpec.Series s) {
            if (sheet == null) sheet = wb.createSheet(uniqueSheetName("chart_data", used));
            int xc = nextColumn;
            int yc = nextColumn + 1;
            nextColumn += 2;
            Row header = row(0);
            header.createCell(xc).setCellValue(xTitle);
            header.createCell(yc).setCellValue(s.name());
            for (int i = 0; i < s.size(); i++) {
                Row r = row(i + 1);
                r.createCell(xc).setCellValue(s.x()[i]);
                r.createCell(yc).setCellValue(s.y()[i]);
            }
            String name = sheet.getSheetName();
            int last = Math.max(1, s.size());
            return new Block(range(name, xc, 1, last), range(name, yc, 1, last), new CellReference(name, 0, yc, true, true));
        }

        private Row row(int i) {
            Row r = sheet.getRow(i);
            return r != null ? r : sheet.createRow(i);
        }
    }
}
