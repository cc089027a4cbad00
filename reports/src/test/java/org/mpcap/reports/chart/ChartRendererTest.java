package org.mpcap.reports.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class ChartRendererTest {
    private final ChartRenderer renderer = new ChartRenderer();

    private static ChartSpec.Series cumulative(String name, int n, double start) {
        double[] x = new double[n];
        double[] y = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            x[i] = start + i * 0.0005;
            sum += 1448 * ((i % 7) == 0 ? 0 : 1);
            y[i] = sum;
        }
        return new ChartSpec.Series(name, x, y);
    }

    private static ChartSpec cumulativeBytes(int n) {
        return ChartSpec.xy(ChartSpec.Kind.LINE, "Cumulative bytes sent per interface", "time since first packet",
                "s", "bytes sent", "B", List.of(cumulative("10.0.1.6", n, 0.0), cumulative("10.0.2.6", n, 0.2),
                        cumulative("10.0.3.6", 10, 0.5)));
    }

    private static ChartSpec rtt(int subflows, int n) {
        List<ChartSpec.Series> s = new ArrayList<>();
        java.util.Random r = new java.util.Random(1);
        for (int k = 0; k < subflows; k++) {
            double[] x = new double[n], y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = i * 0.001;
                y[i] = i % 50 == 0 ? 60 + r.nextDouble() * 10 : 0.05 + r.nextDouble() * 0.2;
            }
            s.add(new ChartSpec.Series("flow" + (k + 1), x, y));
        }
        return ChartSpec.xy(ChartSpec.Kind.SCATTER, "RTT", "time since first packet", "s", "RTT, ack estimator",
                "ms", s);
    }

    private static Document parseXml(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    /** The text elements of an SVG, in document order. */
    private static List<String> texts(String svg) throws Exception {
        NodeList l = parseXml(svg).getElementsByTagNameNS("*", "text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < l.getLength(); i++) out.add(l.item(i).getTextContent());
        return out;
    }

    @Test
    void rendersHeadlessInEveryFormat() {
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
        assertThat(renderer.png(cumulativeBytes(100), 640, 400)).isNotEmpty();
        assertThat(renderer.svg(cumulativeBytes(100), 640, 400)).startsWith("<svg");
        byte[] pdf = renderer.pdf(cumulativeBytes(100), 480, 240);
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    }

    @Test
    void xySeriesAreDownsampledBeforeDrawing() {
        ChartSpec p = new ChartRenderer(500).prepare(cumulativeBytes(100_000));
        for (ChartSpec.Series s : p.series()) assertThat(s.size()).isLessThanOrEqualTo(1000);
        assertThat(p.series().get(2).size()).isEqualTo(10);
    }

    @Test
    void scatterOfAMillionPointsIsThinnedToAtMostOnePointPerHalfMarkerCell() {
        int n = 1_000_000;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = (i * 7919L) % 1000;
        }
        ChartSpec spec = ChartSpec.xy(ChartSpec.Kind.SCATTER, "", "x", "", "y", "", List.of(
                new ChartSpec.Series("s", x, y)));
        ChartSpec p = renderer.prepare(spec, 960, 480);
        int cells = (2 * 960 / ChartRenderer.MARKER_SIZE) * (2 * 480 / ChartRenderer.MARKER_SIZE);
        assertThat(p.series().get(0).size()).isLessThanOrEqualTo(cells + 4).isPositive();
    }

    @Test
    void nonFiniteXIsDropped() {
        ChartSpec spec = ChartSpec.xy(ChartSpec.Kind.SCATTER, "", "x", "", "y", "", List.of(
                new ChartSpec.Series("s", new double[] {0, Double.NaN, 2}, new double[] {1, 2, 3})));
        assertThat(renderer.prepare(spec).series().get(0).x()).containsExactly(0, 2);
    }

    @Test
    void svgIsWellFormedInlineXmlWithTitleAndNoIds() throws Exception {
        String svg = renderer.svg(cumulativeBytes(2000), 800, 500, "fig-cumulative");
        assertThat(svg).startsWith("<svg").doesNotContain("<?xml").doesNotContain("<!DOCTYPE");
        Element root = parseXml(svg).getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getAttribute("role")).isEqualTo("img");
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 800 500");
        assertThat(root.getElementsByTagNameNS("*", "title").item(0).getTextContent())
                .isEqualTo("Cumulative bytes sent per interface");
        assertThat(svg).doesNotContain(" id=\"").doesNotContain("url(#");
    }

    @Test
    void svgIsDeterministic() {
        assertThat(renderer.svg(cumulativeBytes(500), 800, 500)).isEqualTo(renderer.svg(cumulativeBytes(500), 800,
                500));
    }

    @Test
    void svgDrawsEachSeriesAsOnePathAndStaysSmall() {
        String svg = renderer.svg(cumulativeBytes(300_000), 800, 500);
        // 3 series of at most 4000 drawn points each, at 0.1 px, text as text
        assertThat(svg.length()).isLessThan(150_000);
        Matcher m = Pattern.compile("<path d=\"(M[^\"]*)\" fill=\"none\"").matcher(svg);
        int longest = 0;
        while (m.find()) longest = Math.max(longest, SvgCanvasTest.points(m.group(1)).size());
        assertThat(longest).isBetween(2000, 4000);
    }

    @Test
    void scatterMarkersAreOnePathPerSeries() {
        String svg = renderer.svg(rtt(3, 400), 960, 480);
        assertThat(Pattern.compile("stroke-linecap=\"round\"").matcher(svg).results().count()).isEqualTo(3 + 3);
        // 3 series + 3 legend markers
    }

    @Test
    void bytesAxisIsScaledByTheDataRange() throws Exception {
        ChartSpec small = ChartSpec.xy(ChartSpec.Kind.LINE, "", "time", "s", "bytes sent", "B", List.of(
                new ChartSpec.Series("a", new double[] {0, 1, 2}, new double[] {0, 150, 300})));
        List<String> t = texts(renderer.svg(small, 600, 400));
        assertThat(t).contains("bytes sent (B)", "300", "0").doesNotContain("bytes sent (MB)");
        List<String> big = texts(renderer.svg(cumulativeBytes(2000), 800, 500));
        assertThat(big).contains("bytes sent (MB)", "time since first packet (s)", "1.0", "0.5");
    }

    @Test
    void logAxisDrawsDecadeTicks() throws Exception {
        ChartSpec spec = rtt(1, 500).withLayout(ChartSpec.Layout.PLAIN.withLogY(true));
        List<String> t = texts(renderer.svg(spec, 960, 480));
        assertThat(t).contains("0.01", "0.1", "1", "10", "100");
    }

    @Test
    void panelsDrawOneTitledPlotPerSeriesWithSharedAxes() throws Exception {
        ChartSpec spec = rtt(3, 200).withLayout(ChartSpec.Layout.PLAIN.withPanels(true));
        int h = renderer.preferredHeight(spec, 480);
        assertThat(h).isGreaterThan(480);
        String svg = renderer.svg(spec, 960, h);
        List<String> t = texts(svg);
        assertThat(t).contains("flow1", "flow2", "flow3");
        // one y axis title and one x axis title for all panels; the y tick labels repeat on each panel
        assertThat(t.stream().filter("RTT, ack estimator (ms)"::equals).count()).isEqualTo(1);
        assertThat(t.stream().filter("time since first packet (s)"::equals).count()).isEqualTo(1);
        assertThat(t.stream().filter("60"::equals).count()).isEqualTo(3);
        // no legend: the panel titles name the series
        assertThat(Pattern.compile("stroke-linecap=\"round\"").matcher(svg).results().count()).isEqualTo(3);
    }

    @Test
    void manySubflowsGetPanelsInColumnsAndAWrappedLegend() throws Exception {
        ChartSpec spec = rtt(9, 100);
        String legend = renderer.svg(spec, 960, 480);
        assertThat(texts(legend)).contains("flow1", "flow9");
        ChartSpec panels = spec.withLayout(ChartSpec.Layout.PLAIN.withPanels(true));
        int h = renderer.preferredHeight(panels, 480);
        assertThat(h).isEqualTo(110 + 28 + 3 * ChartRenderer.PANEL_ROW_HEIGHT); // 3 columns, 3 rows
        String svg = renderer.svg(panels, 960, h);
        assertThat(texts(svg)).contains("flow1", "flow9");
        // every panel inside the chart: no coordinate beyond its width
        Matcher m = Pattern.compile("<path d=\"M([-0-9.]+) ").matcher(svg);
        while (m.find()) assertThat(Double.parseDouble(m.group(1))).isBetween(0.0, 960.0);
        Matcher x = Pattern.compile("<text x=\"([-0-9.]+)\"").matcher(svg);
        while (x.find()) assertThat(Double.parseDouble(x.group(1))).isBetween(0.0, 960.0);
    }

    private static ChartSpec namedSeries(ChartSpec.Kind kind, boolean panels, int n) {
        List<ChartSpec.Series> s = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            s.add(new ChartSpec.Series("flow" + (k + 1) + " 10.0." + (k % 3 + 1) + ".6 → 10.0." + (k % 3 + 4) + ".7",
                    new double[] {0, 0.1, 0.2}, new double[] {1, 2 + k, 3}));
        }
        ChartSpec spec = ChartSpec.xy(kind, "", "time since first packet", "s", "throughput", "bit/s", s);
        return panels ? spec.withLayout(ChartSpec.Layout.PLAIN.withPanels(true)) : spec;
    }

    @Test
    void narrowPanelsAreTitledByTheirFirstWordWithAKeyOfFullNamesInsteadOfCutNames() throws Exception {
        // 9 subflows as panels in a 480 pt PDF: "flow1 10.0.1.6 → 10.0.4.7" was drawn as "flow1 10.0.1…"
        ChartSpec spec = namedSeries(ChartSpec.Kind.SCATTER, true, 9);
        int h = renderer.preferredHeight(spec, 480, 240);
        assertThat(h).isGreaterThan(renderer.preferredHeight(spec, 240)); // the key adds its rows
        List<String> t = texts(renderer.svg(spec, 480, h));
        assertThat(t).contains("flow1", "flow9", "flow1 10.0.1.6 → 10.0.4.7", "flow9 10.0.3.6 → 10.0.6.7");
        assertThat(t).noneMatch(x -> x.contains("…"));
        List<String> wide = texts(renderer.svg(spec, 960, renderer.preferredHeight(spec, 960, 480)));
        assertThat(wide).contains("flow1 10.0.1.6 → 10.0.4.7").doesNotContain("flow1"); // room enough: no key
    }

    @Test
    void aChartWithAManyRowLegendGrowsSoItsPlotKeepsItsHeight() throws Exception {
        ChartSpec spec = namedSeries(ChartSpec.Kind.LINE, false, 9);
        int h = renderer.preferredHeight(spec, 480, 240);
        assertThat(h).isGreaterThan(240);
        assertThat(renderer.preferredHeight(spec, 960, 480)).isEqualTo(480); // wide: the legend fits as it is
        assertThat(renderer.preferredHeight(namedSeries(ChartSpec.Kind.LINE, false, 1), 480, 240)).isEqualTo(240);
        // the y axis title is not cut to fit a squashed plot
        assertThat(texts(renderer.svg(spec, 480, h))).contains("throughput (bit/s)");
    }

    @Test
    void boxPlotDrawsWhiskersAtTheGivenObservationsAndOutliersAsCircles() throws Exception {
        ChartSpec spec = ChartSpec.box("rate", "scenario", "transfer rate", "kB/s", List.of(
                new ChartSpec.Box("fullmesh", 10, 3.25, 5.5, 7.75, 1, 9, new double[] {30}),
                new ChartSpec.Box("default", 10, 150, 151, 152, 147, 153, new double[0])));
        String svg = renderer.svg(spec, 600, 400);
        Document d = parseXml(svg);
        assertThat(d.getElementsByTagNameNS("*", "circle").getLength()).isEqualTo(1);
        assertThat(texts(svg)).contains("fullmesh", "default", "n = 10", "transfer rate (kB/s)");
    }

    @Test
    void timelineShowsSubMillisecondJoinsInMilliseconds() throws Exception {
        ChartSpec spec = ChartSpec.timeline("Subflows", "subflow", "time since first packet", List.of(
                new ChartSpec.Series("flow1", new double[] {0.0, 0.00006, 0.435}, new double[3]),
                new ChartSpec.Series("flow2", new double[] {0.00039, 0.00041, 0.435}, new double[3]),
                new ChartSpec.Series("flow3", new double[] {0.00053, Double.NaN, 0.01}, new double[3])));
        List<String> t = texts(renderer.svg(spec, 960, renderer.preferredHeight(spec, 480)));
        assertThat(t).contains("time since first SYN (ms)", "time since first packet (s)", "0.0", "0.2", "0.4",
                "flow1", "flow2", "flow3", "not established");
    }

    @Test
    void barsWithErrorsDrawWhiskers() throws Exception {
        ChartSpec spec = ChartSpec.bars("", "scenario", "rate", "kB/s", List.of("default", "fullmesh"), List.of(
                new ChartSpec.Series("mean", null, new double[] {150, 520}, new double[] {2, 20})));
        String svg = renderer.svg(spec, 600, 400);
        assertThat(texts(svg)).contains("default", "fullmesh", "rate (kB/s)", "0");
        assertThat(Pattern.compile("<rect ").matcher(svg).results().count()).isEqualTo(1 + 2); // background + bars
    }

    @Test
    void svgEscapesTitleText() throws Exception {
        ChartSpec spec = ChartSpec.xy(ChartSpec.Kind.LINE, "a < b & \"c\"", "x", "", "y", "", List.of(
                new ChartSpec.Series("s", new double[] {0, 1}, new double[] {0, 1})));
        String svg = renderer.svg(spec, 400, 300);
        assertThat(parseXml(svg).getElementsByTagNameNS("*", "title").item(0).getTextContent())
                .isEqualTo("a < b & \"c\"");
    }

    @Test
    void withoutTitleDrawsNoTitle() throws Exception {
        String svg = renderer.svg(cumulativeBytes(50).withoutTitle(), 800, 500);
        assertThat(svg).doesNotContain("<title>");
        assertThat(texts(svg)).doesNotContain("Cumulative bytes sent per interface");
    }

    @Test
    void pngDecodesToRequestedSize() throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(renderer.png(cumulativeBytes(50), 640, 360)));
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(360);
    }

    @Test
    void chartWithoutDataStillRenders() throws Exception {
        for (ChartSpec.Kind k : List.of(ChartSpec.Kind.LINE, ChartSpec.Kind.SCATTER, ChartSpec.Kind.STEP)) {
            ChartSpec empty = ChartSpec.xy(k, "nothing", "x", "s", "y", "B", List.of());
            assertThat(renderer.png(empty, 400, 300)).isNotEmpty();
            parseXml(renderer.svg(empty, 400, 300));
            assertThat(renderer.pdf(empty, 400, 300)).isNotEmpty();
        }
        parseXml(renderer.svg(ChartSpec.box("b", "x", "y", "", List.of()), 400, 300));
        parseXml(renderer.svg(ChartSpec.timeline("t", "subflow", "time", List.of()), 400, 300));
    }
}
