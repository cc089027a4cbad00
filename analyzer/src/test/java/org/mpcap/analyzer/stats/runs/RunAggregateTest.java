package org.mpcap.analyzer.stats.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.table.DataTable;

/**
 * Golden values from the internship report (section 5.2.4, Tables 3 and 4, typed into CSV resources) and
 * known answers of the tests.
 */
class RunAggregateTest {
    private static Observations report(String name) throws IOException, URISyntaxException {
        return Observations.read(Path.of(RunAggregateTest.class.getResource("report/" + name).toURI()));
    }

    private static int row(DataTable t, String group, String metric) {
        for (int r = 0; r < t.rowCount(); r++) {
            if (t.get(r, "group").equals(group) && t.get(r, "metric").equals(metric)) return r;
        }
        throw new AssertionError("no row " + group + "/" + metric);
    }

    private static double d(DataTable t, int row, String column) {
        return (Double) t.get(row, column);
    }

    @Test
    void table3RateMeansAndDeviationsMatchTheReport() throws Exception {
        Observations obs = report("table3-transfer.csv");
        DataTable t = RunAggregate.aggregate(obs, "config", obs.defaultMetrics("config"));
        int fm = row(t, "fullmesh", "rate_kBps"), df = row(t, "default", "rate_kBps");
        // report: μ_fm = 508.5 kB/s, σ_fm = 31.2482 (population formula, as its section 5.2.4 states)
        assertThat(d(t, fm, "mean")).isEqualTo(508.5);
        assertThat(d(t, fm, "std_population")).isCloseTo(31.2482, within(0.00005));
        // the sample deviation of the same numbers
        assertThat(d(t, fm, "std_sample")).isCloseTo(32.9385, within(0.00005));
        // report: μ_df = 151.4 kB/s, σ_df = 3.07246
        assertThat(d(t, df, "mean")).isCloseTo(151.4, within(1e-12));
        assertThat(d(t, df, "std_population")).isCloseTo(3.07246, within(0.000005));
        assertThat(t.get(fm, "n")).isEqualTo(10L);
        assertThat(d(t, fm, "min")).isEqualTo(446.0);
        assertThat(d(t, fm, "median")).isEqualTo(515.0);
        assertThat(d(t, fm, "max")).isEqualTo(551.0);
    }

    @Test
    void table4FlowIntervalMeansAndSampleDeviationsMatchTheReport() throws Exception {
        Observations obs = report("table4-flows.csv");
        DataTable t = RunAggregate.aggregate(obs, "config", obs.defaultMetrics("config"));
        // Table 4's σ are sample deviations (n−1), unlike Table 3's
        int fm12 = row(t, "fullmesh", "flow1-flow2");
        assertThat(d(t, fm12, "mean")).isCloseTo(0.1715858, within(5e-8));
        assertThat(d(t, fm12, "std_sample")).isCloseTo(0.000210408, within(5e-10));
        int df13 = row(t, "default", "flow1-flow3");
        assertThat(d(t, df13, "mean")).isCloseTo(0.1412324, within(5e-8));
        assertThat(d(t, df13, "std_sample")).isCloseTo(0.0001147657, within(5e-11));
        int fm23 = row(t, "fullmesh", "flow2-flow3");
        assertThat(d(t, fm23, "mean")).isCloseTo(0.0282883, within(5e-8));
        assertThat(d(t, fm23, "std_sample")).isCloseTo(0.0063960738, within(5e-11));
        int fm13 = row(t, "fullmesh", "flow1-flow3");
        assertThat(d(t, fm13, "std_sample")).isCloseTo(0.0064649789, within(5e-11));
        int df12 = row(t, "default", "flow1-flow2");
        assertThat(d(t, df12, "mean")).isCloseTo(0.090762, within(5e-7));
        assertThat(d(t, df12, "std_sample")).isCloseTo(0.052079437, within(5e-10));
        // The report's μ_df^23 = 0.0504704 and σ_df^23 = 0.0521366865 do not follow from its own Table 4
        // (mean 0.0504732, σ 0.0521403); not asserted.
    }

