package org.mpcap.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mpcap compare} on the sample scenarios with their runs.csv, through {@link Main#newCommandLine}. */
class CompareEndToEndTest {
    static final Path SAMPLES = ReportCommandTest.SAMPLES;

    @TempDir
    static Path tmp;
    static Path out;
    static ReportCommandTest.Run run;

    @BeforeAll
    static void compare() {
        out = tmp.resolve("cmp");
        run = ReportCommandTest.run("compare", "default=" + SAMPLES.resolve("default"),
                "fullmesh=" + SAMPLES.resolve("fullmesh"), "--observations",
                SAMPLES.resolve("default/runs.csv").toString(), "--observations",
                SAMPLES.resolve("fullmesh/runs.csv").toString(), "-o", out.toString(), "-q", "--format",
                "csv,html,xlsx");
    }

    static List<String[]> csv(String name) throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("csv/" + name + ".csv"))) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    static int col(List<String[]> t, String name) {
        return List.of(t.get(0)).indexOf(name);
    }

    @Test
    void compareExitsZeroWithEveryTable() throws Exception {
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(ReportCommandTest.files(out)).contains("index.html", "tables.xlsx", "csv/runs.csv",
                "csv/aggregate.csv", "csv/comparison.csv", "csv/summary-transfer.csv", "csv/summary-intervals.csv");
    }

    @Test
    void observationsOfBothFilesAreMergedIntoTheSameColumnsByScenarioAndRun() throws Exception {
        List<String[]> runs = csv("runs");
        int group = col(runs, "group"), r = col(runs, "run"), rate = col(runs, "obs_rate_kBps");
        assertThat(rate).isPositive();
        assertThat(col(runs, "obs_rate_kBps_2")).isNegative();
        List<String> expected = new ArrayList<>();
        for (String scenario : List.of("default", "fullmesh")) {
            List<String> lines = Files.readAllLines(SAMPLES.resolve(scenario + "/runs.csv"));
            for (String l : lines.subList(1, lines.size())) {
                String[] f = l.split(",");
                expected.add(f[0] + " " + f[1] + " " + Double.parseDouble(f[4]));
            }
        }
        List<String> actual = new ArrayList<>();
        for (String[] row : runs.subList(1, runs.size())) {
            actual.add(row[group] + " " + row[r] + " " + Double.parseDouble(row[rate]));
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void aggregateMeanOfTheTransferRateIsTheMeanOfTheRuns() throws Exception {
        List<String[]> runs = csv("runs");
        List<String[]> agg = csv("aggregate");
        int rate = col(runs, "rate_kBps");
        for (String g : List.of("default", "fullmesh")) {
            double sum = 0;
            int n = 0;
            for (String[] row : runs.subList(1, runs.size())) {
                if (row[0].equals(g)) {
                    sum += Double.parseDouble(row[rate]);
                    n++;
                }
            }
            String[] a = agg.stream().filter(x -> x[0].equals(g) && x[1].equals("rate_kBps")).findFirst().orElseThrow();
            assertThat(Long.parseLong(a[col(agg, "n")])).isEqualTo(5);
            // runs.csv prints 3 decimals; the aggregate prints the mean at full precision.
            assertThat(Double.parseDouble(a[col(agg, "mean")])).isCloseTo(sum / n,
                    org.assertj.core.data.Offset.offset(0.001));
        }
    }

    @Test
    void comparisonHasWelchAndMannWhitneyPValuesForTheTransferRate() throws Exception {
        List<String[]> cmp = csv("comparison");
        String[] rate = cmp.stream().filter(x -> x[col(cmp, "metric")].equals("rate_kBps")).findFirst().orElseThrow();
        assertThat(rate[col(cmp, "group_a")]).isEqualTo("default");
        assertThat(Double.parseDouble(rate[col(cmp, "welch_p")])).isBetween(0.0, 1.0);
        assertThat(Double.parseDouble(rate[col(cmp, "mw_p")])).isBetween(0.0, 1.0);
    }

    @Test
    void summaryLabelsBothStandardDeviations() throws Exception {
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("σ (sample, n−1)", "σ (population, n)", "95% confidence interval",
                "id=\"compare-summary\"", "id=\"compare-comparison\"", "id=\"compare-runs\"");
        assertThat(csv("summary-transfer").get(0)).contains("default: rate", "fullmesh: time");
    }

    @Test
    void observationsWithoutARunColumnAreBadInput() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.csv"), "scenario,rate\ndefault,1\n");
        var r = ReportCommandTest.run("compare", "default=" + SAMPLES.resolve("default/run-01.pcap"),
                "--observations", bad.toString(), "-o", tmp.resolve("x").toString(), "-q");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).hasLineCount(1).contains("bad.csv").contains("run");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void missingObservationsFileIsBadInput() {
        var r = ReportCommandTest.run("compare", "default=" + SAMPLES.resolve("default/run-01.pcap"),
                "--observations", tmp.resolve("nope.csv").toString(), "-o", tmp.resolve("y").toString(), "-q");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).hasLineCount(1).contains("nope.csv");
    }

    @Test
    void templateDirectoryWithoutIndexIsBadInput() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tpl"));
        var r = ReportCommandTest.run("report", SAMPLES.resolve("default/run-01.pcap").toString(), "--template",
                dir.toString(), "-o", tmp.resolve("z").toString(), "-q");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).hasLineCount(1).contains("index.html.mustache");
    }

    @Test
    void templateDirectoryOverridingOnlyTheStyleSheetFallsBackToTheDefaultPage() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tpl2"));
        Files.writeString(dir.resolve("index.html.mustache"), "<html><style>{{{css}}}</style>"
                + "{{#sections}}<h2 id=\"{{id}}\">{{title}}</h2>{{#subsections}}{{> section}}{{/subsections}}"
                + "{{/sections}}</html>");
        Files.writeString(dir.resolve("style.css"), "body { color: #123456; }");
        var r = ReportCommandTest.run("report", SAMPLES.resolve("default/run-01.pcap").toString(), "--template",
                dir.toString(), "-o", tmp.resolve("t2").toString(), "-q", "--format", "html");
        assertThat(r.code()).as(r.err()).isZero();
        String html = Files.readString(tmp.resolve("t2/index.html"));
        assertThat(html).contains("#123456", "<h2 id=\"run-01\">run-01.pcap</h2>", "<figure class=\"chart\"");
    }
}
