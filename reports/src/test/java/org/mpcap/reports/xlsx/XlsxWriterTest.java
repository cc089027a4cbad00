package org.mpcap.reports.xlsx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xddf.usermodel.XDDFColorRgbBinary;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFScatterChartData;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.mpcap.reports.table.HumanFormat;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

class XlsxWriterTest {

    static DataTable addresses() {
        DataTable t = new DataTable("addr_dist", "Packets per address", List.of(
                Column.text("address", "IP address"),
                Column.integer("packets", "", "packets sent or received"),
                Column.decimal("percent", 2, "%", "share of all packets"),
                Column.seconds("first_s", "first packet"),
                Column.bool("client", "address of the client"),
                Column.decimal("rate", -1, "packets/ms", "")));
        t.add("10.0.4.7", 14076L, 100.0, 0.0, false, 0.187);
        t.add("10.0.1.6", 5724L, 40.66, 0.223, true, null);
        t.add("10.0.2.6", 5021L, 35.67, Double.NaN, true, 0.0667);
        return t;
    }

    /** Cumulative bytes per client address, interleaved as packets arrive. */
    static DataTable bytesOverTime(int rowsPerAddress) {
        DataTable t = new DataTable("bytes_over_time", "Cumulative bytes per address", List.of(
                Column.seconds("time_s", "time since first packet"),
                Column.text("client_addr", "client address"),
                Column.integer("bytes", "B", "cumulative payload bytes")));
        String[] addrs = {"10.0.1.6", "10.0.2.6", "10.0.3.6"};
        long[] sum = new long[3];
        for (int i = 0; i < rowsPerAddress * 3; i++) {
            int a = i % 3;
            sum[a] += 1448;
            t.add(i * 0.001, addrs[a], sum[a]);
        }
        return t;
    }

