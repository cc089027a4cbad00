package org.mpcap.reports.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxSeries;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.AxesChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
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

    private static Document parseXml(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    @Test
    void rendersHeadless() {
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
        assertThat(renderer.png(cumulativeBytes(100), 640, 400)).isNotEmpty();
        assertThat(renderer.svg(cumulativeBytes(100), 640, 400)).startsWith("<svg");
    }

    @Test
    void xySeriesAreDownsampledBeforeReachingXChart() {
        ChartSpec spec = cumulativeBytes(300_000);
        XYChart chart = (XYChart) new ChartRenderer(500).build(spec, 800, 500);
        List<XYSeries> series = new ArrayList<>(chart.getSeriesCollection());
        assertThat(series).extracting(XYSeries::getName).containsExactly("10.0.1.6", "10.0.2.6", "10.0.3.6");
        XYSeries first = series.get(0);
        assertThat(first.getXData().length).isLessThanOrEqualTo(1000);
        double[] y = spec.series().get(0).y();
        assertThat(first.getYData()[first.getYData().length - 1]).isEqualTo(y[y.length - 1]);
        assertThat(first.getXData()[0]).isEqualTo(0.0);
        assertThat(series.get(2).getXData()).hasSize(10); // short series untouched
    }

    @Test
    void scatterOfAMillionPointsReachesXChartWithAtMostOnePointPerHalfMarkerCell() {
        java.util.Random r = new java.util.Random(11);
        List<ChartSpec.Series> series = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            double[] x = new double[1_000_000];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i * 0.0005;
                y[i] = 20 + 10 * s + r.nextGaussian() * 3;
            }
            y[777_777] = 500; // an outlier far from the band
            series.add(new ChartSpec.Series("flow" + (s + 1), x, y));
        }
        ChartSpec spec = ChartSpec.xy(ChartSpec.Kind.SCATTER, "RTT", "time", "s", "RTT", "ms", series);
        XYChart chart = (XYChart) renderer.build(spec, 960, 480);
        int cols = 2 * 960 / ChartRenderer.MARKER_SIZE;
        int rows = 2 * 480 / ChartRenderer.MARKER_SIZE;
        double xMax = 999_999 * 0.0005;
        double yMin = Double.POSITIVE_INFINITY;
        for (ChartSpec.Series s : series) for (double v : s.y()) yMin = Math.min(yMin, v);
        for (XYSeries s : chart.getSeriesCollection()) {
            double[] x = s.getXData();
            double[] y = s.getYData();
            assertThat(x.length).isLessThanOrEqualTo(2 * Downsampler.DEFAULT_BUCKETS);
            assertThat(y).contains(500.0);
            Set<Integer> cells = new HashSet<>();
            for (int i = 0; i < x.length; i++) {
                int cx = Math.min(cols - 1, (int) (x[i] / xMax * cols));
                int cy = Math.min(rows - 1, (int) ((y[i] - yMin) / (500 - yMin) * rows));
                cells.add(cx * rows + cy);
            }
            // One marker per cell, but for the first, last, lowest and highest points.
            assertThat(x.length).as(s.getName()).isLessThanOrEqualTo(cells.size() + 4);
        }
    }

    @Test
    void lineChartHasNoMarkersAndScatterHasMarkers() {
        XYChart line = (XYChart) renderer.build(cumulativeBytes(50), 600, 400);
        assertThat(line.getSeriesCollection()).allSatisfy(s -> {
            assertThat(s.getMarker()).isSameAs(SeriesMarkers.NONE);
            assertThat(s.getXYSeriesRenderStyle()).contains(XYSeries.XYSeriesRenderStyle.Line);
        });
        ChartSpec rtt = ChartSpec.xy(ChartSpec.Kind.SCATTER, "RTT for 10.0.1.6", "time", "s", "RTT", "ms",
                List.of(new ChartSpec.Series("10.0.1.6", new double[] {0, 1, 2}, new double[] {30, 31, 29})));
        XYChart scatter = (XYChart) renderer.build(rtt, 600, 400);
        XYSeries s = scatter.getSeriesCollection().iterator().next();
        assertThat(s.getXYSeriesRenderStyle()).contains(XYSeries.XYSeriesRenderStyle.Scatter);
        assertThat(s.getMarker()).isNotSameAs(SeriesMarkers.NONE);
    }

    @Test
    void stepChartUsesStepStyle() {
        ChartSpec spec = ChartSpec.xy(ChartSpec.Kind.STEP, "Subflows open", "time", "s", "subflows", "",
                List.of(new ChartSpec.Series("c", new double[] {0, 1, 2}, new double[] {1, 2, 3})));
        XYChart chart = (XYChart) renderer.build(spec, 600, 400);
        assertThat(chart.getSeriesCollection().iterator().next().getXYSeriesRenderStyle())
                .contains(XYSeries.XYSeriesRenderStyle.Step);
    }

    @Test
    void axisTitlesCarryUnitsAndTicksUseRootLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            AxesChart<?, ?> chart = renderer.build(cumulativeBytes(20), 600, 400);
            assertThat(chart.getXAxisTitle()).isEqualTo("time since first packet (s)");
            assertThat(chart.getYAxisTitle()).isEqualTo("bytes sent (B)");
            assertThat(chart.getStyler().getLocale()).isEqualTo(Locale.ROOT);
            assertThat(chart.getStyler().getAxisTickLabelsFont().getSize()).isGreaterThanOrEqualTo(12);
            assertThat(chart.getStyler().getLegendFont().getSize()).isGreaterThanOrEqualTo(12);
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void legendOnlyWithSeveralSeries() {
        assertThat(renderer.build(cumulativeBytes(20), 600, 400).getStyler().isLegendVisible()).isTrue();
        ChartSpec one = ChartSpec.xy(ChartSpec.Kind.LINE, "", "t", "s", "v", "", List.of(cumulative("a", 5, 0)));
        AxesChart<?, ?> chart = renderer.build(one, 600, 400);
        assertThat(chart.getStyler().isLegendVisible()).isFalse();
        assertThat(chart.getStyler().isChartTitleVisible()).isFalse();
    }

    @Test
    void barChartWithErrorsHasCategoriesValuesAndErrors() {
        ChartSpec spec = ChartSpec.bars("Transfer rate, mean ± sd over 10 runs", "configuration", "rate", "kB/s",
                List.of("fullmesh", "default"),
                List.of(new ChartSpec.Series("rate", null, new double[] {508.5, 151.4}, new double[] {31.2, 3.1})));
        assertThat(spec.kind()).isEqualTo(ChartSpec.Kind.BAR_WITH_ERRORS);
        CategoryChart chart = (CategoryChart) renderer.build(spec, 600, 400);
        CategorySeries s = chart.getSeriesCollection().iterator().next();
        assertThat(new ArrayList<Object>(s.getXData())).containsExactly("fullmesh", "default");
        assertThat(s.getYData()).containsExactly(508.5, 151.4);
        assertThat(s.getExtraValues()).containsExactly(31.2, 3.1);
        assertThat(chart.getYAxisTitle()).isEqualTo("rate (kB/s)");
    }

    @Test
    void boxChartDropsNonFiniteValuesAndEmptySamples() {
        ChartSpec spec = ChartSpec.box("RTT per subflow", "subflow", "RTT", "ms", List.of(
                new ChartSpec.Sample("10.0.1.6", new double[] {30, 31, Double.NaN, 35, 29}),
                new ChartSpec.Sample("10.0.2.6", new double[] {Double.NaN}),
                new ChartSpec.Sample("10.0.3.6", new double[] {40, 42, 41})));
        BoxChart chart = (BoxChart) renderer.build(spec, 600, 400);
        List<BoxSeries> series = new ArrayList<>(chart.getSeriesCollection());
        assertThat(series).extracting(BoxSeries::getName).containsExactly("10.0.1.6", "10.0.3.6");
        assertThat(series.get(0).getYData()).containsExactly(30, 31, 35, 29);
        assertThat(renderer.png(spec, 600, 400)).isNotEmpty();
    }

    @Test
    void nonFiniteXIsDropped() {
        ChartSpec spec = ChartSpec.xy(ChartSpec.Kind.SCATTER, "", "x", "", "y", "", List.of(
                new ChartSpec.Series("s", new double[] {0, Double.NaN, 2}, new double[] {1, 2, 3})));
        XYChart chart = (XYChart) renderer.build(spec, 600, 400);
        assertThat(chart.getSeriesCollection().iterator().next().getXData()).containsExactly(0, 2);
    }

    @Test
    void svgIsWellFormedInlineXmlWithPrefixedIds() throws Exception {
        String svg = renderer.svg(cumulativeBytes(2000), 800, 500, "fig-cumulative");
        assertThat(svg).startsWith("<svg").doesNotContain("<?xml").doesNotContain("<!DOCTYPE");
        Document doc = parseXml(svg);
        Element root = doc.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getAttribute("role")).isEqualTo("img");
        assertThat(root.getElementsByTagNameNS("*", "title").item(0).getTextContent())
                .isEqualTo("Cumulative bytes sent per interface");
        Set<String> ids = new HashSet<>();
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.hasAttribute("id")) {
                assertThat(e.getAttribute("id")).startsWith("fig-cumulative-");
                assertThat(ids.add(e.getAttribute("id"))).isTrue();
            }
        }
        assertThat(ids).isNotEmpty();
        Matcher m = Pattern.compile("url\\(#([^)]+)\\)").matcher(svg);
        int refs = 0;
        while (m.find()) {
            assertThat(ids).contains(m.group(1));
            refs++;
        }
        assertThat(refs).isPositive();
    }

    @Test
    void svgIsDeterministicAndIdsDifferBetweenCharts() {
        String a = renderer.svg(cumulativeBytes(500), 800, 500);
        String b = renderer.svg(cumulativeBytes(500), 800, 500);
        assertThat(a).isEqualTo(b);
        String other = renderer.svg(cumulativeBytes(400), 800, 500);
        assertThat(idsOf(a)).doesNotContainAnyElementsOf(idsOf(other));
    }

    private static Set<String> idsOf(String svg) {
        Set<String> ids = new HashSet<>();
        Matcher m = Pattern.compile(" id=\"([^\"]+)\"").matcher(svg);
        while (m.find()) ids.add(m.group(1));
        return ids;
    }

    @Test
    void svgDrawsEachSeriesAsOnePathAndStaysSmall() {
        ChartSpec spec = cumulativeBytes(300_000);
        String svg = renderer.svg(spec, 800, 500);
        // segments merged into paths: only isolated lines (axes) stay
        assertThat(svg.split("<line ", -1).length - 1).isLessThan(10);
        // 3 series of at most 4000 drawn points each; text drawn as outlines.
        assertThat(svg.length()).isLessThan(600_000);
        Matcher m = Pattern.compile("<path [^>]*d=\"([^\"]*)\"").matcher(svg);
        int longest = 0;
        while (m.find()) longest = Math.max(longest, m.group(1).split(" L").length - 1);
        assertThat(longest).isBetween(2000, 4000);
    }

    @Test
    void tickLabelsArePlainDecimals() {
        assertThat(ChartRenderer.tickLabel(1.0E8)).isEqualTo("100000000");
        assertThat(ChartRenderer.tickLabel(0.08)).isEqualTo("0.08");
        assertThat(ChartRenderer.tickLabel(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(ChartRenderer.tickLabel(-2.5e-7)).isEqualTo("-0.00000025");
        assertThat(ChartRenderer.tickLabel(-0.0)).isEqualTo("0");
    }

    @Test
    void svgEscapesTitleText() throws Exception {
        ChartSpec spec = ChartSpec.xy(ChartSpec.Kind.LINE, "a < b & \"c\"", "t", "s", "v", "",
                List.of(cumulative("x<y>", 5, 0)));
        Document doc = parseXml(renderer.svg(spec, 400, 300));
        assertThat(doc.getDocumentElement().getAttribute("aria-label")).isEqualTo("a < b & \"c\"");
    }

    @Test
    void pngDecodesToRequestedSize() throws IOException {
        byte[] png = renderer.png(cumulativeBytes(1000), 640, 360);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img).isNotNull();
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(360);
    }

    @Test
    void chartWithoutDataStillRenders() throws Exception {
        ChartSpec empty = ChartSpec.xy(ChartSpec.Kind.LINE, "No data", "t", "s", "v", "",
                List.of(new ChartSpec.Series("none", new double[0], new double[0])));
        assertThat(ImageIO.read(new ByteArrayInputStream(renderer.png(empty, 300, 200)))).isNotNull();
        parseXml(renderer.svg(empty, 300, 200));
    }

    @Test
    void coordinateRoundingEqualsBigDecimalHalfUp() {
        java.util.Random r = new java.util.Random(5);
        List<String> values = new ArrayList<>(List.of("0", "-0", "0.004", "-0.005", "0.005", "9.995", "-9.995",
                "99.999", "0.5", "12", "-12.10", "100.00", "007.125"));
        for (int i = 0; i < 100_000; i++) {
            double d = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(6));
            values.add(r.nextBoolean() ? Double.toString(d) : String.format(Locale.ROOT, "%.3f", d));
        }
        for (String v : values) {
            if (v.contains("E")) continue;
            java.math.BigDecimal b = new java.math.BigDecimal(v).setScale(2, java.math.RoundingMode.HALF_UP);
            String want = b.signum() == 0 ? "0" : b.stripTrailingZeros().toPlainString();
            assertThat(ChartRenderer.roundPlain(v, 2)).as(v).isEqualTo(want);
        }
        assertThat(ChartRenderer.roundPlain("1.0E-5", 2)).isNull();
        assertThat(ChartRenderer.coord("1.0E-5")).isEqualTo("0");
    }

    @Test
    void fastTickLabelsEqualTheBigDecimalOnes() {
        java.util.Random r = new java.util.Random(9);
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 0.1 + 0.2, 100.0, 1e7, 1e-3, 0.0005, 123456789012.0,
                1234567890123.0, -2.5, 545.318844, 1.0 / 3));
        for (int i = 0; i < 200_000; i++) {
            double d = switch (i % 4) {
                case 0 -> Math.round(r.nextDouble() * 1e9) / 1e6;
                case 1 -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(20) - 6);
                case 2 -> r.nextInt(100_000) * 0.05;
                default -> Math.scalb(r.nextDouble(), r.nextInt(80) - 40);
            };
            values.add(d);
        }
        for (double d : values) assertThat(ChartRenderer.tickLabel(d)).as("%s", d).isEqualTo(ChartRenderer.tickLabelExact(d));
    }
}
