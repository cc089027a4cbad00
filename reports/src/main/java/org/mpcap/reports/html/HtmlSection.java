package org.mpcap.reports.html;

import java.util.List;
import java.util.Objects;
import org.mpcap.analyzer.table.DataTable;

/**
 * One section of an {@link HtmlPage}.
 *
 * @param id     anchor id (made a valid, unique HTML id by the renderer: letters, digits, '-', '_')
 * @param title  section heading
 * @param intro  one or two plain-text sentences saying what the section shows, or ""
 * @param charts inline SVG elements as returned by {@code ChartRenderer.svg} (checked: must be a single
 *               {@code <svg>} element without scripts, event handlers or external links)
 * @param tables tables shown below the charts (units in headers, numbers right-aligned)
 */
public record HtmlSection(String id, String title, String intro, List<String> charts, List<DataTable> tables) {
    public HtmlSection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        intro = intro == null ? "" : intro;
        charts = charts == null ? List.of() : List.copyOf(charts);
        tables = tables == null ? List.of() : List.copyOf(tables);
    }
}