    @Test
    void metricsDefaultToNumericColumnsExceptGroupAndIdentifiers() throws Exception {
        Observations obs = Observations.parse(new StringReader(
                "scenario,run,bytes,time_s,rate_kBps,kernel\n" + "a,1,100,2.0,50,6.1\n" + "b,1,100,4.0,25,v6.1\n"),
                "runs.csv");
        assertThat(obs.defaultMetrics("scenario")).containsExactly("bytes", "time_s", "rate_kBps");
    }

    @Test
    void confidenceIntervalUsesStudentTWithNMinusOneDegrees() throws Exception {
        Observations obs = report("table3-transfer.csv");
        DataTable t = RunAggregate.aggregate(obs, "config", List.of("rate_kBps"));
        int fm = row(t, "fullmesh", "rate_kBps");
        // t(0.975; 9) = 2.2621571627982; s = 32.93849487217721; 508.5 ∓ t·s/√10 (scipy: 484.93722022090870)
        assertThat(d(t, fm, "sem")).isCloseTo(32.93849487217721 / Math.sqrt(10), within(1e-12));
        assertThat(d(t, fm, "ci95_low")).isCloseTo(484.9372202209087, within(1e-9));
        assertThat(d(t, fm, "ci95_high")).isCloseTo(532.0627797790913, within(1e-9));
    }

    @Test
    void singleObservationLeavesSampleDeviationAndIntervalEmpty() {
        RunAggregate.Summary s = RunAggregate.summarize(new double[] {4.0});
        assertThat(s.n()).isEqualTo(1);
        assertThat(s.mean()).isEqualTo(4.0);
        assertThat(s.stdPopulation()).isEqualTo(0.0);
        assertThat(s.stdSample()).isNull();
        assertThat(s.sem()).isNull();
        assertThat(s.ci95Low()).isNull();
        assertThat(s.ci95High()).isNull();
        assertThat(s.median()).isEqualTo(4.0);
    }

    @Test
    void emptyCellsAreMissingValuesLeftOut() throws Exception {
        Observations obs = Observations.parse(new StringReader("g,x\na,1\na,\na,3\n"), "m.csv");
        DataTable t = RunAggregate.aggregate(obs, "g", List.of("x"));
        assertThat(t.get(0, "n")).isEqualTo(2L);
        assertThat(t.get(0, "mean")).isEqualTo(2.0);
        assertThat(t.get(0, "median")).isEqualTo(2.0);
    }

