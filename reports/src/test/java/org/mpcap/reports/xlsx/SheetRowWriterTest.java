package org.mpcap.reports.xlsx;

import org.mpcap.reports.output.Utf8Writer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.streaming.SXSSFCell;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link SheetRowWriter} writes the cell XML POI's own {@link SheetDataWriter} writes, but for its two number forms. */
class SheetRowWriterTest {
    static {
        try {
            Class.forName(XlsxWriter.class.getName()); // its static initializer keeps POI's logging quiet
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private final SXSSFWorkbook poi = new SXSSFWorkbook();
    private final SXSSFRow poiRow;
    private final CellStyle style; // a non-default style, index 1

    SheetRowWriterTest() {
        poiRow = poi.createSheet().createRow(0);
        style = poi.createCellStyle();
    }

    @AfterEach
    void dispose() throws IOException {
        poi.dispose();
        poi.close();
    }

    /** One row of one cell as POI's writer writes it, through the same UTF-8 writer as ours. */
    private String poiXml(int row, int col, Object value, boolean styled) throws IOException {
        SXSSFCell cell = poiRow.createCell(col);
        if (value instanceof String s) cell.setCellValue(s);
        else if (value instanceof Boolean b) cell.setCellValue(b);
        else cell.setCellValue((Double) value);
        if (styled) cell.setCellStyle(style);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SheetDataWriter w = new SheetDataWriter(new Utf8Writer(out))) {
            w.writeRow(row, poiRow);
        }
        poiRow.removeCell(cell);
        return out.toString(StandardCharsets.UTF_8);
    }

    private interface CellWrite {
        void write(SheetRowWriter w) throws IOException;
    }

    private static String ourXml(int row, CellWrite cell) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SheetRowWriter w = new SheetRowWriter(new Utf8Writer(out))) {
            w.startRow(row);
            cell.write(w);
            w.endRow();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static final String[] TEXTS = {
        "10.0.4.7", "", "a < b > c & \"d\" 'e'", "tab\there", "line\nfeed", "cr\rhere", "no\u00A0break",
        "ctl\u0001\u001F\u000B", "\uFFFE\uFFFF", "DEL\u007F", "µs → β ∞", "smile \uD83D\uDE00 ok", "lone \uD800 high",
        "lone \uDC00 low", "ends high \uD83D", "\uDE00starts low", " leading", "trailing ", "\ttab first", "end\n",
        "\u00A0nbsp first", "x".repeat(300), "<&>".repeat(50)};

    @Test
    void textCellsAreEscapedAsPoiEscapesThem() throws IOException {
        for (String s : TEXTS) {
            for (boolean styled : new boolean[] {false, true}) {
                assertThat(ourXml(4, w -> w.text(2, styled ? 1 : 0, s))).as(s).isEqualTo(poiXml(4, 2, s, styled));
            }
        }
    }

    @Test
    void repeatedTextsAreWrittenTheSameEachTime() throws IOException {
        String[] texts = {"c2s", "s2c", "ack", "c2s", "c2s", "s2c", new String("ack".toCharArray()), "a&b", "a&b"};
        for (String s : texts) assertThat(ourXml(0, w -> w.text(0, 0, s))).as(s).isEqualTo(poiXml(0, 0, s, false));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SheetRowWriter w = new SheetRowWriter(new Utf8Writer(out))) {
            w.startRow(0);
            for (String s : texts) w.text(0, 0, s);
            w.endRow();
        }
        StringBuilder expected = new StringBuilder("<row r=\"1\">\n");
        for (String s : texts) {
            expected.append("<c r=\"A1\" t=\"inlineStr\"><is><t>").append(SheetRowWriter.escaped(s)).append("</t></is></c>");
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected.append("</row>\n").toString());
    }

