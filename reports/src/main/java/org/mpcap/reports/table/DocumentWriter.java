package org.mpcap.reports.table;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.reports.model.ReportModel;
import org.mpcap.reports.model.ReportModel.ChartView;
import org.mpcap.reports.model.ReportModel.Fact;
import org.mpcap.reports.model.ReportModel.Part;
import org.mpcap.reports.model.ReportModel.Section;
import org.mpcap.reports.model.ReportModel.TableView;

/**
 * Writes a {@link ReportModel} as one Markdown document ({@code report.md}: headings, each part's heading after
 * an anchor {@code <a id="PART-ID"></a>}, facts, warnings, pipe tables — the per-run drill-down cells of
 * {@code compare} as links to those anchors — and links to {@code charts/ID.png}) or as LaTeX ({@code tables.tex}: every document table as a
 * booktabs float, caption naming the capture, label {@code tab:PART-TABLE}). Numbers are printed by
 * {@link CellFormat} like every other output.
 */
public final class DocumentWriter {
    private DocumentWriter() {}

    /** The report as GitHub-flavoured Markdown; chart images are linked as {@code chartDir/ID.png}. */
    public static void markdown(ReportModel m, String chartDir, Writer out) throws IOException {
        // Titles, facts, warnings and text cells come from the data (capture names, paths): escaped as text.
        out.write("# " + TableWriter.markdownText(m.title()) + "\n\n");
        if (!m.subtitle().isEmpty()) out.write(TableWriter.markdownText(m.subtitle()) + "\n\n");
        for (Part p : m.parts()) {
            // An explicit anchor (the part id, as in index.html): heading ids differ between renderers
            // (GitHub: "defaultrun-01pcap", pandoc: "defaultrun-01.pcap"), the per-run links must not.
            out.write("<a id=\"" + p.id() + "\"></a>\n\n");
            out.write("## " + TableWriter.markdownText(p.title()) + "\n\n");
            for (Fact f : p.facts()) out.write("- **" + f.label() + "**: " + TableWriter.markdownText(f.value()) + "\n");
            if (!p.facts().isEmpty()) out.write("\n");
            for (String w : p.warnings()) out.write("> **Warning:** " + TableWriter.markdownText(w) + "\n>\n");
            if (!p.warnings().isEmpty()) out.write("\n");
            for (Section s : p.sections()) {
                out.write("### " + TableWriter.markdownCell(s.title()) + "\n\n");
                if (!s.intro().isEmpty()) out.write(s.intro() + "\n\n");
                for (String n : s.notices()) out.write("> **Note:** " + TableWriter.markdownText(n) + "\n\n");
                for (TableView tv : s.tables()) {
                    out.write("**" + TableWriter.markdownText(tv.table().title()) + "**\n\n");
                    if (tv.table().rowCount() == 0) {
                        out.write("_(no rows)_\n\n");
                        continue;
                    }
                    TableWriter.markdown(tv.table(), tv.linkColumn(), tv.rowLinks(), out);
                    out.write("\n");
                    if (tv.truncated()) {
                        out.write(String.format(Locale.ROOT, "_First %d of %d rows; all rows in csv/%s.csv._%n%n",
                                tv.table().rowCount(), tv.totalRows(), tv.fullName()));
                    }
                }
                for (ChartView c : s.charts()) {
                    out.write("![" + TableWriter.markdownText(c.spec().title()) + "](" + chartDir + "/" + c.id()
                            + ".png)\n\n");
                    if (!c.caption().isEmpty()) out.write("_" + TableWriter.markdownCell(c.caption()) + "_\n\n");
                }
                for (String n : s.notes()) out.write("_" + TableWriter.markdownCell(n) + "_\n\n");
            }
        }
    }

    /** The packages {@link #latex} tables need, as preamble lines. */
    public static final List<String> LATEX_PACKAGES = List.of("\\usepackage{booktabs}", "\\usepackage{longtable}", "\\usepackage{array}",
            "\\usepackage{graphicx}", "\\usepackage{pdflscape}");

    /** Tables with more columns than this are set on landscape pages. */
    static final int LATEX_LANDSCAPE_COLUMNS = 12;

