package org.mpcap.reports.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

class RunReportsTest {
    /** Runs of one scenario {@code g} with these rates (null: no finished transfer), run numbers 1, 2, ... */
    static DataTable runs(String g, Double... rates) {
        DataTable t = new DataTable("runs", "Per-run metrics", List.of(Column.text("group", ""),
                Column.integer("run", "", ""), Column.text("capture", ""),
                Column.decimal("rate_kBps", 3, "kB/s", "")));
        for (int i = 0; i < rates.length; i++) t.add(g, (long) (i + 1), g + (i + 1), rates[i]);
        return t;
    }

    static List<Long> chosenRuns(DataTable runs, int perScenario) {
        return RunReports.choose(runs, perScenario).stream().map(c -> (Long) runs.rows().get(c.row())[1]).toList();
    }

    @Test
    void spreadTakesBothEndsAndEqualStepsBetween() {
        assertThat(RunReports.spread(100, 10)).containsExactly(0, 11, 22, 33, 44, 55, 66, 77, 88, 99);
        assertThat(RunReports.spread(12, 10)).containsExactly(0, 1, 2, 4, 5, 6, 7, 9, 10, 11);
        assertThat(RunReports.spread(5, 5)).containsExactly(0, 1, 2, 3, 4);
        assertThat(RunReports.spread(7, 2)).containsExactly(0, 6);
        assertThat(RunReports.spread(7, 1)).containsExactly(3);
        assertThat(RunReports.spread(6, 1)).containsExactly(2);
        assertThat(RunReports.spread(7, 0)).isEmpty();
    }

    @Test
    void theSlowestTheMedianAndTheFastestRunAreChosenByTransferRate() {
        DataTable t = runs("a", 300.0, 100.0, 500.0, 200.0, 400.0, 250.0, 350.0);
        // ranked: run 2 (100), 4 (200), 6 (250), 1 (300), 7 (350), 5 (400), 3 (500); listed in run order
        assertThat(chosenRuns(t, 3)).containsExactly(1L, 2L, 3L);
        assertThat(RunReports.choose(t, 3)).extracting(RunReports.Chosen::rank).containsExactly(4, 1, 7);
    }

    @Test
    void aRunWithoutARateRanksAsTheSlowest() {
        DataTable t = runs("a", 300.0, 100.0, null, 200.0, 400.0);
        assertThat(chosenRuns(t, 2)).containsExactly(3L, 5L);
        RunReports.Chosen noRate = RunReports.choose(t, 2).get(0);
        assertThat(noRate.rated()).isFalse();
        assertThat(RunReports.rankText(noRate)).isEqualTo("rank 1 of 5 by transfer rate (no transfer rate)");
    }

    @Test
    void tiesAreRankedInRunOrder() {
        DataTable t = runs("a", 100.0, 100.0, 100.0, 100.0);
        assertThat(RunReports.choose(t, 4)).extracting(RunReports.Chosen::rank).containsExactly(1, 2, 3, 4);
        assertThat(chosenRuns(t, 2)).containsExactly(1L, 4L);
    }

    @Test
    void eachScenarioIsBoundedOnItsOwn() {
        DataTable t = runs("a", 1.0, 2.0, 3.0, 4.0, 5.0);
        for (Object[] r : runs("b", 7.0, 8.0).rows()) t.add(r);
        assertThat(RunReports.choose(t, 3)).extracting(c -> t.rows().get(c.row())[2])
                .containsExactly("a1", "a3", "a5", "b1", "b2");
        assertThat(RunReports.choose(t, RunReports.ALL)).hasSize(7);
        assertThat(RunReports.choose(t, 0)).isEmpty();
    }

    @Test
    void aNegativeCountIsRejected() {
        assertThatThrownBy(() -> RunReports.choose(runs("a", 1.0), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rankTextNamesTheEndsAndTheMedian() {
        assertThat(RunReports.rankText(new RunReports.Chosen(0, 1, 9, true))).endsWith("(slowest)");
        assertThat(RunReports.rankText(new RunReports.Chosen(0, 9, 9, true))).endsWith("(fastest)");
        assertThat(RunReports.rankText(new RunReports.Chosen(0, 5, 9, true))).isEqualTo("rank 5 of 9 by transfer rate (median)");
        assertThat(RunReports.rankText(new RunReports.Chosen(0, 5, 10, true))).isEqualTo("rank 5 of 10 by transfer rate");
    }
}
