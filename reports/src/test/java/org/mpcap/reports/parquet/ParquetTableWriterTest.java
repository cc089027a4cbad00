package org.mpcap.reports.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;
import org.mpcap.reports.parquet.ParquetTableWriter.CaptureInfo;

/** The Parquet writer, checked by reading its files back with DuckDB. */
class ParquetTableWriterTest {
    static DataTable sample(int rows) {
        DataTable t = new DataTable("sample", "Sample", List.of(Column.text("capture", ""),
                Column.integer("count", "", ""), Column.decimal("share", 3, "%", ""), Column.seconds("time", ""),
                Column.bool("backup", ""), Column.text("note", "")));
        for (int i = 0; i < rows; i++) {
            t.add(i % 2 == 0 ? "a.pcap" : "b.pcap", i % 7 == 0 ? null : (long) i - 5, i % 11 == 0 ? null : i * 0.5 - 3,
                    i % 13 == 0 ? null : i * 1e-6, i % 5 == 0 ? null : i % 3 == 0, i % 3 == 0 ? null : "é→" + i);
        }
        return t;
    }

    static Path write(Path dir, DataTable t, Map<String, CaptureInfo> captures, boolean scenarioRun) throws Exception {
        Path f = dir.resolve(t.name() + ".parquet");
        try (OutputStream os = Files.newOutputStream(f)) {
            ParquetTableWriter.write(t, captures::get, scenarioRun, os);
        }
        return f;
    }

    @Test
    void rowsNullsAndTypesSurviveSeveralRowGroups(@TempDir Path dir) throws Exception {
        DataTable t = sample(2 * ParquetTableWriter.ROW_GROUP_ROWS + 17);
        Path f = write(dir, t, Map.of(), false);
        try (DuckDb db = new DuckDb()) {
            DataTable back = db.read(f, t);
            assertThat(back.rowCount()).isEqualTo(t.rowCount());
            for (int i = 0; i < t.rowCount(); i++) assertThat(back.rows().get(i)).containsExactly(t.rows().get(i));
            assertThat(db.query("SELECT count(DISTINCT row_group_id) FROM parquet_metadata(" + DuckDb.literal(f) + ")"))
                    .containsExactly(List.of(3L));
        }
    }

    @Test
    void columnsAreTypedAndSecondsGainUtcTimestamps(@TempDir Path dir) throws Exception {
        Path f = write(dir, sample(3), Map.of(), false);
        try (DuckDb db = new DuckDb()) {
            assertThat(db.describe(DuckDb.literal(f))).containsExactly(Map.entry("capture", "VARCHAR"),
                    Map.entry("count", "BIGINT"), Map.entry("share", "DOUBLE"), Map.entry("time", "DOUBLE"),
                    Map.entry("backup", "BOOLEAN"), Map.entry("note", "VARCHAR"),
                    Map.entry("time_utc", "TIMESTAMP WITH TIME ZONE"));
        }
    }

    @Test
    void utcTimestampIsCaptureStartPlusSeconds(@TempDir Path dir) throws Exception {
        long start = 1_763_706_152_974_345_123L; // 2025-11-21T06:22:32.974345123Z
        Path f = write(dir, sample(40), Map.of("a.pcap", new CaptureInfo(start, "fullmesh", "run-01")), true);
        try (DuckDb db = new DuckDb()) {
            // b.pcap is unknown: its timestamps, scenario and run are null.
            assertThat(db.query("SELECT DISTINCT epoch_us(time_utc) - round(time * 1e6)::BIGINT, scenario, run FROM "
                    + DuckDb.literal(f) + " WHERE capture = 'a.pcap' AND time IS NOT NULL"))
                    .containsExactly(List.of(start / 1000, "fullmesh", "run-01"));
            assertThat(db.query("SELECT count(*) FROM " + DuckDb.literal(f) + " WHERE capture = 'b.pcap' AND "
                    + "(time_utc IS NOT NULL OR scenario IS NOT NULL OR run IS NOT NULL)")).containsExactly(List.of(0L));
        }
    }

    @Test
    void emptyTableHasItsColumnsAndNoRows(@TempDir Path dir) throws Exception {
        Path f = write(dir, sample(0), Map.of(), true);
        try (DuckDb db = new DuckDb()) {
            assertThat(db.query("SELECT count(*) FROM " + DuckDb.literal(f))).containsExactly(List.of(0L));
            assertThat(db.describe(DuckDb.literal(f)).keySet()).containsExactly("capture", "count", "share", "time",
                    "backup", "note", "time_utc", "scenario", "run");
        }
    }

    @Test
    void statisticsGiveEachRowGroupsMinimumAndMaximum(@TempDir Path dir) throws Exception {
        Path f = write(dir, sample(100), Map.of(), false);
        try (DuckDb db = new DuckDb()) {
            // count: -5..94 without multiples of 7 (nulls): min -4 (i=1), max 94 (i=99).
            assertThat(db.query("SELECT stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata("
                    + DuckDb.literal(f) + ") WHERE path_in_schema = 'count'")).containsExactly(List.of("-4", "94", 15L));
        }
    }
}
