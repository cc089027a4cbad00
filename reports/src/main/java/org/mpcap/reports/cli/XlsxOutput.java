package org.mpcap.reports.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;
import org.mpcap.reports.model.ReportModel;
import org.mpcap.reports.output.AtomicOutput;
import org.mpcap.reports.table.CellFormat;
import org.mpcap.reports.table.TableWriter;

/**
 * {@code tables.xlsx}: one sheet per full table of the model (streamed with SXSSF, so long tables need little
 * memory): numbers as numeric cells with the column's number format ({@code 0.000000} for seconds, integers
 * {@code 0}), text as text, booleans as booleans; bold header "name (unit)", frozen, with an autofilter and
 * column widths from the content. A table longer than a sheet (1 048 575 data rows) is cut, and its last row
 * says so; the CSV has every row.
 */
final class XlsxOutput {
    private static final int MAX_DATA_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows() - 2;
    private static final int WIDTH_SAMPLE_ROWS = 200;

    static {
        // POI logs through log4j-api, which has no provider in the mpcap jar and would print an ERROR line on
        // stderr at first use; its simple logger (warnings and errors only) needs no provider.
        if (System.getProperty("log4j2.loggerContextFactory") == null) {
            System.setProperty("log4j2.loggerContextFactory",
                    "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
            System.setProperty("org.apache.logging.log4j.simplelog.level", "WARN");
        }
    }

    private XlsxOutput() {}

    static void write(ReportModel model, Path target) throws IOException {
        AtomicOutput.write(target, os -> {
            SXSSFWorkbook wb = new SXSSFWorkbook(500);
            try {
                Styles styles = new Styles(wb);
                Set<String> used = new HashSet<>();
                for (DataTable t : model.tables()) sheet(wb, styles, t, sheetName(t.name(), used));
                wb.write(os);
            } finally {
                wb.close();
                wb.dispose();
            }
        });
    }

    /** Excel sheet names: at most 31 characters, none of []:*?/\ and unique (case-insensitively). */
    static String sheetName(String name, Set<String> used) {
        String base = name.replaceAll("[\\[\\]:*?/\\\\]", "_");
        if (base.length() > 31) base = base.substring(0, 31);
        String n = base;
        for (int k = 2; !used.add(n.toLowerCase(java.util.Locale.ROOT)); k++) {
            String suffix = "~" + k;
            n = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
        }
        return n;
    }

    private static final class Styles {
        final CellStyle header;
        final Map<String, CellStyle> numbers = new HashMap<>();
        final SXSSFWorkbook wb;
        final DataFormat format;

        Styles(SXSSFWorkbook wb) {
            this.wb = wb;
            this.format = wb.createDataFormat();
            Font bold = wb.createFont();
            bold.setBold(true);
            header = wb.createCellStyle();
            header.setFont(bold);
        }

        CellStyle number(Column c) {
            String f = switch (c.type()) {
                case INTEGER -> "0";
                case SECONDS -> "0.000000";
                case DECIMAL -> c.decimals() < 0 ? "General" : c.decimals() == 0 ? "0" : "0." + "0".repeat(c.decimals());
                default -> "General";
            };
            return numbers.computeIfAbsent(f, k -> {
                CellStyle s = wb.createCellStyle();
                s.setDataFormat(format.getFormat(k));
                return s;
            });
        }
    }

    private static void sheet(SXSSFWorkbook wb, Styles styles, DataTable t, String name) {
        SXSSFSheet sheet = wb.createSheet(name);
        List<Column> cols = t.columns();
        int[] width = new int[cols.size()];
        Row head = sheet.createRow(0);
        for (int i = 0; i < cols.size(); i++) {
            Cell c = head.createCell(i);
            String text = TableWriter.header(cols.get(i));
            c.setCellValue(text);
            c.setCellStyle(styles.header);
            width[i] = text.length() + 3; // room for the autofilter button
        }
        CellStyle[] numberStyles = new CellStyle[cols.size()];
        for (int i = 0; i < cols.size(); i++) numberStyles[i] = styles.number(cols.get(i));
        int n = Math.min(t.rowCount(), MAX_DATA_ROWS);
        List<Object[]> rows = t.rows();
        for (int r = 0; r < n; r++) {
            Object[] v = rows.get(r);
            Row row = sheet.createRow(r + 1);
            for (int i = 0; i < cols.size(); i++) {
                Column col = cols.get(i);
                if (CellFormat.isEmpty(col, v[i])) continue;
                Cell c = row.createCell(i);
                switch (col.type()) {
                    case INTEGER, DECIMAL, SECONDS -> {
                        c.setCellValue(((Number) v[i]).doubleValue());
                        c.setCellStyle(numberStyles[i]);
                    }
                    case BOOLEAN -> c.setCellValue((Boolean) v[i]);
                    case TEXT -> c.setCellValue(v[i].toString());
                }
                if (r < WIDTH_SAMPLE_ROWS) width[i] = Math.max(width[i], CellFormat.format(col, v[i]).length() + 1);
            }
        }
        if (t.rowCount() > n) {
            sheet.createRow(n + 1).createCell(0).setCellValue("… " + (t.rowCount() - n)
                    + " more rows do not fit a sheet; see csv/" + t.name() + ".csv");
        }
        for (int i = 0; i < cols.size(); i++) sheet.setColumnWidth(i, Math.min(60, Math.max(6, width[i])) * 256);
        sheet.createFreezePane(0, 1);
        if (!cols.isEmpty()) sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, n), 0, cols.size() - 1));
    }
}
