package org.mpcap.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.AxesChart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.BoxStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Draws a {@link ChartSpec} as PNG or SVG with XChart, in one plain style: white background, light grid, no
 * plot border, sans-serif text of at least 12 px, axis titles with units, tick labels in {@link Locale#ROOT}
 * ('.' decimals), legend below the plot only when there is more than one series, colour-blind-friendly colours.
 *
 * <p>Before drawing, x/y series are reduced by {@link Downsampler} (so a chart never holds more than
 * {@code 2 × buckets} points per series; scatter series are first thinned to one marker per half-marker cell,
 * which leaves the drawing as it was) and points with a non-finite x are dropped; box-plot samples lose
 * their NaN/infinite values and empty samples are left out. Box quartiles are XChart's
 * {@code N_LESS_1_PLUS_1} method (linear interpolation at 1 + (n − 1)p, R's default "type 7"); whiskers and
 * outliers follow XChart (1.5 IQR).
 *
 * <p>Runs headless: nothing here needs a display (call with {@code java.awt.headless=true}; fonts come from the
 * JDK's font configuration). Instances are immutable and thread-safe.
 */
public final class ChartRenderer {
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Color GRID = new Color(225, 225, 225);
    private static final Color TEXT = new Color(33, 33, 33);
    /** Okabe–Ito colour-blind-safe palette, black last (it reads as text, and as heavy bars). */
    private static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
            new Color(0xD55E00), new Color(0x56B4E9), new Color(0xCC79A7), new Color(0xF0E442), Color.BLACK};

    private final int buckets;

    /** A renderer that downsamples to {@link Downsampler#DEFAULT_BUCKETS} buckets per series. */
    public ChartRenderer() { this(Downsampler.DEFAULT_BUCKETS); }

    /** A renderer that downsamples x/y series to {@code buckets} buckets (at most 2 × buckets points). */
    public ChartRenderer(int buckets) {
        if (buckets < 2) throw new IllegalArgumentException("buckets must be >= 2, got " + buckets);
        this.buckets = buckets;
    }

    /**
     * The chart as a PNG image of {@code width × height} pixels.
     *
     * @throws IllegalArgumentException if width or height is not positive
     */
    public byte[] png(ChartSpec spec, int width, int height) {
        try {
            return BitmapEncoder.getBitmapBytes(build(spec, width, height), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory encoding
        }
    }

    /**
     * The chart as an SVG element for inlining in HTML: no XML declaration or DOCTYPE, {@code role="img"}, a
     * {@code <title>} with the chart title, and ids prefixed by a hash of the drawing so several charts on one
     * page do not clash (the same chart always gives the same text). Text is drawn as outlines, so the SVG needs
     * no fonts to display.
     */
    public String svg(ChartSpec spec, int width, int height) {
        return svg(spec, width, height, null);
    }

    /**
     * Like {@link #svg(ChartSpec, int, int)} with ids prefixed by {@code idPrefix} (letters, digits, '-', '_';
     * must start with a letter), or by a content hash when null.
     */
    public String svg(ChartSpec spec, int width, int height, String idPrefix) {
        if (idPrefix != null && !idPrefix.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("bad SVG id prefix: " + idPrefix);
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
        try {
            VectorGraphicsEncoder.saveVectorGraphic(build(spec, width, height), buf,
                    VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inlineSvg(buf.toString(StandardCharsets.UTF_8), spec.title(), idPrefix);
    }

    /** Scatter markers are {@value #MARKER_SIZE} px wide. */
    static final int MARKER_SIZE = 4;

    /**
     * The spec as drawn on a {@code width × height} chart: {@link #prepare(ChartSpec)}, and scatter series first
     * thinned to one point per half-marker cell ({@link Downsampler#thinToGrid}; the grid spans the whole chart
     * size over the data range, so a cell is smaller than half a marker of the plot area).
     */
    ChartSpec prepare(ChartSpec spec, int width, int height) {
        if (spec.kind() != ChartSpec.Kind.SCATTER || spec.series().isEmpty()) return prepare(spec);
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (ChartSpec.Series s : spec.series()) {
            for (int i = 0; i < s.size(); i++) {
                double x = s.x()[i], y = s.y()[i];
                if (!Double.isFinite(x) || !Double.isFinite(y)) continue;
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
            }
        }
        if (x0 > x1) return prepare(spec); // no finite point
        int cols = Math.max(1, 2 * width / MARKER_SIZE);
        int rows = Math.max(1, 2 * height / MARKER_SIZE);
        List<ChartSpec.Series> thin = new ArrayList<>(spec.series().size());
        for (ChartSpec.Series s : spec.series()) thin.add(Downsampler.thinToGrid(s, x0, x1, y0, y1, cols, rows));
        return prepare(spec.withSeries(thin));
    }

    /** The spec as it is drawn: x/y series without non-finite x and downsampled; box samples cleaned. */
    ChartSpec prepare(ChartSpec spec) {
        if (spec.kind() == ChartSpec.Kind.BOX) {
            List<ChartSpec.Sample> samples = new ArrayList<>();
            for (ChartSpec.Sample s : spec.samples()) {
                double[] v = java.util.Arrays.stream(s.values()).filter(Double::isFinite).toArray();
                if (v.length > 0) samples.add(new ChartSpec.Sample(s.name(), v));
            }
            return new ChartSpec(spec.kind(), spec.title(), spec.xLabel(), spec.xUnit(), spec.yLabel(), spec.yUnit(),
                    spec.categories(), spec.series(), samples);
        }
        if (spec.kind() == ChartSpec.Kind.BAR || spec.kind() == ChartSpec.Kind.BAR_WITH_ERRORS) return spec;
        List<ChartSpec.Series> out = new ArrayList<>(spec.series().size());
        for (ChartSpec.Series s : spec.series()) out.add(Downsampler.downsample(finiteX(s), buckets));
        return spec.withSeries(out);
    }

    private static ChartSpec.Series finiteX(ChartSpec.Series s) {
        double[] x = s.x();
        int bad = 0;
        for (double v : x) if (!Double.isFinite(v)) bad++;
        if (bad == 0) return s;
        int n = x.length - bad;
        double[] nx = new double[n];
        double[] ny = new double[n];
        double[] ne = s.yError() == null ? null : new double[n];
        for (int i = 0, k = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) continue;
            nx[k] = x[i];
            ny[k] = s.y()[i];
            if (ne != null) ne[k] = s.yError()[i];
            k++;
        }
        return new ChartSpec.Series(s.name(), nx, ny, ne);
    }

    /** The XChart chart for {@code spec} after {@link #prepare}; tests inspect its series. */
    AxesChart<?, ?> build(ChartSpec spec, int width, int height) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("chart size " + width + "x" + height);
        ChartSpec p = prepare(spec, width, height);
        AxesChart<?, ?> chart = switch (p.kind()) {
            case LINE, SCATTER, STEP -> xyChart(p, width, height);
            case BAR, BAR_WITH_ERRORS -> barChart(p, width, height);
            case BOX -> boxChart(p, width, height);
        };
        chart.setTitle(p.title());
        chart.setXAxisTitle(p.xAxisTitle());
        chart.setYAxisTitle(p.yAxisTitle());
        int legendEntries = p.kind() == ChartSpec.Kind.BOX ? 0 : p.series().size();
        style(chart.getStyler(), !p.title().isEmpty(), legendEntries);
        if (chart instanceof XYChart) chart.getStyler().setXAxisTickLabelsFormattingFunction(ChartRenderer::tickLabel);
        chart.getStyler().setYAxisTickLabelsFormattingFunction(ChartRenderer::tickLabel);
        return chart;
    }

    private static XYChart xyChart(ChartSpec p, int width, int height) {
        XYChart c = new XYChart(width, height);
        XYSeries.XYSeriesRenderStyle style = switch (p.kind()) {
            case SCATTER -> XYSeries.XYSeriesRenderStyle.Scatter;
            case STEP -> XYSeries.XYSeriesRenderStyle.Step;
            default -> XYSeries.XYSeriesRenderStyle.Line;
        };
        c.getStyler().setDefaultSeriesRenderStyle(style);
        c.getStyler().setMarkerSize(p.kind() == ChartSpec.Kind.SCATTER ? MARKER_SIZE : 0);
        for (ChartSpec.Series s : p.series()) {
            if (s.size() == 0) continue; // XChart rejects empty series; nothing to draw anyway
            XYSeries xs = c.addSeries(s.name(), s.x(), s.y(), s.yError());
            xs.setXYSeriesRenderStyle(style);
            if (p.kind() != ChartSpec.Kind.SCATTER) xs.setMarker(SeriesMarkers.NONE);
        }
        return c;
    }

    private static CategoryChart barChart(ChartSpec p, int width, int height) {
        CategoryChart c = new CategoryChart(width, height);
        c.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
        c.getStyler().setAvailableSpaceFill(0.7);
        c.getStyler().setErrorBarsColor(TEXT);
        if (p.categories().isEmpty()) return c;
        for (ChartSpec.Series s : p.series()) {
            CategorySeries cs = c.addSeries(s.name(), p.categories(), boxed(s.y()),
                    s.yError() == null ? null : boxed(s.yError()));
            cs.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
        }
        return c;
    }

    /**
     * A tick value as plain decimal text: at most 12 significant digits (hiding binary rounding such as
     * 0.30000000000000004), no exponent, no grouping, '.' decimals, leading zero kept ("0.08", "2000000").
     * Callers choose the unit (e.g. MB instead of B) to keep labels short.
     */
    static String tickLabel(Double v) {
        if (v == null || !Double.isFinite(v)) return "";
        // XChart formats every x value while it lays out ticks: the shortest form, when it has no exponent and
        // at most 12 significant digits, is already the answer (it is within 10^-16 of v, so it is what rounding
        // v to 12 digits gives); BigDecimal only for the others.
        String shortest = Double.toString(v);
        if (significantDigits(shortest) <= 12) {
            if (v == 0) return "0";
            return shortest.endsWith(".0") ? shortest.substring(0, shortest.length() - 2) : shortest;
        }
        return tickLabelExact(v);
    }

    /** Significant digits of a plain {@link Double#toString} form; 99 if it has an exponent. */
    private static int significantDigits(String s) {
        if (s.indexOf('E') >= 0) return 99;
        int first = -1;
        int last = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '1' && c <= '9') {
                if (first < 0) first = i;
                last = i;
            }
        }
        if (first < 0) return 0;
        int n = last - first + 1;
        int dot = s.indexOf('.');
        if (dot > first && dot < last) n--;
        return n;
    }

    /** {@link #tickLabel} through BigDecimal. */
    static String tickLabelExact(Double v) {
        if (v == null || !Double.isFinite(v)) return "";
        BigDecimal b = new BigDecimal(v).round(new MathContext(12, RoundingMode.HALF_UP));
        if (b.signum() == 0) return "0";
        return b.stripTrailingZeros().toPlainString();
    }

    private static List<Double> boxed(double[] a) {
        List<Double> l = new ArrayList<>(a.length);
        for (double v : a) l.add(v);
        return l;
    }

    private static BoxChart boxChart(ChartSpec p, int width, int height) {
        BoxChart c = new BoxChart(width, height, Styler.ChartTheme.XChart);
        c.getStyler().setBoxplotCalCulationMethod(BoxStyler.BoxplotCalCulationMethod.N_LESS_1_PLUS_1);
        for (ChartSpec.Sample s : p.samples()) c.addSeries(s.name(), s.values());
        return c;
    }

    /** Legend entries above which the legend goes in a column right of the plot (one row would not fit). */
    static final int MAX_LEGEND_ROW = 3;

    private static void style(AxesChartStyler st, boolean titleVisible, int legendEntries) {
        st.setLocale(Locale.ROOT);
        st.setAntiAlias(true);
        st.setTextAntiAlias(true);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderVisible(false);
        st.setChartFontColor(TEXT);
        st.setChartPadding(12);
        st.setChartTitleVisible(titleVisible);
        st.setChartTitleBoxVisible(false);
        st.setChartTitleFont(TITLE_FONT);
        st.setAxisTitleFont(AXIS_TITLE_FONT);
        st.setAxisTickLabelsFont(TICK_FONT);
        st.setAxisTickLabelsColor(TEXT);
        st.setAxisTickMarksColor(TEXT);
        st.setAxisTicksLineVisible(true);
        st.setPlotGridLinesVisible(true);
        st.setPlotGridLinesColor(GRID);
        st.setPlotGridLinesStroke(new BasicStroke(1f));
        st.setLegendVisible(legendEntries > 1);
        boolean column = legendEntries > MAX_LEGEND_ROW;
        st.setLegendPosition(column ? Styler.LegendPosition.OutsideE : Styler.LegendPosition.OutsideS);
        st.setLegendLayout(column ? Styler.LegendLayout.Vertical : Styler.LegendLayout.Horizontal);
        st.setLegendFont(LEGEND_FONT);
        st.setLegendBorderColor(Color.WHITE);
        st.setLegendBackgroundColor(Color.WHITE);
        st.setSeriesColors(PALETTE);
        st.setToolTipsAlwaysVisible(false);
    }

    // ---------------------------------------------------------------- SVG post-processing

    private static final Pattern URL_REF = Pattern.compile("url\\(#([^)]+)\\)");

    /** Parses the encoder's SVG document and re-serialises the root element for inlining. */
    static String inlineSvg(String svgDocument, String title, String idPrefix) {
        Document doc = parse(svgDocument);
        Element root = doc.getDocumentElement();
        // The encoder's ids are identity hash codes: hash the drawing without them so equal charts get equal text.
        String prefix = idPrefix != null ? idPrefix
                : "c" + hash(svgDocument.replaceAll("id=\"[^\"]*\"", "").replaceAll("url\\(#[^)]*\\)", ""));
        Map<String, String> ids = new HashMap<>();
        Element[] all = elements(doc.getElementsByTagName("*"));
        for (Element e : all) {
            if (e.hasAttribute("id")) {
                String fresh = prefix + "-" + ids.size();
                ids.put(e.getAttribute("id"), fresh);
                e.setAttribute("id", fresh);
            }
        }
        if (!ids.isEmpty()) {
            for (Element e : all) {
                NamedNodeMap attrs = e.getAttributes();
                for (int j = 0; j < attrs.getLength(); j++) {
                    Attr a = (Attr) attrs.item(j);
                    String v = a.getValue();
                    if (v.contains("url(#")) {
                        Matcher m = URL_REF.matcher(v);
                        a.setValue(m.replaceAll(r -> Matcher.quoteReplacement(
                                "url(#" + ids.getOrDefault(r.group(1), r.group(1)) + ")")));
                    } else if (v.startsWith("#") && ids.containsKey(v.substring(1))
                            && a.getLocalName() != null && a.getLocalName().equals("href")) {
                        a.setValue("#" + ids.get(v.substring(1)));
                    }
                }
            }
        }
        mergeLines(root);
        roundPathData(root);
        root.setAttribute("role", "img");
        if (!title.isEmpty()) {
            root.setAttribute("aria-label", title);
            Element t = doc.createElementNS(root.getNamespaceURI(), "title");
            t.setTextContent(title);
            root.insertBefore(t, root.getFirstChild());
        }
        return serialize(root);
    }

    /**
     * XChart draws a polyline as one {@code <line>} per segment (about 200 bytes each); runs of sibling lines
     * with the same attributes become one {@code <path>}, with coordinates rounded to 0.01 px. This keeps a
     * 4000-point series at tens of kilobytes instead of megabytes.
     */
    private static void mergeLines(Element parent) {
        Node child = parent.getFirstChild();
        while (child != null) {
            if (child instanceof Element e && e.getLocalName().equals("line")) {
                String key = lineKey(e);
                StringBuilder d = new StringBuilder();
                String lastX = null;
                String lastY = null;
                Node n = child;
                int count = 0;
                while (n instanceof Element le && le.getLocalName().equals("line") && lineKey(le).equals(key)) {
                    String x1 = coord(le.getAttribute("x1"));
                    String y1 = coord(le.getAttribute("y1"));
                    String x2 = coord(le.getAttribute("x2"));
                    String y2 = coord(le.getAttribute("y2"));
                    if (!(x1.equals(lastX) && y1.equals(lastY))) d.append(d.length() == 0 ? "M" : " M").append(x1)
                            .append(',').append(y1);
                    d.append(" L").append(x2).append(',').append(y2);
                    lastX = x2;
                    lastY = y2;
                    count++;
                    Node next = n.getNextSibling();
                    while (next != null && next.getNodeType() == Node.TEXT_NODE && next.getTextContent().isBlank()) {
                        next = next.getNextSibling();
                    }
                    n = next;
                }
                if (count > 1) {
                    Element path = parent.getOwnerDocument().createElementNS(e.getNamespaceURI(), "path");
                    NamedNodeMap attrs = e.getAttributes();
                    for (int i = 0; i < attrs.getLength(); i++) {
                        String name = attrs.item(i).getNodeName();
                        if (!LINE_COORDS.contains(name)) path.setAttribute(name, attrs.item(i).getNodeValue());
                    }
                    path.setAttribute("d", d.toString());
                    parent.insertBefore(path, child);
                    Node remove = child;
                    while (remove != n) {
                        Node next = remove.getNextSibling();
                        parent.removeChild(remove);
                        remove = next;
                    }
                }
                child = n;
            } else {
                if (child instanceof Element e) mergeLines(e);
                child = child.getNextSibling();
            }
        }
    }

    private static final Set<String> LINE_COORDS = Set.of("x1", "y1", "x2", "y2");
    private static final Pattern LONG_DECIMAL = Pattern.compile("-?\\d+\\.\\d{3,}");

    private static String lineKey(Element e) {
        StringBuilder k = new StringBuilder();
        NamedNodeMap attrs = e.getAttributes();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < attrs.getLength(); i++) {
            String name = attrs.item(i).getNodeName();
            if (!LINE_COORDS.contains(name)) parts.add(name + "=" + attrs.item(i).getNodeValue());
        }
        parts.sort(null);
        for (String p : parts) k.append(p).append('\n');
        return k.toString();
    }

    /** {@code v} rounded half-up to 0.01 and printed plainly without trailing zeros ("12.5", "-3", "0"). */
    static String coord(String v) {
        String fast = roundPlain(v, 2);
        if (fast != null) return fast;
        try {
            return tickLabelOf(new BigDecimal(v).setScale(2, RoundingMode.HALF_UP));
        } catch (NumberFormatException e) {
            return v;
        }
    }

    /**
     * Plain decimal text ({@code -?digits(.digits)?}) rounded half-up to {@code scale} decimals on its digits,
     * trailing zeros dropped, "0" for zero: what BigDecimal's setScale/stripTrailingZeros/toPlainString give,
     * without their cost (the SVG post-processing rounds every coordinate). Null for any other text.
     */
    static String roundPlain(String v, int scale) {
        int n = v.length();
        boolean neg = n > 0 && v.charAt(0) == '-';
        int start = neg ? 1 : 0;
        int dot = -1;
        for (int i = start; i < n; i++) {
            char c = v.charAt(i);
            if (c == '.' && dot < 0) dot = i;
            else if (c < '0' || c > '9') return null;
        }
        if (start >= n || dot == start || dot == n - 1) return null;
        int intEnd = dot < 0 ? n : dot;
        int fracLen = dot < 0 ? 0 : n - dot - 1;
        char[] d = new char[intEnd - start + scale];
        int k = 0;
        for (int i = start; i < intEnd; i++) d[k++] = v.charAt(i);
        for (int j = 0; j < scale; j++) d[k++] = j < fracLen ? v.charAt(dot + 1 + j) : '0';
        boolean carry = false;
        if (fracLen > scale && v.charAt(dot + 1 + scale) >= '5') {
            int i = d.length - 1;
            while (i >= 0 && d[i] == '9') d[i--] = '0';
            if (i >= 0) d[i]++;
            else carry = true;
        }
        int intLen = d.length - scale + (carry ? 1 : 0);
        StringBuilder b = new StringBuilder(d.length + 2);
        if (carry) b.append('1');
        b.append(d);
        int end = b.length();
        while (end > intLen && b.charAt(end - 1) == '0') end--;
        int lead = 0;
        while (lead < intLen - 1 && b.charAt(lead) == '0') lead++;
        if (lead == intLen - 1 && b.charAt(lead) == '0' && end == intLen) return "0";
        StringBuilder out = new StringBuilder(end - lead + 2);
        if (neg) out.append('-');
        out.append(b, lead, intLen);
        if (end > intLen) out.append('.').append(b, intLen, end);
        return out.toString();
    }

    private static String tickLabelOf(BigDecimal b) {
        return b.signum() == 0 ? "0" : b.stripTrailingZeros().toPlainString();
    }

    /** Rounds the long decimals in {@code d} attributes (glyph outlines, series paths) to 0.01 px. */
    /**
     * A snapshot of a live NodeList: every change to the document makes Xerces rescan a live list from its start,
     * so loops that modify the elements they walk turn quadratic (tens of seconds for a large capture's chart).
     */
    private static Element[] elements(NodeList live) {
        Element[] out = new Element[live.getLength()];
        for (int i = 0; i < out.length; i++) out[i] = (Element) live.item(i);
        return out;
    }

    private static void roundPathData(Element root) {
        for (Element p : elements(root.getElementsByTagNameNS("*", "path"))) {
            String d = p.getAttribute("d");
            p.setAttribute("d", LONG_DECIMAL.matcher(d).replaceAll(m -> coord(m.group())));
        }
        // Markers (ellipse, rect) carry full double coordinates: 0.01 px is finer than any display.
        for (String tag : new String[] {"ellipse", "rect", "circle"}) {
            for (Element e : elements(root.getElementsByTagNameNS("*", tag))) {
                for (String a : SHAPE_COORDS) {
                    String v = e.getAttribute(a);
                    if (!v.isEmpty() && LONG_DECIMAL.matcher(v).matches()) e.setAttribute(a, coord(v));
                }
            }
        }
    }

    private static final String[] SHAPE_COORDS = {"x", "y", "cx", "cy", "width", "height", "rx", "ry", "r"};

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("SVG encoder produced unparsable XML", e);
        }
    }

    /**
     * The element as XML text: elements, attributes (namespace declarations included), text and CDATA, in
     * document order, with {@code & < > "} escaped; comments and processing instructions left out. A few lines
     * instead of the JDK's identity transformer, whose generality cost a report's charts noticeable time.
     */
    static String serialize(Node node) {
        StringBuilder b = new StringBuilder(1 << 16);
        write(node, b);
        return b.toString();
    }

    private static void write(Node n, StringBuilder b) {
        switch (n.getNodeType()) {
            case Node.ELEMENT_NODE -> {
                Element e = (Element) n;
                String tag = e.getTagName();
                b.append('<').append(tag);
                NamedNodeMap attrs = e.getAttributes();
                for (int pass = 0; pass < 2; pass++) { // namespace declarations first, as the JDK's serialiser
                    for (int i = 0; i < attrs.getLength(); i++) {
                        Node a = attrs.item(i);
                        boolean xmlns = a.getNodeName().equals("xmlns") || a.getNodeName().startsWith("xmlns:");
                        if (xmlns != (pass == 0)) continue;
                        b.append(' ').append(a.getNodeName()).append("=\"");
                        escape(a.getNodeValue(), true, b);
                        b.append('"');
                    }
                }
                Node c = e.getFirstChild();
                if (c == null) {
                    b.append("/>");
                    return;
                }
                b.append('>');
                for (; c != null; c = c.getNextSibling()) write(c, b);
                b.append("</").append(tag).append('>');
            }
            case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> escape(n.getNodeValue(), false, b);
            default -> { } // comments, processing instructions: not needed to display
        }
    }

    private static void escape(String s, boolean attribute, StringBuilder b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append(attribute ? "&quot;" : "\"");
                case '\n' -> b.append(attribute ? "&#10;" : "\n");
                case '\r' -> b.append("&#13;");
                case '\t' -> b.append(attribute ? "&#9;" : "\t");
                default -> b.append(c);
            }
        }
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
