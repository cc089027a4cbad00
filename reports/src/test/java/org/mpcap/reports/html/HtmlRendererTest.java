package org.mpcap.reports.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;
import org.mpcap.reports.chart.ChartRenderer;
import org.mpcap.reports.chart.ChartSpec;
import org.mpcap.reports.table.TableWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class HtmlRendererTest {
    @TempDir
    Path dir;

    private static DataTable addresses() {
        DataTable t = new DataTable("addr_dist", "Packets per IPv4 address", List.of(
                Column.text("address", "IP address"),
                Column.integer("packets", "", "packets"),
                Column.decimal("percent", 2, "%", "share of all packets")));
        t.add("10.0.4.7", 14076L, 100.0);
        t.add("10.0.1.6", 5724L, 40.664);
        return t;
    }

    private static String chart(String title) {
        ChartSpec spec = ChartSpec.xy(ChartSpec.Kind.LINE, title, "time", "s", "bytes", "B", List.of(
                new ChartSpec.Series("10.0.1.6", new double[] {0, 1, 2}, new double[] {0, 1448, 2896}),
                new ChartSpec.Series("10.0.2.6", new double[] {0.5, 1, 2}, new double[] {0, 1448, 1448})));
        return new ChartRenderer().svg(spec, 640, 360);
    }

    private static HtmlPage page() {
        return new HtmlPage("MPTCP report: run1.pcapng",
                List.of(new HtmlPage.Fact("file", "run1.pcapng"), new HtmlPage.Fact("packets", "28152")),
                List.of(new HtmlSection("addresses", "Packet distribution per address",
                                "How many packets each address sent or received.", List.of(), List.of(addresses())),
                        new HtmlSection("bytes", "Cumulative bytes", "Bytes sent per client interface over time.",
                                List.of(chart("Cumulative bytes"), chart("Cumulative bytes (zoom)")), List.of())),
                List.of("12 damaged records skipped"));
    }

    private static Document parseXml(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static Element byId(Document doc, String id) {
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (id.equals(e.getAttribute("id"))) return e;
        }
        return null;
    }

    @Test
    void defaultPageIsWellFormedWithEverySection() throws Exception {
        String html = HtmlRenderer.defaults().render(page());
        Document doc = parseXml(html); // the default template is XHTML-compatible: a full XML parse must work
        assertThat(byId(doc, "addresses")).isNotNull();
        assertThat(byId(doc, "bytes")).isNotNull();
        assertThat(byId(doc, "bytes").getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength())
                .isEqualTo(2);
        assertThat(html).contains("<a href=\"#addresses\">").contains("<a href=\"#bytes\">");
        assertThat(html).contains("<dt>file</dt><dd>run1.pcapng</dd>");
        assertThat(html).contains("<li>12 damaged records skipped</li>");
    }

    @Test
    void inlineSvgIdsDoNotClash() throws Exception {
        Document doc = parseXml(HtmlRenderer.defaults().render(page()));
        Set<String> ids = new HashSet<>();
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            String id = ((Element) all.item(i)).getAttribute("id");
            if (!id.isEmpty()) assertThat(ids.add(id)).as("duplicate id %s", id).isTrue();
        }
    }

    @Test
    void tableCellsAreEscaped() throws IOException {
        DataTable t = new DataTable("evil", "Evil <b>title</b>", List.of(Column.text("note", "")));
        t.add("<script>alert('x')</script> & \"more\"");
        HtmlPage p = new HtmlPage("t", List.of(), List.of(new HtmlSection("s", "S", "", List.of(), List.of(t))),
                List.of());
        String html = HtmlRenderer.defaults().render(p);
        assertThat(html).doesNotContain("<script").doesNotContain("<b>title");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;");
    }

    @Test
    void numbersAreRightAlignedAndHeadersCarryUnits() throws IOException {
        String html = HtmlRenderer.defaults().render(page());
        assertThat(html).contains("<th scope=\"col\" class=\"num\" title=\"share of all packets\">percent (%)</th>");
        assertThat(html).contains("<td>10.0.1.6</td><td class=\"num\">5724</td><td class=\"num\">40.66</td>");
    }

    @Test
    void pageIsSelfContained() throws IOException {
        String html = HtmlRenderer.defaults().render(page());
        assertThat(html).doesNotContain("<link").doesNotContain("<script").doesNotContain(" src=");
        assertThat(html.replace("http://www.w3.org/2000/svg", "").replace("http://www.w3.org/1999/xlink", ""))
                .doesNotContain("http://").doesNotContain("https://");
        assertThat(html).contains("font-variant-numeric: tabular-nums"); // style.css inlined
    }

    @Test
    void longTablesAreCutWithANote() throws IOException {
        DataTable t = new DataTable("big", "Big", List.of(Column.integer("n", "", "")));
        for (long i = 0; i < HtmlRenderer.MAX_TABLE_ROWS + 5; i++) t.add(i);
        HtmlPage p = new HtmlPage("t", List.of(), List.of(new HtmlSection("s", "S", "", List.of(), List.of(t))),
                List.of());
        String html = HtmlRenderer.defaults().render(p);
        assertThat(html.split("<td class=\"num\">", -1).length - 1).isEqualTo(HtmlRenderer.MAX_TABLE_ROWS);
        assertThat(html).contains("first 1000 of 1005 rows");
    }

    @Test
    void sectionIdsAreMadeValidAndUnique() throws IOException {
        HtmlPage p = new HtmlPage("t", List.of(), List.of(
                new HtmlSection("rtt", "A", "", List.of(), List.of()),
                new HtmlSection("rtt", "B", "", List.of(), List.of()),
                new HtmlSection("2 bad id\"", "C", "", List.of(), List.of())), List.of());
        String html = HtmlRenderer.defaults().render(p);
        assertThat(html).contains("<section id=\"rtt\" ", "<section id=\"rtt-2\" ", "<section id=\"s-2-bad-id-\" ");
    }

    @Test
    void noWarningsMeansNoWarningsBox() throws IOException {
        HtmlPage p = new HtmlPage("t", List.of(), List.of(), List.of());
        assertThat(HtmlRenderer.defaults().render(p)).doesNotContain("class=\"warnings\"");
    }

    @Test
    void unsafeSvgIsRejected() {
        for (String svg : List.of("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
                        + "<a xlink:href=\"javascript:alert(1)\"><rect/></a></svg>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect style=\"fill:url(http://x/y)\"/></svg>",
                "<div>not svg</div>", "<svg>unclosed")) {
            HtmlPage p = new HtmlPage("t", List.of(), List.of(new HtmlSection("s", "S", "", List.of(svg), List.of())),
                    List.of());
            assertThatThrownBy(() -> HtmlRenderer.defaults().render(p)).as(svg)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void userTemplateDirectoryOverridesAndFallsBack() throws IOException {
        Files.writeString(dir.resolve(HtmlRenderer.INDEX),
                "<h1>{{title}}</h1>{{#sections}}{{#tables}}{{> table}}{{/tables}}{{/sections}}<style>{{{css}}}</style>");
        Files.writeString(dir.resolve("table.mustache"), "[{{name}}:{{rowCount}}]");
        String html = HtmlRenderer.fromDirectory(dir).render(page());
        assertThat(html).startsWith("<h1>MPTCP report: run1.pcapng</h1>[addr_dist:2]<style>");
        assertThat(html).contains("tabular-nums"); // style.css from the defaults
    }

    @Test
    void missingTemplateDirectoryOrIndexIsReported() throws IOException {
        assertThatThrownBy(() -> HtmlRenderer.fromDirectory(dir.resolve("nope")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> HtmlRenderer.fromDirectory(dir))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining(HtmlRenderer.INDEX);
    }

    @Test
    void brokenTemplateIsAnIoErrorNamingTheFile() throws IOException {
        Files.writeString(dir.resolve(HtmlRenderer.INDEX), "{{#sections}}never closed");
        assertThatThrownBy(() -> HtmlRenderer.fromDirectory(dir).render(page()))
                .isInstanceOf(IOException.class).hasMessageContaining(dir.resolve(HtmlRenderer.INDEX).toString());
    }

    private static String render(DataTable t) throws IOException {
        return HtmlRenderer.defaults().render(new HtmlPage("t", List.of(), List.of(new HtmlSection("s", "S", "",
                List.of(), List.of(t))), List.of()));
    }

    @Test
    void onlyLongTablesScrollInABoxOfTheirOwn() throws IOException {
        // compare's ten-row headline was cut by the scroll box in a narrow window
        DataTable short_ = new DataTable("headline", "Headline", List.of(Column.integer("n", "", "")));
        for (long i = 0; i < HtmlRenderer.SCROLL_ROWS; i++) short_.add(i);
        assertThat(render(short_)).contains("<div class=\"table-wrap\">").doesNotContain("table-wrap long");
        DataTable long_ = new DataTable("flags", "Flags", List.of(Column.integer("n", "", "")));
        for (long i = 0; i <= HtmlRenderer.SCROLL_ROWS; i++) long_.add(i);
        assertThat(render(long_)).contains("<div class=\"table-wrap long\">");
        assertThat(HtmlRenderer.defaults().render(page())).contains(".table-wrap.long { max-height");
    }

    @Test
    void aTableWiderThanAPageIsAlsoWrittenInPartsThatOnlyPrint() throws IOException {
        List<Column> cols = new java.util.ArrayList<>(List.of(Column.text("group", ""), Column.integer("run", "", "")));
        for (int i = 0; i < 30; i++) cols.add(Column.decimal("m" + i, 3, "s", ""));
        DataTable t = new DataTable("runs", "Per-run metrics", cols);
        Object[] row = new Object[cols.size()];
        row[0] = "default";
        row[1] = 7L;
        for (int i = 0; i < 30; i++) row[2 + i] = 1000.0 + i;
        t.add(row);
        String html = render(t);
        int parts = TableWriter.pageParts(cols).size();
        assertThat(html).contains("table-wrap wide screen-only");
        assertThat(html.split("print-only\"", -1).length - 1).isEqualTo(parts);
        assertThat(html).contains("Per-run metrics (part 1 of " + parts + ")")
                .contains("Per-run metrics (part " + parts + " of " + parts + ")");
        // every part repeats the key columns: the run number once per part, plus once in the whole table
        assertThat(html.split("<td class=\"num\">7</td>", -1).length - 1).isEqualTo(parts + 1);
        assertThat(html.split("<td class=\"num\">1029</td>", -1).length - 1).isEqualTo(2);
    }
}