    /**
     * Every document table of the report as LaTeX, for {@code \\input} into a document ({@code tables.tex}):
     * a {@code \\section*} per part, each table a booktabs float (a {@code longtable} when it has more than
     * {@value TableWriter#LATEX_FLOAT_ROWS} rows; on a landscape page when it has more than
     * {@value #LATEX_LANDSCAPE_COLUMNS} columns; a table of more than {@value TableWriter#PAGE_SPLIT_COLUMNS}
     * columns as several tables of a few columns each, see {@link TableWriter#pageParts}, captions ending
     * "(part K of N)", labels {@code tab:PART-TABLE-K}), caption naming the part, label {@code tab:PART-TABLE}. Plain
     * ASCII; needs the packages of {@link #LATEX_PACKAGES}.
     */
    public static void latex(ReportModel m, Writer out) throws IOException {
        out.write("% " + TableWriter.latexEscape(m.title()) + (m.subtitle().isEmpty() ? ""
                : " - " + TableWriter.latexEscape(m.subtitle())) + "\n");
        out.write("% Generated by mpcap, for \\input{tables} (report.tex is a complete document around it).\n");
        out.write("% Needs " + String.join(" ", LATEX_PACKAGES) + "\n");
        boolean first = true;
        for (Part p : m.parts()) {
            boolean any = p.sections().stream().anyMatch(s -> s.tables().stream().anyMatch(
                    tv -> tv.table().rowCount() > 0));
            if (!any) continue;
            // Each part from a new page: its floats are placed before the next part's pile up (a report of ten
            // captures otherwise stalls pdflatex's output routine: "100 consecutive dead cycles").
            out.write("\n" + (first ? "" : "\\clearpage\n") + "\\section*{" + TableWriter.latexEscape(p.title())
                    + "}\n");
            first = false;
            for (Section s : p.sections()) {
                for (TableView tv : s.tables()) {
                    DataTable t = tv.table();
                    if (t.rowCount() == 0) continue;
                    String caption = t.title() + (m.parts().size() > 1 || !p.id().equals("compare")
                            ? " (" + p.title() + ")" : "") + (tv.truncated()
                            ? String.format(Locale.ROOT, ", first %d of %d rows (all in csv/%s.csv)",
                                    t.rowCount(), tv.totalRows(), tv.fullName()) : "");
                    // A table no page holds (the per-run metrics of compare: 40 columns) is set as several tables
                    // of a few columns each, key columns repeated, instead of being scaled to unreadable print.
                    List<int[]> parts = TableWriter.pageParts(t.columns());
                    for (int k = 0; k < parts.size(); k++) {
                        DataTable titled = parts.size() == 1
                                ? new DataTable(p.id() + "-" + t.name(), caption, t.columns()).addAll(t)
                                : TableWriter.columns(t, parts.get(k), p.id() + "-" + t.name() + "-" + (k + 1),
                                        caption + String.format(Locale.ROOT, " (part %d of %d)", k + 1,
                                                parts.size()));
                        boolean landscape = titled.columns().size() > LATEX_LANDSCAPE_COLUMNS;
                        if (landscape) out.write("\\begin{landscape}\n");
                        out.write(TableWriter.toString(titled, TableFormat.LATEX));
                        if (landscape) out.write("\\end{landscape}\n");
                    }
                }
            }
        }
    }

    /** Figures written before a {@code \\clearpage} flushes them (LaTeX holds at most 18 unplaced floats). */
    static final int LATEX_FIGURES_PER_FLUSH = 8;

    /**
     * Every chart of the report as a LaTeX figure, for {@code \\input} into a document ({@code figures.tex}): a
     * {@code \\section*} per part, each chart {@code \\includegraphics} of {@code chartDir/ID} (pdflatex takes
     * the vector {@code ID.pdf}) at the line width (at most 85 % of the text height), caption = the chart's title
     * and its caption, label {@code fig:ID}. Best with {@code --paper}, whose figure files carry no embedded title.
     * Plain ASCII; needs graphicx.
     */
    public static void latexFigures(ReportModel m, String chartDir, Writer out) throws IOException {
        out.write("% Generated by mpcap, for \\input{figures}: the charts of " + TableWriter.latexEscape(m.title())
                + " (files in " + chartDir + "/).\n");
        int pending = 0;
        for (Part p : m.parts()) {
            List<ChartView> charts = new java.util.ArrayList<>();
            for (Section s : p.sections()) charts.addAll(s.charts());
            if (charts.isEmpty()) continue;
            out.write("\n\\clearpage\n\\section*{" + TableWriter.latexEscape(p.title()) + " (figures)}\n");
            pending = 0;
            for (ChartView c : charts) {
                if (pending == LATEX_FIGURES_PER_FLUSH) {
                    out.write("\\clearpage\n");
                    pending = 0;
                }
                String caption = c.spec().title() + (c.caption().isEmpty() ? "" : ". " + c.caption());
                out.write("\\begin{figure}[htbp]\n\\centering\n\\includegraphics[width=\\linewidth,height=0.85\\textheight,"
                        + "keepaspectratio]{" + chartDir + "/" + c.id() + ".pdf}\n\\caption{"
                        + TableWriter.latexEscape(caption) + "}\n\\label{fig:" + c.id() + "}\n\\end{figure}\n");
                pending++;
            }
        }
    }

    /**
     * A complete LaTeX document ({@code report.tex}) that compiles with pdflatex as it is: article class, the
     * packages of {@link #LATEX_PACKAGES}, the title, {@code \\input{tablesFile}} and, when not null,
     * {@code \\input{figuresFile}}.
     */
    public static void latexDocument(ReportModel m, String tablesFile, String figuresFile, Writer out)
            throws IOException {
        out.write("% Generated by mpcap: compile with pdflatex " + "report.tex (next to " + tablesFile + ".tex"
                + (figuresFile == null ? "" : ", " + figuresFile + ".tex and the chart PDFs") + ").\n");
        out.write("\\documentclass[a4paper,10pt]{article}\n");
        out.write("\\usepackage[margin=2cm]{geometry}\n");
        for (String p : LATEX_PACKAGES) out.write(p + "\n");
        out.write("\\title{" + TableWriter.latexEscape(m.title()) + "}\n");
        out.write("\\author{" + TableWriter.latexEscape(m.subtitle()) + "}\n");
        out.write("\\date{}\n");
        out.write("\\begin{document}\n\\maketitle\n");
        out.write("\\input{" + tablesFile + "}\n");
        if (figuresFile != null) out.write("\\input{" + figuresFile + "}\n");
        out.write("\\end{document}\n");
    }

    /** {@link #latexDocument(ReportModel, String, String, Writer)} without figures. */
    public static void latexDocument(ReportModel m, String tablesFile, Writer out) throws IOException {
        latexDocument(m, tablesFile, null, out);
    }
}
