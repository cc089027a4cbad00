package org.mpcap.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.AnalysisOptions;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;
import org.mpcap.reports.chart.ChartSpec;
import org.mpcap.reports.model.ReportModel;
import org.mpcap.reports.model.ReportModels;
import org.mpcap.reports.model.ReportOptions;
import org.xml.sax.InputSource;

/**
 * {@code mpcap report} on two sample captures (one per scenario) through {@link Main#newCommandLine}, checked
 * against the analyzer's own tables: the xlsx cell by cell, the HTML by its sections and inline SVG, the charts
 * by their series.
 */
class ReportEndToEndTest {
    static final Path DEFAULT = ReportCommandTest.SAMPLES.resolve("default/run-01.pcap");
    static final Path FULLMESH = ReportCommandTest.SAMPLES.resolve("fullmesh/run-01.pcap");
    static final String[] LABELS = {"default/run-01.pcap", "fullmesh/run-01.pcap"};
    /** The tables the report's sections are built from. */
    static final List<String> TABLES = List.of("connections", "subflows", "addresses", "interface-share", "rtt",
            "rtt-summary", "cumulative", "throughput", "transfers", "intervals", "subflow-share", "reinjections",
            "events");

    @TempDir
    static Path tmp;
    static Path out;
    static ReportCommandTest.Run run;
    static List<CaptureAnalysis> analyses = new ArrayList<>();

    @BeforeAll
    static void report() throws Exception {
        out = tmp.resolve("report");
        run = ReportCommandTest.run("report", DEFAULT.toString(), FULLMESH.toString(), "-o", out.toString(), "-q");
        // The analyzer with the CLI's default options (--bin 0.01, --throughput-window 0.1, --burst-window 100).
        Analyzer analyzer = new Analyzer(new AnalysisOptions(10_000_000L, 100_000_000L, 100, 5));
        analyses.add(analyzer.analyze(DEFAULT));
        analyses.add(analyzer.analyze(FULLMESH));
    }

    @Test
    void reportExitsZeroAndWritesEveryOutput() throws Exception {
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        List<String> files = ReportCommandTest.files(out);
        assertThat(files).contains("index.html", "tables.xlsx", "report.md", "tables.tex", "csv/captures.csv");
        for (String t : TABLES) assertThat(files).contains("csv/" + t + ".csv");
        assertThat(files.stream().filter(f -> f.startsWith("charts/") && f.endsWith(".png"))).isNotEmpty();
        assertThat(files.stream().filter(f -> f.endsWith(".png")).map(f -> f.replace(".png", ".svg")))
                .allMatch(files::contains);
        // one vector PDF per figure, same base name, for \includegraphics{charts/ID} in report.tex
        assertThat(files.stream().filter(f -> f.endsWith(".png")).map(f -> f.replace(".png", ".pdf")))
                .allMatch(files::contains);
    }

    @Test
    void everySheetHoldsTheAnalyzersTableWithTypedCells() throws Exception {
        try (InputStream in = Files.newInputStream(out.resolve("tables.xlsx")); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            for (String name : TABLES) {
                Sheet sheet = wb.getSheet(name);
                assertThat(sheet).as(name).isNotNull();
                assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
                int next = 1;
                for (int a = 0; a < analyses.size(); a++) {
                    DataTable t = analyses.get(a).tables().get(name);
                    // The samples have no reinjection (the report then shows "No rows."); every other table has rows.
                    if (!name.equals("reinjections")) assertThat(t.rowCount()).as(name + " of " + LABELS[a]).isPositive();
                    for (Object[] values : t.rows()) {
                        Row row = sheet.getRow(next++);
                        for (int c = 0; c < values.length; c++) {
                            Column col = t.columns().get(c);
                            Cell cell = row.getCell(c);
                            String where = name + " row " + (next - 1) + " " + col.name();
                            if (col.name().equals("capture")) {
                                assertThat(cell.getStringCellValue()).as(where).isEqualTo(LABELS[a]);
                            } else if (values[c] == null) {
                                assertThat(cell == null || cell.getCellType() == CellType.BLANK).as(where).isTrue();
                            } else if (values[c] instanceof Number n) {
                                assertThat(cell.getCellType()).as(where).isEqualTo(CellType.NUMERIC);
                                assertThat(cell.getNumericCellValue()).as(where).isEqualTo(n.doubleValue());
                            } else if (values[c] instanceof Boolean b) {
                                assertThat(cell.getBooleanCellValue()).as(where).isEqualTo(b);
                            } else {
                                assertThat(cell.getStringCellValue()).as(where).isEqualTo(values[c].toString());
                            }
                        }
                    }
                }
                assertThat(sheet.getLastRowNum()).as(name).isEqualTo(next - 1);
            }
        }
    }

