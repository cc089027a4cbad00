package org.mpcap.reports.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mpcap.analyzer.table.DataTable;

/**
 * One section of an {@link HtmlPage}, possibly holding sub-sections (one level: a page of several captures has
 * one section per capture, each with its sub-sections; the table of contents lists both levels).
 *
 * @param id          anchor id (made a valid, unique HTML id by the renderer: letters, digits, '-', '_')
 * @param title       section heading
 * @param intro       one or two plain-text sentences saying what the section shows, or ""
 * @param charts      figures in display order
 * @param tables      tables shown below the charts (units in headers, numbers right-aligned)
 * @param notes       plain-text sentences shown last, e.g. why something is missing; may be empty
 * @param facts       key/value lines shown under the heading (e.g. one capture's facts); may be empty
 * @param warnings    messages shown in a warnings box under the heading; may be empty
 * @param subsections nested sections (their own subsections are ignored); may be empty
 * @param notices     plain-text sentences shown in a box after the intro, before the tables, which the reader must
 *                    not miss (not warnings: nothing is wrong); may be empty
 */
public record HtmlSection(String id, String title, String intro, List<Chart> charts, List<Table> tables,
        List<String> notes, List<HtmlPage.Fact> facts, List<String> warnings, List<HtmlSection> subsections,
        List<String> notices) {

    /**
     * A chart.
     *
     * @param id      anchor id of the figure, or "" (made valid and unique like section ids)
     * @param svg     inline SVG element as returned by {@code ChartRenderer.svg} (checked: a single {@code <svg>}
     *                element without scripts, event handlers or external links)
     * @param caption plain-text caption, or ""
     */
    public record Chart(String id, String svg, String caption) {
        public Chart {
            id = id == null ? "" : id;
            Objects.requireNonNull(svg, "svg");
            caption = caption == null ? "" : caption;
        }
    }

    /**
     * A table as shown.
     *
     * @param table     the rows shown (the renderer shows at most {@link HtmlRenderer#MAX_TABLE_ROWS})
     * @param totalRows rows of the full table (more than {@code table.rowCount()} when the caller cut it)
     * @param fullName  name of the full table's export ({@code csv/NAME.csv}), or ""
     * @param linkColumn name of the column whose cells link into the page, or null
     * @param rowLinks  per shown row, the anchor id (without '#') the row's {@code linkColumn} cell links to, or
     *                  null for no link; may be shorter than the table
     */
    public record Table(DataTable table, int totalRows, String fullName, String linkColumn, List<String> rowLinks) {
        public Table {
            Objects.requireNonNull(table, "table");
            totalRows = Math.max(totalRows, table.rowCount());
            fullName = fullName == null ? "" : fullName;
            rowLinks = rowLinks == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(rowLinks));
        }

        /** A table without links. */
        public Table(DataTable table, int totalRows, String fullName) { this(table, totalRows, fullName, null, null); }

        /** The whole table. */
        public Table(DataTable table) { this(table, table.rowCount(), table.name()); }

        /** The same-page link ({@code #id}) of cell ({@code row}, {@code col}), or null. */
        public String link(int row, int col) {
            if (linkColumn == null || row >= rowLinks.size() || !table.columns().get(col).name().equals(linkColumn)) {
                return null;
            }
            String id = rowLinks.get(row);
            return id == null ? null : "#" + id;
        }
    }

    public HtmlSection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        intro = intro == null ? "" : intro;
        charts = charts == null ? List.of() : List.copyOf(charts);
        tables = tables == null ? List.of() : List.copyOf(tables);
        notes = notes == null ? List.of() : List.copyOf(notes);
        facts = facts == null ? List.of() : List.copyOf(facts);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        subsections = subsections == null ? List.of() : List.copyOf(subsections);
        notices = notices == null ? List.of() : List.copyOf(notices);
    }

    /** A section without notices. */
    public HtmlSection(String id, String title, String intro, List<Chart> charts, List<Table> tables,
                       List<String> notes, List<HtmlPage.Fact> facts, List<String> warnings,
                       List<HtmlSection> subsections) {
        this(id, title, intro, charts, tables, notes, facts, warnings, subsections, List.of());
    }

    /** A plain section: SVG charts without captions, whole tables. */
    public HtmlSection(String id, String title, String intro, List<String> svgCharts, List<DataTable> tables) {
        this(id, title, intro, charts(svgCharts), wholeTables(tables), List.of(), List.of(), List.of(), List.of());
    }

    private static List<Chart> charts(List<String> svgs) {
        List<Chart> out = new ArrayList<>();
        if (svgs != null) for (String s : svgs) out.add(new Chart("", s, ""));
        return out;
    }

    private static List<Table> wholeTables(List<DataTable> tables) {
        List<Table> out = new ArrayList<>();
        if (tables != null) for (DataTable t : tables) out.add(new Table(t));
        return out;
    }
}