    private static XSSFWorkbook roundTrip(List<DataTable> tables, List<XlsxChart> charts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxWriter.write(tables, charts, out);
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void oneSheetPerTableWithTypedCells() throws IOException {
        try (XSSFWorkbook wb = roundTrip(List.of(addresses()), List.of())) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(1);
            XSSFSheet s = wb.getSheet("addr_dist");
            assertThat(s.getLastRowNum()).isEqualTo(3);
            assertThat(s.getRow(0).getCell(0).getStringCellValue()).isEqualTo("address");
            assertThat(s.getRow(0).getCell(0).getCellStyle().getFont().getBold()).isTrue();
            XSSFCell addr = s.getRow(1).getCell(0);
            assertThat(addr.getCellType()).isEqualTo(CellType.STRING);
            assertThat(addr.getStringCellValue()).isEqualTo("10.0.4.7");
            assertThat(s.getRow(1).getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(s.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(14076.0);
            assertThat(s.getRow(2).getCell(2).getNumericCellValue()).isEqualTo(40.66);
            assertThat(s.getRow(2).getCell(3).getNumericCellValue()).isEqualTo(0.223);
            assertThat(s.getRow(2).getCell(4).getCellType()).isEqualTo(CellType.BOOLEAN);
            assertThat(s.getRow(2).getCell(4).getBooleanCellValue()).isTrue();
        }
    }

    @Test
    void emptyAndNanValuesAreBlankCells() throws IOException {
        try (XSSFWorkbook wb = roundTrip(List.of(addresses()), List.of())) {
            XSSFSheet s = wb.getSheet("addr_dist");
            assertThat(s.getRow(2).getCell(5)).isNull(); // null rate
            assertThat(s.getRow(3).getCell(3)).isNull(); // NaN seconds
        }
    }

    @Test
    void numberFormatsAreTheHumanFormats() throws IOException {
        try (XSSFWorkbook wb = roundTrip(List.of(addresses()), List.of())) {
            XSSFSheet s = wb.getSheet("addr_dist");
            assertThat(s.getRow(1).getCell(1).getCellStyle().getDataFormatString()).isEqualTo("0");
            assertThat(s.getRow(1).getCell(2).getCellStyle().getDataFormatString()).isEqualTo("0.00");
            assertThat(s.getRow(1).getCell(3).getCellStyle().getDataFormatString()).isEqualTo("0.000000");
            // Shortest-form decimals: significant digits per cell, as HumanFormat prints them.
            assertThat(s.getRow(1).getCell(5).getCellStyle().getDataFormatString())
                    .isEqualTo(HumanFormat.of(addresses()).cell(addresses().rows().get(0), 5).excelFormat());
        }
    }

    @Test
    void headerIsFrozenAndFiltered() throws IOException {
        try (XSSFWorkbook wb = roundTrip(List.of(addresses()), List.of())) {
            XSSFSheet s = wb.getSheet("addr_dist");
            PaneInformation pane = s.getPaneInformation();
            assertThat(pane).isNotNull();
            assertThat(pane.isFreezePane()).isTrue();
            assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(pane.getVerticalSplitPosition()).isEqualTo((short) 0);
            assertThat(s.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:F4");
        }
    }

    @Test
    void sheetsPrintOnePageWideWithTheHeaderOnEveryPage() throws IOException {
        List<Column> cols = new java.util.ArrayList<>();
        for (int i = 0; i <= XlsxWriter.PORTRAIT_COLUMNS; i++) cols.add(Column.integer("c" + i, "", ""));
        DataTable wide = new DataTable("wide", "Wide", cols);
        wide.add(new Object[cols.size()]);
        try (XSSFWorkbook wb = roundTrip(List.of(addresses(), wide), List.of())) {
            for (int i = 0; i < 2; i++) {
                org.apache.poi.xssf.usermodel.XSSFSheet s = wb.getSheetAt(i);
                assertThat(s.getFitToPage()).isTrue();
                assertThat(s.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
                assertThat(s.getPrintSetup().getFitHeight()).isEqualTo((short) 0);
                assertThat(s.getRepeatingRows()).isEqualTo(CellRangeAddress.valueOf("1:1"));
            }
            assertThat(wb.getSheetAt(0).getPrintSetup().getLandscape()).isFalse(); // 3 columns
            assertThat(wb.getSheetAt(1).getPrintSetup().getLandscape()).isTrue();
        }
    }

    @Test
    void headerCommentsGiveUnitAndDescription() throws IOException {
        try (XSSFWorkbook wb = roundTrip(List.of(addresses()), List.of())) {
            XSSFSheet s = wb.getSheet("addr_dist");
            assertThat(s.getRow(0).getCell(2).getCellComment().getString().getString())
                    .isEqualTo("unit: % — share of all packets");
            assertThat(s.getRow(0).getCell(0).getCellComment().getString().getString()).isEqualTo("IP address");
        }
    }

    @Test
    void columnWidthsComeFromContentAndAreCapped() throws IOException {
        DataTable t = new DataTable("w", "W", List.of(Column.text("a", ""), Column.text("long_text", "")));
        t.add("x", "y".repeat(500));
        try (XSSFWorkbook wb = roundTrip(List.of(t), List.of())) {
            XSSFSheet s = wb.getSheet("w");
            assertThat(s.getColumnWidth(0)).isEqualTo(6 * 256);
            assertThat(s.getColumnWidth(1)).isEqualTo(XlsxWriter.MAX_WIDTH_CHARS * 256);
        }
    }

    @Test
    void hugeIntegersAreTextToKeepAllDigits() throws IOException {
        DataTable t = new DataTable("keys", "Keys", List.of(Column.integer("idsn", "", "")));
        t.add(-1L);
        t.add(999_999_999_999_999L);
        t.add(1_000_000_000_000_000L);
        t.add(Long.MIN_VALUE);
        try (XSSFWorkbook wb = roundTrip(List.of(t), List.of())) {
            XSSFSheet s = wb.getSheet("keys");
            assertThat(s.getRow(1).getCell(0).getNumericCellValue()).isEqualTo(-1.0);
            assertThat(s.getRow(2).getCell(0).getNumericCellValue()).isEqualTo(999_999_999_999_999.0);
            assertThat(s.getRow(3).getCell(0).getStringCellValue()).isEqualTo("1000000000000000");
            assertThat(s.getRow(4).getCell(0).getStringCellValue()).isEqualTo("-9223372036854775808");
        }
    }

    @Test
    void sheetNamesAreValidUniqueAndShort() {
        Set<String> used = new HashSet<>();
        assertThat(XlsxWriter.uniqueSheetName("subflows", used)).isEqualTo("subflows");
        assertThat(XlsxWriter.uniqueSheetName("SUBFLOWS", used)).isEqualTo("SUBFLOWS~2");
        assertThat(XlsxWriter.uniqueSheetName("a/b:c*d?e[f]g\\h", used)).isEqualTo("a_b_c_d_e_f_g_h");
        String longName = "x".repeat(40);
        String first = XlsxWriter.uniqueSheetName(longName, used);
        String second = XlsxWriter.uniqueSheetName(longName, used);
        assertThat(first).hasSize(31);
        assertThat(second).hasSize(31).endsWith("~2").isNotEqualTo(first);
        assertThat(XlsxWriter.uniqueSheetName("History", used)).isEqualTo("History_");
    }

    @Test
    void duplicateTableNamesGetDistinctSheets() throws IOException {
        try (XSSFWorkbook wb = roundTrip(List.of(addresses(), addresses()), List.of())) {
            assertThat(wb.getSheetName(0)).isEqualTo("addr_dist");
            assertThat(wb.getSheetName(1)).isEqualTo("addr_dist~2");
        }
    }

    @Test
    void barChartReferencesCategoryAndValueColumns() throws IOException {
        XlsxChart bar = XlsxChart.bar("Packets per address", "addr_dist", "address", "packets");
        try (XSSFWorkbook wb = roundTrip(List.of(addresses()), List.of(bar))) {
            XSSFSheet charts = wb.getSheet("Charts");
            List<XSSFChart> list = charts.getDrawingPatriarch().getCharts();
            assertThat(list).hasSize(1);
            XSSFChart chart = list.get(0);
            assertThat(chart.getTitleText().getString()).isEqualTo("Packets per address");
            XDDFChartData data = chart.getChartSeries().get(0);
            assertThat(data).isInstanceOf(XDDFBarChartData.class);
            assertThat(data.getSeriesCount()).isEqualTo(1);
            XDDFChartData.Series s = data.getSeries(0);
            assertThat(s.getCategoryData().getDataRangeReference()).isEqualTo("addr_dist!$A$2:$A$4");
            assertThat(s.getValuesData().getDataRangeReference()).isEqualTo("addr_dist!$B$2:$B$4");
            assertThat(s.getValuesData().getPointAt(1).doubleValue()).isEqualTo(5724.0);
        }
    }

    @Test
    void shortLineChartReferencesTheTableDirectly() throws IOException {
        XlsxChart line = XlsxChart.line("Bytes", "bytes_over_time", "time_s", "bytes");
        try (XSSFWorkbook wb = roundTrip(List.of(bytesOverTime(10)), List.of(line))) {
            XSSFChart chart = wb.getSheet("Charts").getDrawingPatriarch().getCharts().get(0);
            XDDFChartData data = chart.getChartSeries().get(0);
            assertThat(data).isInstanceOf(XDDFScatterChartData.class);
            XDDFChartData.Series s = data.getSeries(0);
            assertThat(s.getCategoryData().getDataRangeReference()).isEqualTo("bytes_over_time!$A$2:$A$31");
            assertThat(s.getValuesData().getDataRangeReference()).isEqualTo("bytes_over_time!$C$2:$C$31");
            assertThat(wb.getSheet("chart_data")).isNull();
        }
    }

    @Test
    void splitLineChartHasOneSeriesPerAddressOnHelperSheet() throws IOException {
        XlsxChart line = XlsxChart.line("Cumulative bytes", "bytes_over_time", "time_s", "bytes")
                .splitBy("client_addr");
        try (XSSFWorkbook wb = roundTrip(List.of(bytesOverTime(5)), List.of(line))) {
            assertThat(wb.getSheetName(1)).isEqualTo("Charts");
            assertThat(wb.getSheetName(2)).isEqualTo("chart_data");
            XSSFChart chart = wb.getSheet("Charts").getDrawingPatriarch().getCharts().get(0);
            XDDFChartData data = chart.getChartSeries().get(0);
            assertThat(data.getSeriesCount()).isEqualTo(3);
            XDDFChartData.Series second = data.getSeries(1);
            assertThat(second.getCategoryData().getDataRangeReference()).isEqualTo("chart_data!$C$2:$C$6");
            assertThat(second.getValuesData().getDataRangeReference()).isEqualTo("chart_data!$D$2:$D$6");
            XSSFSheet helper = wb.getSheet("chart_data");
            assertThat(helper.getRow(0).getCell(3).getStringCellValue()).isEqualTo("10.0.2.6");
            assertThat(helper.getRow(1).getCell(2).getNumericCellValue()).isEqualTo(0.001);
            assertThat(helper.getRow(5).getCell(3).getNumericCellValue()).isEqualTo(5 * 1448.0);
        }
    }

    @Test
    void longSeriesAreDownsampledForCharts() throws IOException {
        XlsxChart scatter = XlsxChart.scatter("Bytes", "bytes_over_time", "time_s", "bytes").splitBy("client_addr");
        DataTable t = bytesOverTime(20_000);
        try (XSSFWorkbook wb = roundTrip(List.of(t), List.of(scatter))) {
            assertThat(wb.getSheet("bytes_over_time").getLastRowNum()).isEqualTo(60_000);
            XSSFChart chart = wb.getSheet("Charts").getDrawingPatriarch().getCharts().get(0);
            XDDFChartData.Series s = chart.getChartSeries().get(0).getSeries(0);
            assertThat(s.getValuesData().getPointCount()).isBetween(2, 4000);
            XSSFSheet helper = wb.getSheet("chart_data");
            assertThat(helper.getLastRowNum()).isLessThanOrEqualTo(4000);
        }
    }

    @Test
    void seriesHaveExplicitColoursSoLibreOfficeDrawsThem() throws IOException {
        XlsxChart bar = XlsxChart.bar("Packets", "addr_dist", "address", "packets");
        XlsxChart line = XlsxChart.line("Bytes", "bytes_over_time", "time_s", "bytes").splitBy("client_addr");
        try (XSSFWorkbook wb = roundTrip(List.of(addresses(), bytesOverTime(5)), List.of(bar, line))) {
            List<XSSFChart> charts = wb.getSheet("Charts").getDrawingPatriarch().getCharts();
            assertThat(charts.get(0).getChartSeries().get(0).getSeries(0).getShapeProperties().getFillProperties())
                    .isInstanceOf(XDDFSolidFillProperties.class);
            XDDFChartData lines = charts.get(1).getChartSeries().get(0);
            assertThat(lines.getSeries(0).getShapeProperties().getLineProperties().getFillProperties())
                    .isInstanceOf(XDDFSolidFillProperties.class);
            assertThat(rgb(lines.getSeries(0))).isNotEqualTo(rgb(lines.getSeries(1)));
            assertThat(rgb(lines.getSeries(0))).containsExactly(0x00, 0x72, 0xB2);
        }
    }

    private static byte[] rgb(XDDFChartData.Series s) {
        XDDFSolidFillProperties fill = (XDDFSolidFillProperties) s.getShapeProperties().getLineProperties()
                .getFillProperties();
        return ((XDDFColorRgbBinary) fill.getColor()).getValue();
    }

    @Test
    void chartOnUnknownColumnIsRejected() {
        XlsxChart bad = XlsxChart.bar("x", "addr_dist", "address", "nope");
        assertThatThrownBy(() -> XlsxWriter.write(List.of(addresses()), List.of(bad), new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column nope");
    }

    @Test
    void barChartWithErrorsHasCustomErrorBarsReferencingTheErrorColumn() throws IOException {
        DataTable means = new DataTable("means", "Means", List.of(Column.text("metric", ""),
                Column.text("scenario", ""), Column.decimal("mean", -1, "", ""), Column.decimal("half", -1, "", "")));
        means.add("rate", "default", 2088.0, 420.0);
        means.add("rate", "fullmesh", 2309.0, 480.0);
        means.add("time", "default", 0.5, 0.1);
        means.add("time", "fullmesh", 0.46, 0.1);
        XlsxChart bar = XlsxChart.bar("Time", "means", "scenario", "mean").where("metric", "time").withErrors("half");
        try (XSSFWorkbook wb = roundTrip(List.of(means), List.of(bar))) {
            XSSFChart chart = wb.getSheet("Charts").getDrawingPatriarch().getCharts().get(0);
            var ser = chart.getCTChart().getPlotArea().getBarChartArray(0).getSerArray(0);
            assertThat(ser.getVal().getNumRef().getF()).isEqualTo("means!$C$4:$C$5");
            var err = ser.getErrBars();
            assertThat(err.getErrValType().getVal().toString()).isEqualTo("cust");
            assertThat(err.getErrBarType().getVal().toString()).isEqualTo("both");
            assertThat(err.getPlus().getNumRef().getF()).isEqualTo("means!$D$4:$D$5");
            assertThat(err.getMinus().getNumRef().getF()).isEqualTo("means!$D$4:$D$5");
            // Bars of positive values on an axis from zero.
            assertThat(chart.getCTChart().getPlotArea().getValAxArray(0).getScaling().getMin().getVal()).isZero();
            assertThat(wb.getSheet("Charts").getFitToPage()).isTrue();
        }
    }

    @Test
    void textReadsBackAsWrittenButForWhatXmlCannotHold() throws IOException {
        String[] written = {"a < b > c & \"d\"", "tab\there", "two\nlines", "cr\rhere", "no\u00A0break", " leading",
            "trailing ", "µs → β \uD83D\uDE00", "ctl\u0001\u001F", "\uFFFE", "lone \uD800 high", "DEL\u007F"};
        String[] read = {"a < b > c & \"d\"", "tab\there", "two\nlines", "cr\rhere", "no\u00A0break", " leading",
            "trailing ", "µs → β \uD83D\uDE00", "ctl??", "?", "lone ? high", "DEL\u007F"};
        DataTable t = new DataTable("text", "Text", List.of(Column.text("s", "")));
        for (String s : written) t.add(s);
        try (XSSFWorkbook wb = roundTrip(List.of(t), List.of())) {
            XSSFSheet s = wb.getSheet("text");
            for (int i = 0; i < read.length; i++) {
                assertThat(s.getRow(i + 1).getCell(0).getStringCellValue()).as(written[i]).isEqualTo(read[i]);
            }
        }
    }

    @Test
    void hugeIntegersAreTextInTheGeneralStyle() throws IOException {
        DataTable t = new DataTable("keys", "Keys", List.of(Column.integer("idsn", "", "")));
        t.add(1_000_000_000_000_000L);
        t.add(-1_000_000_000_000_000L);
        t.add(999_999_999_999_999L);
        try (XSSFWorkbook wb = roundTrip(List.of(t), List.of())) {
            XSSFSheet s = wb.getSheet("keys");
            for (int r = 1; r <= 2; r++) {
                assertThat(s.getRow(r).getCell(0).getCellType()).isEqualTo(CellType.STRING);
                assertThat(s.getRow(r).getCell(0).getCellStyle().getIndex()).isZero();
                assertThat(s.getRow(r).getCell(0).getCellStyle().getDataFormatString()).isEqualTo("General");
            }
            assertThat(s.getRow(2).getCell(0).getStringCellValue()).isEqualTo("-1000000000000000");
            assertThat(s.getRow(3).getCell(0).getCellStyle().getDataFormatString()).isEqualTo("0");
        }
    }

    @Test
    void numbersReadBackExactly() throws IOException {
        DataTable t = new DataTable("n", "Numbers", List.of(Column.decimal("x", -1, "", ""), Column.integer("i", "", "")));
        double[] xs = {0.1, 1.0 / 3, -2.5e-9, 7.4e-5, 0.003283, 12_345_678.0, 1e20, -0.0, Double.MIN_VALUE, 4389573.825360283};
        long[] is = {0, -1, 12_345_678, 999_999_999_999_999L, -999_999_999_999_999L, 42, 7, 1 << 30, 3, 5};
        for (int i = 0; i < xs.length; i++) t.add(xs[i], is[i]);
        try (XSSFWorkbook wb = roundTrip(List.of(t), List.of())) {
            XSSFSheet s = wb.getSheet("n");
            for (int i = 0; i < xs.length; i++) {
                assertThat(s.getRow(i + 1).getCell(0).getNumericCellValue()).isEqualTo(xs[i]);
                assertThat(s.getRow(i + 1).getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(s.getRow(i + 1).getCell(1).getNumericCellValue()).isEqualTo((double) is[i]);
            }
        }
    }

    @Test
    void sheetDimensionCoversHeaderAndData() throws IOException {
        DataTable empty = new DataTable("empty", "Empty", List.of(Column.text("a", ""), Column.text("b", "")));
        try (XSSFWorkbook wb = roundTrip(List.of(addresses(), empty), List.of())) {
            assertThat(wb.getSheet("addr_dist").getCTWorksheet().getDimension().getRef()).isEqualTo("A1:F4");
            assertThat(wb.getSheet("empty").getCTWorksheet().getDimension().getRef()).isEqualTo("A1:B1");
            assertThat(wb.getSheet("empty").getLastRowNum()).isZero();
        }
    }

    @Test
    void numericColumnWidthsAreThoseOfTheLongestPrintedValue() {
        java.util.Random r = new java.util.Random(5);
        List<Column> cols = List.of(Column.integer("i", "", ""), Column.decimal("d3", 3, "", ""),
                Column.seconds("s", ""), Column.decimal("d0", 0, "", ""), Column.decimal("short", -1, "", ""));
        for (int trial = 0; trial < 200; trial++) {
            DataTable t = new DataTable("w", "W", cols);
            int rows = 1 + r.nextInt(40);
            double scale = Math.pow(10, r.nextInt(14) - 3);
            for (int i = 0; i < rows; i++) {
                Object[] row = new Object[cols.size()];
                row[0] = switch (r.nextInt(5)) {
                    case 0 -> null;
                    case 1 -> r.nextBoolean() ? Long.MIN_VALUE + r.nextInt(3) : Long.MAX_VALUE - r.nextInt(3);
                    default -> (long) ((r.nextDouble() - 0.6) * scale);
                };
                for (int c = 1; c < cols.size(); c++) {
                    int pick = r.nextInt(8);
                    // 9.9995 and the like: rounding adds an integer digit
                    row[c] = pick == 0 ? null : pick == 1 ? Double.NaN : pick == 2 ? Math.pow(10, r.nextInt(6)) - 0.0005
                            : pick == 3 ? (double) (long) (r.nextDouble() * scale) : (r.nextDouble() - 0.6) * scale;
                }
                t.add(row);
            }
            int[] expected = new int[cols.size()];
            for (int c = 0; c < cols.size(); c++) {
                int w = cols.get(c).name().length() + 3;
                for (Object[] row : t.rows()) {
                    w = Math.max(w, org.mpcap.reports.table.CellFormat.format(cols.get(c), row[c]).length() + 1);
                }
                expected[c] = Math.min(Math.max(w, 6), XlsxWriter.MAX_WIDTH_CHARS);
            }
            assertThat(XlsxWriter.columnWidths(t)).as("trial %d", trial).containsExactly(expected);
        }
    }

    @Test
    void tablesLongerThanASheetContinueOnTheNextSheet() throws Exception {
        int n = XlsxWriter.MAX_DATA_ROWS + 3;
        DataTable t = DataTable.generated("long", "Long", List.of(Column.integer("i", "", "")), n,
                i -> new Object[] {(long) i});
        java.nio.file.Path file = java.nio.file.Files.createTempFile("split", ".xlsx");
        try {
            try (var out = java.nio.file.Files.newOutputStream(file)) {
                XlsxWriter.write(List.of(t), List.of(), out);
            }
            try (var pkg = org.apache.poi.openxml4j.opc.OPCPackage.open(file.toFile(),
                    org.apache.poi.openxml4j.opc.PackageAccess.READ)) {
                var reader = new org.apache.poi.xssf.eventusermodel.XSSFReader(pkg);
                var sheets = (org.apache.poi.xssf.eventusermodel.XSSFReader.SheetIterator) reader.getSheetsData();
                List<SheetSummary> seen = new java.util.ArrayList<>();
                while (sheets.hasNext()) {
                    try (var in = sheets.next()) {
                        seen.add(SheetSummary.of(sheets.getSheetName(), in));
                    }
                }
                assertThat(seen).containsExactly(
                        new SheetSummary("long", "A1:A1048576", "A1:A1048576", XlsxWriter.MAX_DATA_ROWS + 1, "1048576", "1048574"),
                        new SheetSummary("long~2", "A1:A4", "A1:A4", 4, "4", "1048577"));
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    /** A sheet's dimension, autofilter, number of rows, and its last row's number and value, read by SAX. */
    record SheetSummary(String name, String dimension, String filter, int rows, String lastRow, String lastValue) {
        static SheetSummary of(String name, java.io.InputStream in) throws Exception {
            String[] f = new String[4];
            int[] rows = {0};
            StringBuilder text = new StringBuilder();
            var parser = javax.xml.parsers.SAXParserFactory.newInstance();
            parser.setNamespaceAware(true);
            parser.newSAXParser().parse(in, new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void startElement(String uri, String local, String q, org.xml.sax.Attributes a) {
                    switch (local) {
                        case "dimension" -> f[0] = a.getValue("ref");
                        case "autoFilter" -> f[1] = a.getValue("ref");
                        case "row" -> {
                            rows[0]++;
                            f[2] = a.getValue("r");
                        }
                        case "v" -> text.setLength(0);
                        default -> { }
                    }
                }

                @Override
                public void characters(char[] ch, int start, int length) {
                    text.append(ch, start, length);
                }

                @Override
                public void endElement(String uri, String local, String q) {
                    if (local.equals("v")) f[3] = text.toString();
                }
            });
            return new SheetSummary(name, f[0], f[1], rows[0], f[2], f[3]);
        }
    }
}
