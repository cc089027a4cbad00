package org.mpcap.reports.html;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;
import org.mpcap.reports.table.CellFormat;
import org.mpcap.reports.table.HumanFormat;
import org.mpcap.reports.table.TableWriter;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Renders an {@link HtmlPage} as one self-contained HTML file (no network: CSS inlined, charts as inline SVG)
 * from the Mustache template {@value #INDEX}.
 *
 * <p>Templates come from a user directory ({@code --template DIR}) or the defaults shipped in the jar
 * (classpath {@code templates/}, source {@code templates/} at the repository root). A file missing from the
 * user directory — a partial ({@code {{> name}}} loads {@code name.mustache}) or {@value #STYLE} — falls back
 * to the default, so a user can override just one piece.
 *
 * <p>Every value is HTML-escaped ({@code {{x}}}); the only raw insertions ({@code {{{x}}}}) are {@code css}
 * (the template set's own style sheet) and {@code svg} (chart SVG, checked by {@link #checkSvg}: one
 * {@code <svg>} element, no script, {@code foreignObject}, event handler or non-local link).
 *
 * <p>Template model (Mustache names):
 * <pre>
 * title, subtitle, css, hasFacts, facts[{key, value}], hasWarnings, warnings[{text}],
 * sections[SECTION + {hasSubsections, subsections[SECTION]}]
 * SECTION = {id, title, intro, hasFacts, facts[{key, value}], hasWarnings, warnings[{text}], hasNotices,
 *     notices[{text}], hasNotes, notes[{text}], hasCharts, charts[{id, svg, caption}], hasTables, tables[TABLE = {name, title, fullName, rowCount,
 *     empty, truncated, shownRows, long, columnCount, wide, columns[{name, unit, header, subheader, description,
 *     numeric}], grouped, groups[{title, span, named, numeric}], rows[{cells[{text, numeric, href}]}],
 *     hasPrintParts, printParts[TABLE], printPart}], isEmpty}
 * </pre>
 * Tables show at most {@value #MAX_TABLE_ROWS} rows, or fewer if the caller cut them ({@code truncated} is
 * then true and {@code rowCount} is the full table's; full tables belong in CSV/xlsx exports). Numbers are printed by
 * {@link HumanFormat}, as in the Markdown, LaTeX and xlsx outputs. Columns named {@code "GROUP: label"} get a
 * two-row header ({@code grouped}: the groups over their columns, as {@link TableWriter#headerGroups}); a cell
 * with an {@code href} (a same-page {@code #anchor}, see {@link HtmlSection.Table#links}) is a link. A table
 * with more than {@value #SCROLL_ROWS} rows is {@code long} (a scroll box on screen). A table wider than
 * {@link TableWriter#PAGE_SPLIT_COLUMNS} columns also has {@code printParts}: the same rows in parts of a few
 * columns each ({@link TableWriter#pageParts}, key columns repeated), which the default style shows instead of
 * the whole table when printing (no page holds it).
 */
public final class HtmlRenderer {
    /** The page template's file name. */
    public static final String INDEX = "index.html.mustache";
    /** The style sheet inlined into the page. */
    public static final String STYLE = "style.css";
    /** Tables with more columns are printed on landscape pages (class {@code wide}). */
    public static final int WIDE_COLUMNS = 12;
    /** Tables with more rows scroll in a box of their own on screen (class {@code long}); shorter ones never do. */
    public static final int SCROLL_ROWS = 20;
    /** Rows shown per table. */
    public static final int MAX_TABLE_ROWS = 1000;
    private static final String CLASSPATH_DIR = "/templates/";

    private final Path dir;

    private HtmlRenderer(Path dir) { this.dir = dir; }

    /** A renderer using the templates shipped with mpcap. */
    public static HtmlRenderer defaults() { return new HtmlRenderer(null); }

    /**
     * A renderer using the templates in {@code dir}, falling back to the defaults for missing files.
     *
     * @throws NoSuchFileException if {@code dir} is not a directory or has no {@value #INDEX}
     */
    public static HtmlRenderer fromDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new NoSuchFileException(dir.toString(), null, "template directory not found");
        if (!Files.isRegularFile(dir.resolve(INDEX))) {
            throw new NoSuchFileException(dir.resolve(INDEX).toString(), null, "template directory has no " + INDEX);
        }
        return new HtmlRenderer(dir);
    }

    /** The page as a string. */
    public String render(HtmlPage page) throws IOException {
        StringWriter w = new StringWriter();
        render(page, w);
        return w.toString();
    }

    /**
     * Writes the page to {@code out} (not closed).
     *
     * @throws IOException              a template is missing, unreadable or invalid (message names the file), or
     *                                  from {@code out}
     * @throws IllegalArgumentException if a chart is not acceptable SVG (see {@link #checkSvg})
     */
    public void render(HtmlPage page, Writer out) throws IOException {
        Map<String, Object> model = model(page, read(STYLE));
        Mustache.Compiler compiler = Mustache.compiler()
                .escapeHTML(true)
                .defaultValue("")
                .emptyStringIsFalse(true)
                .withLoader(name -> new StringReader(read(partialFile(name))));
        Template template;
        try {
            template = compiler.compile(read(INDEX));
        } catch (MustacheException e) {
            throw new IOException(source(INDEX) + ": " + e.getMessage(), e);
        }
        try {
            template.execute(model, out);
        } catch (MustacheException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IOException(source(INDEX) + ": " + e.getMessage(), e);
        }
    }

    private static String partialFile(String name) {
        return name.contains(".") ? name : name + ".mustache";
    }

    private String source(String name) {
        return dir != null && Files.isRegularFile(dir.resolve(name)) ? dir.resolve(name).toString()
                : "classpath:" + CLASSPATH_DIR + name;
    }

    /** A template file: from the user directory if present there, else the shipped default. */
    private String read(String name) throws IOException {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IOException("bad template name '" + name + "' (plain file names only)");
        }
        if (dir != null) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) return Files.readString(p, StandardCharsets.UTF_8);
        }
        try (InputStream in = HtmlRenderer.class.getResourceAsStream(CLASSPATH_DIR + name)) {
            if (in == null) {
                throw new NoSuchFileException(dir == null ? "classpath:" + CLASSPATH_DIR + name
                        : dir.resolve(name).toString(), null, "template not found");
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                StringWriter w = new StringWriter();
                r.transferTo(w);
                return w.toString();
            }
        }
    }

    // ---------------------------------------------------------------- model

    private static Map<String, Object> model(HtmlPage page, String css) {
        checkCharts(page);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", page.title());
        m.put("subtitle", page.subtitle());
        m.put("css", css);
        m.put("facts", facts(page.facts()));
        m.put("hasFacts", !page.facts().isEmpty());
        m.put("warnings", texts(page.warnings()));
        m.put("hasWarnings", !page.warnings().isEmpty());
        List<Map<String, Object>> sections = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (HtmlSection s : page.sections()) {
            Map<String, Object> sm = section(s, ids);
            List<Map<String, Object>> subs = new ArrayList<>();
            for (HtmlSection sub : s.subsections()) subs.add(section(sub, ids));
            sm.put("subsections", subs);
            sm.put("hasSubsections", !subs.isEmpty());
            sections.add(sm);
        }
        m.put("sections", sections);
        return m;
    }

    private static List<Map<String, Object>> facts(List<HtmlPage.Fact> facts) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (HtmlPage.Fact f : facts) out.add(Map.of("key", f.key(), "value", f.value()));
        return out;
    }

    private static List<Map<String, Object>> texts(List<String> texts) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String t : texts) out.add(Map.of("text", t));
        return out;
    }

    private static Map<String, Object> section(HtmlSection s, Set<String> ids) {
        Map<String, Object> sm = new LinkedHashMap<>();
        String id = uniqueId(s.id(), ids);
        sm.put("id", id);
        sm.put("title", s.title());
        sm.put("intro", s.intro());
        sm.put("facts", facts(s.facts()));
        sm.put("hasFacts", !s.facts().isEmpty());
        sm.put("warnings", texts(s.warnings()));
        sm.put("hasWarnings", !s.warnings().isEmpty());
        sm.put("notes", texts(s.notes()));
        sm.put("hasNotes", !s.notes().isEmpty());
        sm.put("notices", texts(s.notices()));
        sm.put("hasNotices", !s.notices().isEmpty());
        List<Map<String, Object>> charts = new ArrayList<>();
        for (HtmlSection.Chart c : s.charts()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("id", uniqueId(c.id().isEmpty() ? id + "-chart" : c.id(), ids));
            cm.put("svg", c.svg());
            cm.put("caption", c.caption());
            charts.add(cm);
        }
        sm.put("charts", charts);
        sm.put("hasCharts", !charts.isEmpty());
        List<Map<String, Object>> tables = new ArrayList<>();
        for (HtmlSection.Table t : s.tables()) tables.add(table(t));
        sm.put("tables", tables);
        sm.put("hasTables", !tables.isEmpty());
        sm.put("isEmpty", charts.isEmpty() && tables.isEmpty() && s.notes().isEmpty()
                && s.subsections().isEmpty());
        return sm;
    }

    private static Map<String, Object> table(HtmlSection.Table view) {
        DataTable t = view.table();
        HumanFormat human = HumanFormat.of(t);
        int[] all = java.util.stream.IntStream.range(0, t.columns().size()).toArray();
        Map<String, Object> m = table(view, human, all, t.title());
        // A table no page holds is also written in parts of a few columns each, shown only when printed.
        List<int[]> parts = TableWriter.pageParts(t.columns());
        List<Map<String, Object>> printParts = new ArrayList<>();
        if (parts.size() > 1) {
            for (int k = 0; k < parts.size(); k++) {
                Map<String, Object> pm = table(view, human, parts.get(k), String.format(Locale.ROOT,
                        "%s (part %d of %d)", t.title(), k + 1, parts.size()));
                pm.put("printParts", List.of());
                pm.put("hasPrintParts", false);
                pm.put("printPart", true);
                printParts.add(pm);
            }
        }
        m.put("printParts", printParts);
        m.put("hasPrintParts", !printParts.isEmpty());
        m.put("printPart", false);
        return m;
    }

    /** The template model of the columns {@code idx} of a table, titled {@code title}. */
    private static Map<String, Object> table(HtmlSection.Table view, HumanFormat human, int[] idx, String title) {
        DataTable t = view.table();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("title", title);
        m.put("rowCount", view.totalRows());
        m.put("fullName", view.fullName());
        m.put("empty", t.rowCount() == 0);
        int shown = Math.min(t.rowCount(), MAX_TABLE_ROWS);
        m.put("shownRows", shown);
        m.put("truncated", shown < view.totalRows());
        m.put("long", shown > SCROLL_ROWS);
        List<Column> cols = new ArrayList<>(idx.length);
        for (int i : idx) cols.add(t.columns().get(i));
        List<Map<String, Object>> columns = new ArrayList<>();
        for (Column c : cols) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("name", c.name());
            cm.put("unit", c.unit());
            cm.put("header", TableWriter.header(c));
            cm.put("description", c.description());
            cm.put("numeric", CellFormat.isNumeric(c));
            columns.add(cm);
        }
        m.put("columns", columns);
        m.put("columnCount", columns.size());
        m.put("wide", columns.size() > WIDE_COLUMNS);
        boolean grouped = TableWriter.hasHeaderGroups(cols);
        m.put("grouped", grouped);
        List<Map<String, Object>> groups = new ArrayList<>();
        if (grouped) {
            for (TableWriter.HeaderGroup g : TableWriter.headerGroups(cols)) {
                Map<String, Object> gm = new LinkedHashMap<>();
                gm.put("title", g.title());
                gm.put("span", g.count());
                gm.put("named", !g.title().isEmpty());
                gm.put("numeric", g.count() == 1 && CellFormat.isNumeric(cols.get(g.first())));
                groups.add(gm);
            }
            for (int c = 0; c < cols.size(); c++) columns.get(c).put("subheader", TableWriter.groupedHeader(cols.get(c)));
        }
        m.put("groups", groups);
        List<Map<String, Object>> rows = new ArrayList<>(shown);
        for (int r = 0; r < shown; r++) {
            Object[] row = t.rows().get(r);
            List<Map<String, Object>> cells = new ArrayList<>(idx.length);
            for (int c : idx) {
                Map<String, Object> cell = new LinkedHashMap<>(4);
                cell.put("text", human.text(row, c));
                cell.put("numeric", CellFormat.isNumeric(t.columns().get(c)));
                String link = view.link(r, c);
                if (link != null) cell.put("href", link);
                cells.add(cell);
            }
            rows.add(Map.of("cells", cells));
        }
        m.put("rows", rows);
        return m;
    }

    /** {@code id} reduced to letters, digits, '-' and '_', starting with a letter, unique among {@code used}. */
    static String uniqueId(String id, Set<String> used) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < id.length(); i++) {
            char ch = id.charAt(i);
            boolean ok = ch < 128 && (Character.isLetterOrDigit(ch) || ch == '-' || ch == '_');
            b.append(ok ? ch : '-');
        }
        String base = b.length() == 0 || !Character.isLetter(b.charAt(0)) ? "s-" + b : b.toString();
        String out = base;
        for (int n = 2; !used.add(out.toLowerCase(Locale.ROOT)); n++) out = base + "-" + n;
        return out;
    }

    private static final Set<String> FORBIDDEN_ELEMENTS = Set.of("script", "foreignobject", "iframe", "object",
            "embed", "handler", "listener");

    /**
     * Checks that {@code svg} is safe to insert raw: well-formed XML whose root is {@code <svg>}, without a
     * DOCTYPE, script-capable elements, {@code on*} attributes, or links other than {@code #fragment}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    /**
     * {@link #checkSvg} on every chart of the page, side by side on the common pool: parsing each SVG was the
     * largest serial step of writing a {@code compare} page with per-run sections (5 % of its CPU for 38 runs).
     * The first failure in page order is thrown.
     */
    private static void checkCharts(HtmlPage page) {
        List<String> svgs = new ArrayList<>();
        for (HtmlSection s : page.sections()) {
            for (HtmlSection.Chart c : s.charts()) svgs.add(c.svg());
            for (HtmlSection sub : s.subsections()) for (HtmlSection.Chart c : sub.charts()) svgs.add(c.svg());
        }
        List<RuntimeException> problems = svgs.parallelStream().map(svg -> {
            try {
                checkSvg(svg);
                return (RuntimeException) null;
            } catch (RuntimeException e) {
                return e;
            }
        }).toList();
        for (RuntimeException e : problems) if (e != null) throw e;
    }

    static void checkSvg(String svg) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
        } catch (Exception e) {
            throw new IllegalArgumentException("chart is not well-formed SVG: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!"svg".equals(root.getLocalName())) {
            throw new IllegalArgumentException("chart root element is <" + root.getTagName() + ">, expected <svg>");
        }
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            String local = e.getLocalName() == null ? e.getTagName() : e.getLocalName();
            if (FORBIDDEN_ELEMENTS.contains(local.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("chart SVG contains <" + local + ">");
            }
            NamedNodeMap attrs = e.getAttributes();
            for (int j = 0; j < attrs.getLength(); j++) {
                Attr a = (Attr) attrs.item(j);
                String name = (a.getLocalName() == null ? a.getName() : a.getLocalName()).toLowerCase(Locale.ROOT);
                String value = a.getValue().trim().toLowerCase(Locale.ROOT);
                if (name.startsWith("on")) throw new IllegalArgumentException("chart SVG has event handler " + name);
                if (name.equals("href") && !value.startsWith("#")) {
                    throw new IllegalArgumentException("chart SVG links outside itself: " + a.getValue());
                }
                if (value.contains("url(") && value.replace("url(#", "").contains("url(")) {
                    throw new IllegalArgumentException("chart SVG references an external url()");
                }
                if (value.contains("javascript:")) throw new IllegalArgumentException("chart SVG contains javascript:");
            }
        }
    }
}