    @Test
    void welchMatchesRsSleepExample() {
        // R: t.test(extra ~ group, data = sleep) → t = -1.8608, df = 17.776, p-value = 0.07939
        // (scipy.stats.ttest_ind(equal_var=False): t = -1.8608134674868526, p = 0.0793941401873583,
        //  df = 17.776473516178488)
        double[] g1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
        double[] g2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};
        RunAggregate.Welch w = RunAggregate.welch(g1, g2);
        assertThat(w.t()).isCloseTo(-1.8608134674868526, within(1e-12));
        assertThat(w.df()).isCloseTo(17.776473516178488, within(1e-9));
        assertThat(w.p()).isCloseTo(0.0793941401873583, within(1e-10));
    }

    @Test
    void welchConfidenceIntervalOfTheDifferenceMatchesRsSleepExample() {
        // R: t.test(extra ~ group, data = sleep) → 95 percent confidence interval: -3.3654832 0.2054832
        // (scipy ttest_ind(equal_var=False).confidence_interval(): -3.3654832307117104, 0.20548323071171137)
        double[] g1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
        double[] g2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};
        RunAggregate.Welch w = RunAggregate.welch(g1, g2);
        assertThat(w.ciLow()).isCloseTo(-3.3654832307117104, within(1e-9));
        assertThat(w.ciHigh()).isCloseTo(0.20548323071171137, within(1e-9));
    }

    @Test
    void welchByHandOnTwoTinySamples() {
        // a = {1,2,3}: mean 2, s² = 1; b = {4,6}: mean 5, s² = 2. se² = 1/3 + 2/2 = 4/3; t = −3/√(4/3) = −2.598076
        // df = (4/3)² / ((1/3)²/2 + 1²/1) = (16/9) / (1/18 + 1) = 32/19 = 1.684211
        RunAggregate.Welch w = RunAggregate.welch(new double[] {1, 2, 3}, new double[] {4, 6});
        assertThat(w.t()).isCloseTo(-3 / Math.sqrt(4.0 / 3), within(1e-12));
        assertThat(w.df()).isCloseTo(32.0 / 19, within(1e-12));
    }

    @Test
    void welchIsUndefinedWithFewerThanTwoValuesOrNoVariance() {
        assertThat(RunAggregate.welch(new double[] {1}, new double[] {2, 3}).p()).isNaN();
        assertThat(RunAggregate.welch(new double[] {1, 1}, new double[] {2, 2}).p()).isNaN();
    }

    @Test
    void comparisonOfReportRatesGivesWelchAndExactMannWhitney() throws Exception {
        Observations obs = report("table3-transfer.csv");
        DataTable t = RunAggregate.comparison(obs, "config", List.of("rate_kBps", "time_s"));
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.get(0, "group_a")).isEqualTo("fullmesh");
        assertThat(t.get(0, "group_b")).isEqualTo("default");
        assertThat(t.get(0, "n_a")).isEqualTo(10L);
        assertThat((Double) t.get(0, "diff")).isCloseTo(508.5 - 151.4, within(1e-9));
        // scipy: ttest_ind(equal_var=False) t = 34.11904558784518, p = 5.573806705755645e-11, df = 9.174001863992777
        assertThat((Double) t.get(0, "welch_t")).isCloseTo(34.11904558784518, within(1e-9));
        assertThat((Double) t.get(0, "welch_df")).isCloseTo(9.174001863992777, within(1e-9));
        assertThat((Double) t.get(0, "welch_p")).isCloseTo(5.573806705755645e-11, within(1e-16));
        // every fullmesh rate exceeds every default rate: U = 100, exact p = 2/C(20,10) = 1.0825088224469e-05
        // rate_kBps has a tie inside fullmesh (515 twice) → normal approximation; time_s has no tie → exact
        assertThat(t.get(0, "mw_u")).isEqualTo(100.0);
        assertThat(t.get(0, "mw_method")).isEqualTo("normal");
        assertThat(t.get(1, "mw_u")).isEqualTo(0.0);
        assertThat(t.get(1, "mw_method")).isEqualTo("exact");
        assertThat((Double) t.get(1, "mw_p")).isCloseTo(2.0 / 184756, within(1e-18));
    }

    @Test
    void moreThanTwoGroupsAreComparedPairwiseInOrderOfAppearance() throws Exception {
        Observations obs = Observations.parse(new StringReader("g,x\nb,1\na,2\nc,3\nb,4\na,5\nc,6\n"), "m.csv");
        DataTable t = RunAggregate.comparison(obs, "g", List.of("x"));
        assertThat(t.rows()).extracting(r -> r[0] + "-" + r[1]).containsExactly("b-a", "b-c", "a-c");
    }

    @Test
    void missingGroupColumnNamesFileAndColumn() throws Exception {
        Observations obs = Observations.parse(new StringReader("g,x\na,1\n"), "m.csv");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunAggregate.aggregate(obs, "scenario", List.of("x")))
                .isInstanceOf(ObservationsException.class).hasMessageStartingWith("m.csv:1: column scenario: ");
    }

    @Test
    void nonNumericMetricCellNamesFileLineAndColumn() throws Exception {
        Observations obs = Observations.parse(new StringReader("g,x\na,1\na,1,5\n".replace("1,5", "\"1,5\"")), "m.csv");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunAggregate.aggregate(obs, "g", List.of("x")))
                .isInstanceOf(ObservationsException.class)
                .hasMessage("m.csv:3: column x: not a number: \"1,5\"");
    }
}
