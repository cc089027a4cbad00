package org.mpcap.reports.cli;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;
import org.mpcap.reports.model.ReportModel;
import org.mpcap.reports.output.AtomicOutput;
import org.mpcap.reports.table.CellFormat;
import org.mpcap.reports.table.TableWriter;

/**
 * {@code index.html}: the model rendered through a jmustache template ({@code index.html.mustache}, built in, or
 * the one in {@code --template DIR}) into one self-contained page: CSS inline, charts inline as SVG, no script
 * and no external resource. The template sees plain maps: {@code title, subtitle, parts[id, title, facts[label,
 * value], warnings[], sections[id, partId, title, intro, tables[title, headers[text, numeric, description],
 * rows[cells[text, numeric]], empty, truncated, shown, total, fullName], charts[id, svg, caption], notes[]]]}.
 */
final class HtmlOutput {
    static final String TEMPLATE = "index.html.mustache";

    private HtmlOutput() {}

    static void write(ReportModel model, Map<String, String> svgs, Path templateDir, Path target) throws IOException {
        Template t = compile(templateDir);
        String html = t.execute(context(model, svgs));
        AtomicOutput.writeString(target, html);
    }

    private static Template compile(Path templateDir) throws IOException {
        Mustache.Compiler c = Mustache.compiler().defaultValue("").emptyStringIsFalse(true).escapeHTML(true);
        if (templateDir != null) {
            Path file = templateDir.resolve(TEMPLATE);
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return c.compile(r);
            } catch (com.samskivert.mustache.MustacheException e) {
                throw new InputException(file + ": bad template: " + e.getMessage(), e);
            }
        }
        try (InputStream in = HtmlOutput.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) throw new IllegalStateException("built-in template " + TEMPLATE + " missing");
            return c.compile(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    static Map<String, Object> context(ReportModel m, Map<String, String> svgs) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("title", m.title());
        root.put("subtitle", m.subtitle());
        List<Object> parts = new ArrayList<>();
        for (ReportModel.Part p : m.parts()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("id", p.id());
            pm.put("title", p.title());
            pm.put("hasFacts", !p.facts().isEmpty());
            pm.put("facts", p.facts());
            pm.put("warnings", p.warnings());
            pm.put("hasWarnings", !p.warnings().isEmpty());
            List<Object> sections = new ArrayList<>();
            for (ReportModel.Section s : p.sections()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("id", s.id());
                sm.put("partId", p.id());
                sm.put("title", s.title());
                sm.put("intro", s.intro());
                List<Object> tables = new ArrayList<>();
                for (ReportModel.TableView tv : s.tables()) tables.add(table(tv));
                sm.put("tables", tables);
                List<Object> charts = new ArrayList<>();
                for (ReportModel.ChartView cv : s.charts()) {
                    String svg = svgs.get(cv.id());
                    if (svg == null) continue;
                    charts.add(Map.of("id", cv.id(), "svg", svg, "caption", cv.caption()));
                }
                sm.put("charts", charts);
                sm.put("notes", s.notes());
                sections.add(sm);
            }
            pm.put("sections", sections);
            parts.add(pm);
        }
        root.put("parts", parts);
        return root;
    }

    private static Map<String, Object> table(ReportModel.TableView tv) {
        DataTable t = tv.table();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", t.title());
        List<Object> headers = new ArrayList<>();
        for (Column c : t.columns()) {
            headers.add(Map.of("text", TableWriter.header(c), "numeric", CellFormat.isNumeric(c),
                    "description", c.description()));
        }
        m.put("headers", headers);
        List<Object> rows = new ArrayList<>();
        for (Object[] r : t.rows()) {
            List<Object> cells = new ArrayList<>();
            for (int i = 0; i < r.length; i++) {
                Column c = t.columns().get(i);
                cells.add(Map.of("text", CellFormat.format(c, r[i]), "numeric", CellFormat.isNumeric(c)));
            }
            rows.add(Map.of("cells", cells));
        }
        m.put("rows", rows);
        m.put("empty", t.rowCount() == 0);
        m.put("truncated", tv.truncated());
        m.put("shown", t.rowCount());
        m.put("total", tv.totalRows());
        m.put("fullName", tv.fullName());
        return m;
    }
}
