package org.mpcap.reports.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mpcap.reports.html.HtmlPage;
import org.mpcap.reports.html.HtmlRenderer;
import org.mpcap.reports.html.HtmlSection;
import org.mpcap.reports.model.ReportModel;
import org.mpcap.reports.output.AtomicOutput;

/**
 * {@code index.html}: the model laid out as an {@link HtmlPage} (one section per part, i.e. per capture or
 * comparison block, with the part's sections as sub-sections) and drawn by the shared {@link HtmlRenderer}
 * from the templates in {@code templates/} (or {@code --template DIR}, falling back to the defaults for files
 * the directory lacks).
 */
final class HtmlOutput {
    static final String TEMPLATE = HtmlRenderer.INDEX;

    private HtmlOutput() {}

    static void write(ReportModel model, Map<String, String> svgs, Path templateDir, Path target) throws IOException {
        HtmlRenderer renderer = templateDir == null ? HtmlRenderer.defaults() : HtmlRenderer.fromDirectory(templateDir);
        String html;
        try {
            html = renderer.render(page(model, svgs));
        } catch (IOException e) {
            if (templateDir == null) throw e;
            throw new InputException("bad template: " + e.getMessage(), e);
        }
        AtomicOutput.writeString(target, html);
    }

    /** The page of a model; charts whose SVG is not in {@code svgs} are left out. */
    static HtmlPage page(ReportModel m, Map<String, String> svgs) {
        List<HtmlSection> sections = new ArrayList<>();
        for (ReportModel.Part p : m.parts()) {
            List<HtmlSection> subs = new ArrayList<>();
            for (ReportModel.Section s : p.sections()) {
                subs.add(new HtmlSection(p.id() + "-" + s.id(), s.title(), s.intro(), charts(s, svgs),
                        tables(s), s.notes(), List.of(), List.of(), List.of(), s.notices()));
            }
            List<HtmlPage.Fact> facts = new ArrayList<>();
            for (ReportModel.Fact f : p.facts()) facts.add(new HtmlPage.Fact(f.label(), f.value()));
            sections.add(new HtmlSection(p.id(), p.title(), "", List.of(), List.of(), List.of(), facts,
                    p.warnings(), subs));
        }
        return new HtmlPage(m.title(), m.subtitle(), List.of(), sections, List.of());
    }

    private static List<HtmlSection.Chart> charts(ReportModel.Section s, Map<String, String> svgs) {
        List<HtmlSection.Chart> out = new ArrayList<>();
        for (ReportModel.ChartView c : s.charts()) {
            String svg = svgs.get(c.id());
            if (svg != null) out.add(new HtmlSection.Chart("fig-" + c.id(), svg, c.caption()));
        }
        return out;
    }

    private static List<HtmlSection.Table> tables(ReportModel.Section s) {
        List<HtmlSection.Table> out = new ArrayList<>();
        for (ReportModel.TableView t : s.tables()) {
            out.add(new HtmlSection.Table(t.table(), t.totalRows(), t.fullName(), t.linkColumn(), t.rowLinks()));
        }
        return out;
    }
}
