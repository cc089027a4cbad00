package org.mpcap.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mpcap compare} with more runs than get their own report: scenario {@code many} has 12 runs (the five
 * default samples linked under twelve names, more than the default of 10 per scenario), {@code few} the five
 * fullmesh samples (all get theirs).
 */
class CompareRunReportsTest {
    static final Path SAMPLES = ReportCommandTest.SAMPLES;
    static final int MANY = 12;
    static final int FEW = 5;
    static final int REPORTED = 10 + FEW;

    @TempDir
    static Path tmp;
    static Path out;
    static ReportCommandTest.Run run;
    static List<String> runCaptures = new ArrayList<>();

    @BeforeAll
    static void compare() throws Exception {
        Path many = Files.createDirectories(tmp.resolve("in/many"));
        for (int i = 1; i <= MANY; i++) {
            Path sample = SAMPLES.resolve(String.format("default/run-%02d.pcap", (i - 1) % 5 + 1)).toAbsolutePath();
            Files.createSymbolicLink(many.resolve(String.format("run-%02d.pcap", i)), sample);
        }
        List<Path> paths = new ArrayList<>();
        for (int i = 1; i <= MANY; i++) paths.add(many.resolve(String.format("run-%02d.pcap", i)));
        for (int i = 1; i <= FEW; i++) paths.add(SAMPLES.resolve(String.format("fullmesh/run-%02d.pcap", i)));
        runCaptures.addAll(org.mpcap.reports.model.CaptureLabels.labels(paths)); // "many/run-01.pcap", "run-06.pcap"...
        out = tmp.resolve("cmp");
        run = ReportCommandTest.run("compare", "many=" + many, "few=" + SAMPLES.resolve("fullmesh"), "-o",
                out.toString(), "-q", "--format", "html,csv,md,tex,xlsx");
    }

    /** The ids of the page's level-1 sections: the comparison, then one per run with its own report. */
    static List<String> htmlParts(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("<section id=\"([^\"]+)\" class=\"level1\">").matcher(html);
        while (m.find()) ids.add(m.group(1));
        return ids;
    }

    /** The text of the cells of column {@code col} of the HTML table {@code name}. */
    static List<String> htmlColumn(String html, String name, int col) {
        int start = html.indexOf("<table data-table=\"" + name + "\">");
        String table = html.substring(start, html.indexOf("</table>", start));
        String body = table.substring(table.indexOf("<tbody>"));
        List<String> cells = new ArrayList<>();
        Matcher row = Pattern.compile("<tr>(.*?)</tr>").matcher(body);
        while (row.find()) {
            Matcher cell = Pattern.compile("<td[^>]*>(.*?)</td>").matcher(row.group(1));
            for (int i = 0; cell.find(); i++) if (i == col) cells.add(cell.group(1).replaceAll("<[^>]+>", ""));
        }
        return cells;
    }

