package org.mpcap.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.reports.model.ReportModel;

class XlsxOutputTest {
    @TempDir
    Path tmp;

    @Test
    void everyTableIsASheetWithTypedCellsEqualToTheModelsValues() throws Exception {
        ReportModel m = HtmlOutputTest.model();
        ReportOutputs.write(m, tmp, EnumSet.of(OutputFormat.XLSX), null, new Progress(null, false));
        try (InputStream in = Files.newInputStream(tmp.resolve("tables.xlsx")); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertThat(wb.getNumberOfSheets()).isGreaterThanOrEqualTo(m.tables().size());
            for (DataTable t : m.tables()) {
                Sheet s = wb.getSheet(t.name());
                assertThat(s).as(t.name()).isNotNull();
                assertThat(s.getLastRowNum()).isEqualTo(t.rowCount());
                assertThat(s.getPaneInformation().isFreezePane()).isTrue();
                assertThat(wb.getFontAt(s.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            }
            Sheet rtt = wb.getSheet("rtt");
            DataTable t = m.table("rtt");
            int col = t.columnIndex("rtt_ms");
            var human = org.mpcap.reports.table.HumanFormat.of(t);
            for (int r = 0; r < t.rowCount(); r++) {
                var cell = rtt.getRow(r + 1).getCell(col);
                assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(cell.getNumericCellValue()).isEqualTo((Double) t.rows().get(r)[col]);
                // The number as it is, shown as the HTML/Markdown/LaTeX tables print it.
                assertThat(new org.apache.poi.ss.usermodel.DataFormatter(java.util.Locale.ROOT).formatCellValue(cell))
                        .isEqualTo(human.text(t.rows().get(r), col));
            }
            assertThat(rtt.getRow(1).getCell(t.columnIndex("capture")).getCellType()).isEqualTo(CellType.STRING);
            assertThat(wb.getSheet("subflows").getRow(1).getCell(9).getCellType()).isEqualTo(CellType.BOOLEAN);
        }
    }

    private static DataTable numbers(String name, int rows) {
        DataTable t = new DataTable(name, name, java.util.List.of(DataTable.Column.integer("n", "", "row number")));
        for (long i = 0; i < rows; i++) t.add(i);
        return t;
    }

    @Test
    void longTablesNoChartDrawsFromKeepTheirFirstRowsAndAreListed() {
        DataTable small = numbers("small", 5), longOne = numbers("frames", 12), charted = numbers("cumulative", 12);
        var chart = org.mpcap.reports.xlsx.XlsxChart.line("bytes", "cumulative", "n", "n");
        var out = XlsxOutput.workbookTables(java.util.List.of(small, longOne, charted), java.util.List.of(chart), 10);

        assertThat(out).extracting(DataTable::name).containsExactly("small", "frames", "cumulative",
                XlsxOutput.TRUNCATED_SHEET);
        assertThat(out.get(0)).isSameAs(small);
        assertThat(out.get(1).rowCount()).isEqualTo(10);
        assertThat(out.get(1).rows().get(9)).containsExactly(9L);
        assertThat(out.get(2)).as("a charted table stays whole").isSameAs(charted);
        DataTable notes = out.get(3);
        assertThat(notes.rowCount()).isEqualTo(1);
        assertThat(notes.rows().get(0)).containsExactly("frames", 12L, 10L, "csv/frames.csv");
    }

    @Test
    void noTruncatedSheetWhenEveryTableFits() {
        var out = XlsxOutput.workbookTables(java.util.List.of(numbers("a", 3)), java.util.List.of(), 10);
        assertThat(out).extracting(DataTable::name).containsExactly("a");
    }
}