    @Test
    void spreadsheetHasNativeAddressAndCumulativeChartsPerCapture() throws Exception {
        try (InputStream in = Files.newInputStream(out.resolve("tables.xlsx")); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            List<XSSFChart> charts = wb.getSheet("Charts").getDrawingPatriarch().getCharts();
            assertThat(charts).hasSize(4);
            for (int a = 0; a < 2; a++) {
                XSSFChart bars = charts.get(2 * a);
                assertThat(bars.getTitleText().getString()).contains(LABELS[a]);
                XDDFChartData data = bars.getChartSeries().get(0);
                assertThat(data).isInstanceOf(XDDFBarChartData.class);
                DataTable addresses = analyses.get(a).tables().get("addresses");
                var series = data.getSeries(0);
                assertThat(series.getCategoryData().getPointCount()).isEqualTo(addresses.rowCount());
                for (int r = 0; r < addresses.rowCount(); r++) {
                    assertThat(series.getCategoryData().getPointAt(r)).isEqualTo(addresses.get(r, "address"));
                    assertThat(((Number) series.getValuesData().getPointAt(r)).doubleValue())
                            .isEqualTo(((Number) addresses.get(r, "count")).doubleValue());
                }
                XDDFChartData lines = charts.get(2 * a + 1).getChartSeries().get(0);
                Set<String> clients = new LinkedHashSet<>();
                DataTable share = analyses.get(a).tables().get("interface-share");
                for (int r = 0; r < share.rowCount(); r++) clients.add((String) share.get(r, "client_addr"));
                assertThat(lines.getSeriesCount()).isEqualTo(clients.size());
            }
        }
    }

    @Test
    void htmlHasEverySectionOfEveryCaptureAndWellFormedInlineSvg() throws Exception {
        String html = Files.readString(out.resolve("index.html"));
        for (String part : List.of("default-run-01", "fullmesh-run-01")) {
            for (String s : List.of("connections", "addresses", "rtt", "bytes", "transfers", "events")) {
                assertThat(html).contains("id=\"" + part + "-" + s + "\"");
            }
        }
        assertThat(html).contains("id=\"overview\"").doesNotContain("<script", "<link", "src=\"", "@import",
                "produced no");
        Matcher svg = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
        int n = 0;
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        while (svg.find()) {
            assertThat(f.newDocumentBuilder().parse(new InputSource(new StringReader(svg.group())))
                    .getDocumentElement().getLocalName()).isEqualTo("svg");
            n++;
        }
        long svgFiles = ReportCommandTest.files(out).stream().filter(x -> x.endsWith(".svg")).count();
        assertThat(n).isEqualTo(svgFiles).isGreaterThanOrEqualTo(12);
    }

    @Test
    void cumulativeChartHasOneSeriesPerClientAddressEndingAtItsBytes() {
        ReportModel m = ReportModels.report(analyses, ReportOptions.DEFAULTS);
        ChartSpec spec = m.charts().stream().filter(c -> c.id().equals("default-run-01-cumulative-c0"))
                .findFirst().orElseThrow().spec();
        DataTable cum = analyses.get(0).tables().get("cumulative");
        for (ChartSpec.Series s : spec.series()) {
            double last = 0;
            for (int r = 0; r < cum.rowCount(); r++) {
                if ("interface".equals(cum.get(r, "level")) && s.name().equals(cum.get(r, "client_addr"))
                        && "c2s".equals(cum.get(r, "direction"))) {
                    last = Math.max(last, ((Number) cum.get(r, "bytes")).doubleValue());
                }
            }
            assertThat(last).as(s.name()).isPositive();
            assertThat(s.y()[s.size() - 1]).as(s.name()).isEqualTo(last); // bytes, the prefix is chosen when drawn
        }
        assertThat(spec.series()).extracting(ChartSpec.Series::name)
                .containsExactlyInAnyOrder("10.0.1.6", "10.0.2.6", "10.0.3.6");
    }
}