    static List<String> csvColumn(String table, String column) throws Exception {
        List<String> lines = Files.readAllLines(out.resolve("csv/" + table + ".csv"));
        int c = List.of(lines.get(0).split(",")).indexOf(column);
        List<String> values = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) values.add(l.split(",", -1)[c]);
        return values;
    }

    @Test
    void atMostTenRunsPerScenarioGetTheirOwnSection() throws Exception {
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("(2 scenarios, 17 runs, 15 with their own report)");
        String html = Files.readString(out.resolve("index.html"));
        List<String> parts = htmlParts(html);
        assertThat(parts.get(0)).isEqualTo("compare");
        assertThat(parts).hasSize(1 + REPORTED);
        List<String> titles = new ArrayList<>();
        for (String id : parts.subList(1, parts.size())) {
            int h = html.indexOf("<h2>", html.indexOf("<section id=\"" + id + "\" class=\"level1\">"));
            titles.add(html.substring(h + 4, html.indexOf("</h2>", h)));
        }
        assertThat(titles).containsExactlyInAnyOrderElementsOf(csvColumn("run-reports", "capture"));
        assertThat(csvColumn("run-reports", "group")).filteredOn("many"::equals).hasSize(10);
    }

    @Test
    void theRunsSectionSaysWhichRunsHaveTheirReportAndHowToGetTheOthers() throws Exception {
        String html = Files.readString(out.resolve("index.html"));
        String runsSection = html.substring(html.indexOf("<section id=\"compare-runs\""),
                html.indexOf("<table", html.indexOf("<section id=\"compare-runs\"")));
        assertThat(runsSection).contains("<div class=\"notice\" role=\"note\">",
                "Only 15 of the 17 runs have their own report below", "mpcap report on its capture",
                "--run-reports all");
        assertThat(html).contains("<dt>own reports</dt><dd>15 of 17 runs, at most 10 per scenario</dd>");
        assertThat(Files.readString(out.resolve("report.md"))).contains("> **Note:** Only 15 of the 17 runs");
    }

    @Test
    void everyRunIsStillInThePerRunMetricsTableAndOnlyReportedOnesLink() throws Exception {
        String html = Files.readString(out.resolve("index.html"));
        int capture = 2; // group, run, capture, ...
        assertThat(htmlColumn(html, "runs", capture)).containsExactlyInAnyOrderElementsOf(runCaptures);
        String runs = html.substring(html.indexOf("<table data-table=\"runs\">"));
        runs = runs.substring(0, runs.indexOf("</table>"));
        Matcher links = Pattern.compile("<a href=\"#([^\"]+)\">").matcher(runs);
        List<String> linked = new ArrayList<>();
        while (links.find()) linked.add(links.group(1));
        assertThat(linked).hasSize(REPORTED).containsExactlyInAnyOrderElementsOf(
                htmlParts(html).subList(1, htmlParts(html).size()));
        assertThat(csvColumn("runs", "capture")).containsExactlyInAnyOrderElementsOf(runCaptures);
        assertThat(csvColumn("captures", "capture")).containsExactlyInAnyOrderElementsOf(runCaptures);
    }

    @Test
    void runReportsTableListsTheChosenRunsFromTheSlowest() throws Exception {
        assertThat(csvColumn("run-reports", "group")).containsExactlyElementsOf(expectedGroups());
        List<String> ranks = csvColumn("run-reports", "rate_rank");
        // 10 of 12 spread over the ranking (positions 0 1 2 4 5 6 7 9 10 11), then all 5 of the other scenario
        assertThat(ranks).containsExactly("1", "2", "3", "5", "6", "7", "8", "10", "11", "12", "1", "2", "3", "4",
                "5");
        List<String> rates = csvColumn("run-reports", "rate_kBps").subList(0, 10);
        for (int i = 1; i < rates.size(); i++) {
            assertThat(Double.parseDouble(rates.get(i))).isGreaterThanOrEqualTo(Double.parseDouble(rates.get(i - 1)));
        }
    }

    private static List<String> expectedGroups() {
        List<String> g = new ArrayList<>(java.util.Collections.nCopies(10, "many"));
        g.addAll(java.util.Collections.nCopies(FEW, "few"));
        return g;
    }

    @Test
    void perCaptureTablesInCsvXlsxMarkdownAndLatexHoldOnlyTheReportedRuns() throws Exception {
        Set<String> reported = new TreeSet<>(csvColumn("run-reports", "capture"));
        assertThat(reported).hasSize(REPORTED);
        assertThat(new TreeSet<>(csvColumn("connections", "capture"))).isEqualTo(reported);
        assertThat(new TreeSet<>(csvColumn("rtt", "capture"))).isEqualTo(reported);
        try (InputStream in = Files.newInputStream(out.resolve("tables.xlsx")); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet connections = wb.getSheet("connections");
            Set<String> inSheet = new TreeSet<>();
            for (Row r : connections) if (r.getRowNum() > 0) inSheet.add(r.getCell(0).getStringCellValue());
            assertThat(inSheet).isEqualTo(reported);
            assertThat(wb.getSheet("runs").getLastRowNum()).isEqualTo(MANY + FEW);
        }
        List<String> md = Files.readAllLines(out.resolve("report.md"));
        List<String> tex = Files.readAllLines(out.resolve("tables.tex"));
        for (String c : runCaptures) {
            boolean own = reported.contains(c);
            assertThat(md).as(c).filteredOn(("## " + c)::equals).hasSize(own ? 1 : 0);
            assertThat(tex).as(c).filteredOn(("\\section*{" + c + "}")::equals).hasSize(own ? 1 : 0);
        }
    }

    @Test
    void eachReportedRunSaysWhereItRanks() throws Exception {
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("<dt>in this comparison</dt><dd>many, run ")
                .containsPattern("<dd>many, run \\d+: rank 1 of 12 by transfer rate \\(slowest\\)</dd>")
                .containsPattern("<dd>many, run \\d+: rank 12 of 12 by transfer rate \\(fastest\\)</dd>");
    }

    @Test
    void allGivesEveryRunItsReportWithoutTheNotice(@TempDir Path dir) throws Exception {
        var r = ReportCommandTest.run("compare", "few=" + SAMPLES.resolve("fullmesh"), "--run-reports", "all",
                "-o", dir.resolve("o").toString(), "-q", "--format", "csv,md");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("(1 scenario, 5 runs)");
        String md = Files.readString(dir.resolve("o/report.md"));
        assertThat(Pattern.compile("^## run-0\\d\\.pcap$", Pattern.MULTILINE).matcher(md).results().count())
                .isEqualTo(FEW);
        assertThat(md).doesNotContain("**Note:**");
        assertThat(dir.resolve("o/csv/run-reports.csv")).doesNotExist();
    }

    @Test
    void zeroKeepsOnlyTheComparison(@TempDir Path dir) throws Exception {
        var r = ReportCommandTest.run("compare", "few=" + SAMPLES.resolve("fullmesh"), "--run-reports", "0",
                "-o", dir.resolve("o").toString(), "-q", "--format", "csv,md");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("(1 scenario, 5 runs, 0 with their own report)");
        String md = Files.readString(dir.resolve("o/report.md"));
        assertThat(md).contains("> **Note:** No run has its own report in this comparison (--run-reports 0).")
                .doesNotContain("## run-");
        assertThat(Files.readAllLines(dir.resolve("o/csv/runs.csv"))).hasSize(1 + FEW);
        assertThat(Files.readAllLines(dir.resolve("o/csv/captures.csv"))).hasSize(1 + FEW);
        assertThat(dir.resolve("o/csv/rtt.csv")).doesNotExist();
    }

    @Test
    void aRunReportsValueThatIsNotACountIsAUsageError(@TempDir Path dir) {
        for (String bad : List.of("some", "-1", "2.5")) {
            var r = ReportCommandTest.run("compare", "few=" + SAMPLES.resolve("fullmesh"), "--run-reports", bad,
                    "-o", dir.resolve("o").toString(), "-q");
            assertThat(r.code()).as(bad).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).as(bad).contains("--run-reports").contains(bad);
            assertThat(dir.resolve("o")).doesNotExist();
        }
    }
}
