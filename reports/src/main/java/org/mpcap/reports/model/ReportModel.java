package org.mpcap.reports.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.reports.chart.ChartSpec;

/**
 * What a report shows, decided once and laid out by every renderer (HTML, xlsx, Markdown, LaTeX, CSV, charts):
 * parts (one per capture, or the runs/summary/comparison of {@code mpcap compare}), their sections with tables
 * and charts, and the complete data tables. Built by {@link ReportModels} from the analyzer's tables by
 * picking and reshaping rows only; every number comes from the analyzer.
 *
 * @param title    page title
 * @param subtitle one line under the title (what was analysed), may be ""
 * @param parts    the parts in reading order
 * @param tables   every data table in full (all captures' rows), one per name, for {@code csv/} and xlsx sheets
 * @param tableCharts charts drawn from cells of {@link #tables()} (native spreadsheet charts that stay live)
 */
public record ReportModel(String title, String subtitle, List<Part> parts, List<DataTable> tables,
                          List<TableChart> tableCharts) {
    public ReportModel {
        Objects.requireNonNull(title);
        subtitle = subtitle == null ? "" : subtitle;
        parts = List.copyOf(parts);
        tables = List.copyOf(tables);
        tableCharts = tableCharts == null ? List.of() : List.copyOf(tableCharts);
    }

    /** A model without table charts. */
    public ReportModel(String title, String subtitle, List<Part> parts, List<DataTable> tables) {
        this(title, subtitle, parts, tables, List.of());
    }

    /**
     * A chart over columns of one of the model's full tables, for renderers that keep charts linked to cells
     * (the xlsx).
     *
     * @param line        true: lines over a numeric x; false: bars per row of {@code xColumn}
     * @param title       chart title
     * @param table       name of a table of {@link ReportModel#tables()}
     * @param xColumn     category (bars) or x column
     * @param yColumn     the value column
     * @param splitColumn lines only, or null: one series per distinct value of this column (e.g. client_addr)
     * @param where       only rows whose printed value in each key column equals the mapped text
     * @param moreY       bars only: further value columns, one series each, or empty
     * @param errorColumn bars of one value column only, or null: half-width of each bar's error bar
     */
    public record TableChart(boolean line, String title, String table, String xColumn, String yColumn,
                             String splitColumn, java.util.Map<String, String> where, List<String> moreY,
                             String errorColumn) {
        public TableChart {
            Objects.requireNonNull(table);
            Objects.requireNonNull(xColumn);
            Objects.requireNonNull(yColumn);
            where = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(where));
            moreY = moreY == null ? List.of() : List.copyOf(moreY);
        }

        /** A chart of one value column without error bars. */
        public TableChart(boolean line, String title, String table, String xColumn, String yColumn,
                          String splitColumn, java.util.Map<String, String> where) {
            this(line, title, table, xColumn, yColumn, splitColumn, where, List.of(), null);
        }

        /** Every value column: {@code yColumn} then {@code moreY} (bars side by side, e.g. one per scenario). */
        public List<String> yColumns() {
            List<String> out = new ArrayList<>();
            out.add(yColumn);
            out.addAll(moreY);
            return out;
        }
    }

    /**
     * One capture (or one block of a comparison).
     *
     * @param id       unique, file-name safe id (letters, digits, '-', '_'), used for anchors and chart files
     * @param title    heading, e.g. the capture file name
     * @param facts    label/value lines shown first (capture facts)
     * @param warnings one sentence each: damaged records, fallback connections, invalid HMACs...
     * @param sections sections in reading order
     */
    public record Part(String id, String title, List<Fact> facts, List<String> warnings, List<Section> sections) {
        public Part {
            facts = List.copyOf(facts);
            warnings = List.copyOf(warnings);
            sections = List.copyOf(sections);
        }
    }

    /** One labelled value, already printed (e.g. "packets" / "23 408"). */
    public record Fact(String label, String value) {}

    /**
     * A section: some text, tables and charts about one subject.
     *
     * @param id     unique within the part, file-name safe (e.g. {@code rtt})
     * @param title  heading
     * @param intro  one paragraph for the reader, may be ""
     * @param tables tables shown in the document (possibly only their first rows; see {@link TableView})
     * @param charts charts in display order
     * @param notes  sentences saying what is missing and why (e.g. a table the analyzer did not produce)
     * @param notices sentences shown before the tables, which a reader must not miss (e.g. that only some runs of
     *               a comparison have their own report, and how to get the others'); may be empty
     */
    public record Section(String id, String title, String intro, List<TableView> tables, List<ChartView> charts,
                          List<String> notes, List<String> notices) {
        public Section {
            intro = intro == null ? "" : intro;
            tables = List.copyOf(tables);
            charts = List.copyOf(charts);
            notes = List.copyOf(notes);
            notices = notices == null ? List.of() : List.copyOf(notices);
        }

        /** A section without notices. */
        public Section(String id, String title, String intro, List<TableView> tables, List<ChartView> charts,
                       List<String> notes) {
            this(id, title, intro, tables, charts, notes, List.of());
        }

        /** True if the section has nothing but notes. */
        public boolean isEmpty() { return tables.isEmpty() && charts.isEmpty(); }
    }

    /**
     * A table as shown in a document.
     *
     * @param table     the rows shown (at most the document row limit)
     * @param totalRows rows of the full table; more than {@code table.rowCount()} when cut
     * @param fullName  name of the full data table in {@link ReportModel#tables()} ({@code csv/NAME.csv})
     * @param linkColumn column whose cells link to another part of the same report (the per-run drill-down of
     *                  {@code compare}), or null
     * @param rowLinks  per shown row, the {@link Part#id()} its {@code linkColumn} cell links to, or null
     */
    public record TableView(DataTable table, int totalRows, String fullName, String linkColumn,
                            List<String> rowLinks) {
        public TableView {
            rowLinks = rowLinks == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(rowLinks));
        }

        /** A view without links. */
        public TableView(DataTable table, int totalRows, String fullName) {
            this(table, totalRows, fullName, null, null);
        }

        /** True if only the first rows are shown. */
        public boolean truncated() { return totalRows > table.rowCount(); }
    }

    /**
     * A chart.
     *
     * @param id      file-name stem, unique in the report (charts/ID.png, charts/ID.svg)
     * @param spec    what to draw
     * @param caption one sentence under the chart, may be ""
     */
    public record ChartView(String id, ChartSpec spec, String caption) {
        public ChartView {
            if (!id.matches("[A-Za-z][A-Za-z0-9_.-]*")) throw new IllegalArgumentException("bad chart id " + id);
            caption = caption == null ? "" : caption;
        }
    }

    /** Every chart of every part, in reading order. */
    public List<ChartView> charts() {
        List<ChartView> out = new ArrayList<>();
        for (Part p : parts) for (Section s : p.sections()) out.addAll(s.charts());
        return out;
    }

    /** The full table called {@code name}, or null. */
    public DataTable table(String name) {
        for (DataTable t : tables) if (t.name().equals(name)) return t;
        return null;
    }
}