    @Test
    void cellReferencesAndRowNumbersAsPoiWritesThem() throws IOException {
        int[] cols = {0, 1, 25, 26, 51, 701, 702, 16_383};
        int[] rows = {0, 8, 9, 99, 65_535, 1_048_575};
        for (int col : cols) {
            for (int row : rows) {
                assertThat(ourXml(row, w -> w.bool(col, 0, true))).isEqualTo(poiXml(row, col, true, false));
            }
        }
    }

    @Test
    void booleansAsPoiWritesThem() throws IOException {
        for (boolean b : new boolean[] {false, true}) {
            assertThat(ourXml(1, w -> w.bool(3, 1, b))).isEqualTo(poiXml(1, 3, b, true));
            assertThat(ourXml(1, w -> w.bool(3, 0, b))).isEqualTo(poiXml(1, 3, b, false));
        }
    }

    /** POI's XML for a number, with our two forms: no {@code t="n"}, and integer values as integers. */
    private String poiNumberXml(int row, int col, double v, boolean styled) throws IOException {
        String xml = poiXml(row, col, v, styled).replace(" t=\"n\"", "");
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && Double.doubleToRawLongBits(v) != Double.doubleToRawLongBits(-0.0)) {
            xml = xml.replace("<v>" + Double.toString(v) + "</v>", "<v>" + (long) v + "</v>");
        }
        return xml;
    }

    @Test
    void numbersAsPoiWritesThemButNoTypeAndIntegersAsIntegers() throws IOException {
        double[] values = {0.1, -2.5, 0.003283, 7.4e-5, 1e-7, 123456.789, 0.30000000000000004, 1.0 / 3, Math.PI * 1e6,
            9_999_999.5, 1e7 + 0.5, 1e20, -1e300, Double.MIN_VALUE, Double.MAX_VALUE, 2.2250738585072014E-308,
            0.0, -0.0, 3.0, -7.0, 14_076.0, 12_345_678.0, 999_999_999_999_999.0, 1e15, -1e15, 4.5e15};
        for (double v : values) {
            for (boolean styled : new boolean[] {false, true}) {
                String ours = ourXml(6, w -> w.number(4, styled ? 1 : 0, v));
                assertThat(ours).as("%s", v).isEqualTo(poiNumberXml(6, 4, v, styled));
            }
        }
        assertThat(ourXml(0, w -> w.number(0, 0, 12_345_678.0))).contains("<v>12345678</v>");
        assertThat(ourXml(0, w -> w.number(0, 0, -0.0))).contains("<v>-0.0</v>");
    }

    @Test
    void integersAreWrittenAsDigits() throws IOException {
        long[] values = {0, 7, -7, 10, 99, 100, 1_048_576, -123_456_789_012L, 999_999_999_999_999L, -999_999_999_999_999L};
        for (long v : values) {
            assertThat(ourXml(2, w -> w.integer(1, 2, v))).isEqualTo("<row r=\"3\">\n<c r=\"B3\" s=\"2\"><v>" + v + "</v></c></row>\n");
        }
    }

    @Test
    void shortDecimalsAreDoubleToStringsTextAndReadBackExactly() {
        Random r = new Random(11);
        byte[] buf = new byte[32];
        int fast = 0;
        for (int i = 0; i < 400_000; i++) {
            int k = 1 + r.nextInt(9);
            double scale = Math.pow(10, r.nextInt(12) - 4);
            double raw = (r.nextDouble() - 0.3) * scale;
            // half the values rounded to k decimals, as times and milliseconds are; half any double
            double v = i % 2 == 0 ? Math.round(raw * Math.pow(10, k)) / Math.pow(10, k) : raw;
            if (v == Math.rint(v)) continue; // integers never get here
            int end = SheetRowWriter.shortDecimal(v, buf, 0);
            if (end < 0) continue; // left to Double.toString
            fast++;
            String ours = new String(buf, 0, end, StandardCharsets.US_ASCII);
            assertThat(Double.parseDouble(ours)).as(ours).isEqualTo(v);
            assertThat(ours).isEqualTo(Double.toString(v));
        }
        assertThat(fast).as("values on the fast path").isGreaterThan(150_000);
    }
}
