package org.mpcap.reports.chart;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Draws a {@link ChartSpec} as PNG, SVG or PDF, in one plain style: white background, light grid, no plot border,
 * sans-serif text of at least 12 px, axis titles with units (bytes and bit rates with the prefix that suits the
 * data's range), "nice" tick values (steps of 1, 2 or 5 × 10^k), a legend below the plot only when there is more
 * than one series, colour-blind-friendly colours. One layout ({@link Plot}) draws every format: SVG is written
 * directly as text, PDF directly as page operators ({@link PdfCanvas}, text as outlines), PNG through Java2D.
 *
 * <p>Before drawing, x/y series are reduced by {@link Downsampler} (so a chart never holds more than
 * {@code 2 × buckets} points per series; scatter series are first thinned to one marker per half-marker cell,
 * which leaves the drawing as it was) and points with a non-finite x are dropped. Box plots are drawn from the
 * statistics in the spec (Tukey whiskers and outliers are computed by the caller, from the analyzer).
 *
 * <p>Runs headless: nothing here needs a display (fonts come from the JDK's font configuration). Instances are
 * immutable and thread-safe.
 */
public final class ChartRenderer {
    /** Scatter markers are {@value #MARKER_SIZE} px wide. */
    static final int MARKER_SIZE = 4;
    /** Height of one small-multiple panel row, and of one timeline row, in pixels. */
    static final int PANEL_ROW_HEIGHT = 170;
    static final int TIMELINE_ROW_HEIGHT = 34;
    private final int buckets;

    /** A renderer that downsamples to {@link Downsampler#DEFAULT_BUCKETS} buckets per series. */
    public ChartRenderer() { this(Downsampler.DEFAULT_BUCKETS); }

    /** A renderer that downsamples x/y series to {@code buckets} buckets (at most 2 × buckets points). */
    public ChartRenderer(int buckets) {
        if (buckets < 2) throw new IllegalArgumentException("buckets must be >= 2, got " + buckets);
        this.buckets = buckets;
    }

    /**
     * The height a chart of this spec needs at {@code width} to stay readable, at least {@code height}: small
     * multiples get a panel row of {@value #PANEL_ROW_HEIGHT} px each, timelines a row per subflow.
     */
    public int preferredHeight(ChartSpec spec, int height) {
        return preferredHeight(spec, 960, height);
    }

    /** The smallest plot area a chart keeps, in px, however many legend rows it has. */
    static final int MIN_PLOT_HEIGHT = 150;

    /**
     * As {@link #preferredHeight(ChartSpec, int)} for a chart {@code width} wide, also taller when its legend
     * (one entry per series, wrapped in rows) would leave less than {@value #MIN_PLOT_HEIGHT} px to the plot
     * (the throughput of nine subflows in a 480 pt PDF kept an 84 px plot and cut its y axis title), and by the
     * key of small multiples whose full names do not fit their panels.
     */
    public int preferredHeight(ChartSpec spec, int width, int height) {
        int h = panelOrTimelineHeight(spec, height);
        double legend = Plot.legendHeight(spec, width);
        if (legend == 0) return h;
        if (spec.layout().panels()) return h + (int) Math.ceil(legend); // panels keep their rows, the key adds
        // padding, title, x tick labels and x title (bars: category labels), then the legend
        double around = 2 * Plot.PAD + (spec.title().isEmpty() ? 0 : 28) + 44 + legend;
        return Math.max(h, (int) Math.ceil(around + MIN_PLOT_HEIGHT));
    }

    private int panelOrTimelineHeight(ChartSpec spec, int height) {
        int n = spec.series().size();
        if (spec.layout().panels() && n > 1 && spec.kind() != ChartSpec.Kind.BAR
                && spec.kind() != ChartSpec.Kind.BAR_WITH_ERRORS && spec.kind() != ChartSpec.Kind.BOX) {
            int cols = panelColumns(n);
            int rows = (n + cols - 1) / cols;
            return Math.max(height, 110 + (spec.title().isEmpty() ? 0 : 28) + rows * PANEL_ROW_HEIGHT);
        }
        if (spec.kind() == ChartSpec.Kind.TIMELINE) {
            return Math.max(Math.min(height, 150 + 3 * TIMELINE_ROW_HEIGHT), 130 + (spec.title().isEmpty() ? 0 : 28)
                    + n * TIMELINE_ROW_HEIGHT);
        }
        return height;
    }

    /** Columns of small multiples for {@code n} panels: one up to 4, then 2, 3 and 4 (at most 3 rows up to 12). */
    static int panelColumns(int n) {
        return n <= 4 ? 1 : n <= 6 ? 2 : n <= 12 ? 3 : 4;
    }

    /**
     * The chart as a PNG image of {@code width × height} pixels.
     *
     * @throws IllegalArgumentException if width or height is not positive
     */
    public byte[] png(ChartSpec spec, int width, int height) {
        checkSize(width, height);
        ChartSpec p = prepare(spec, width, height);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            Plot.draw(p, width, height, new AwtCanvas(g));
        } finally {
            g.dispose();
        }
        return PngEncoder.encode(img);
    }

    /**
     * The chart as a one-page vector PDF of {@code width × height} points (1/72 in), text drawn as outlines so
     * that no font is needed: for {@code \includegraphics} in LaTeX. At 480 × 240 pt and scaled to a text width
     * of 345 pt, 12 px tick labels print at about 8.6 pt.
     */
    public byte[] pdf(ChartSpec spec, int width, int height) {
        checkSize(width, height);
        ChartSpec p = prepare(spec, width, height);
        PdfCanvas canvas = new PdfCanvas(width, height);
        Plot.draw(p, width, height, canvas);
        return canvas.document();
    }

    /**
     * The chart as an SVG element for inlining in HTML: no XML declaration or DOCTYPE, {@code role="img"}, a
     * {@code <title>} with the chart title, a viewBox (it scales with the page). Text is SVG text in the page's
     * sans-serif font. The same chart always gives the same text.
     */
    public String svg(ChartSpec spec, int width, int height) {
        return svg(spec, width, height, null);
    }

    /**
     * Like {@link #svg(ChartSpec, int, int)}. {@code idPrefix} (letters, digits, '-', '_', starting with a letter;
     * or null) is checked and kept for callers of the former XChart-based renderer, whose SVG defined ids: this
     * drawing defines none, so several charts on one page never clash.
     */
    public String svg(ChartSpec spec, int width, int height, String idPrefix) {
        if (idPrefix != null && !idPrefix.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("bad SVG id prefix: " + idPrefix);
        }
        checkSize(width, height);
        ChartSpec p = prepare(spec, width, height);
        StringBuilder body = new StringBuilder(1 << 14);
        SvgCanvas canvas = new SvgCanvas(body);
        Plot.draw(p, width, height, canvas);
        canvas.finish();
        StringBuilder b = new StringBuilder(body.length() + 512);
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append('"');
        b.append(" role=\"img\"");
        if (!spec.title().isEmpty()) {
            b.append(" aria-label=\"");
            SvgCanvas.escape(spec.title(), b);
            b.append('"');
        }
        b.append(" font-family=\"").append(SvgCanvas.FONT_FAMILY).append("\" font-size=\"12\" fill=\"")
                .append(SvgCanvas.hex(Plot.TEXT)).append("\">");
        if (!spec.title().isEmpty()) {
            b.append("<title>");
            SvgCanvas.escape(spec.title(), b);
            b.append("</title>");
        }
        b.append('\n').append(body).append("</svg>");
        return b.toString();
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("chart size " + width + "x" + height);
    }

    /**
     * The spec as drawn on a {@code width × height} chart: {@link #prepare(ChartSpec)}, and scatter series first
     * thinned to one point per half-marker cell ({@link Downsampler#thinToGrid}; the grid spans the whole chart
     * size over the data range, so a cell is smaller than half a marker of the plot area).
     */
    ChartSpec prepare(ChartSpec spec, int width, int height) {
        if (spec.kind() != ChartSpec.Kind.SCATTER || spec.series().isEmpty()) return prepare(spec);
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        boolean logX = spec.layout().logX(), logY = spec.layout().logY();
        for (ChartSpec.Series s : spec.series()) {
            for (int i = 0; i < s.size(); i++) {
                double x = s.x()[i], y = s.y()[i];
                if (!Double.isFinite(x) || !Double.isFinite(y)) continue;
                if ((logX && x <= 0) || (logY && y <= 0)) continue;
                x = logX ? Math.log10(x) : x;
                y = logY ? Math.log10(y) : y;
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
        for (ChartSpec.Series s : spec.series()) {
            if (!logX && !logY) {
                thin.add(Downsampler.thinToGrid(s, x0, x1, y0, y1, cols, rows));
                continue;
            }
            // Thin in the log space the points are drawn in, then map back.
            double[] lx = s.x().clone(), ly = s.y().clone();
            for (int i = 0; i < lx.length; i++) {
                if (logX) lx[i] = lx[i] > 0 ? Math.log10(lx[i]) : Double.NaN;
                if (logY) ly[i] = ly[i] > 0 ? Math.log10(ly[i]) : Double.NaN;
            }
            ChartSpec.Series t = Downsampler.thinToGrid(new ChartSpec.Series(s.name(), lx, ly), x0, x1, y0, y1, cols,
                    rows);
            double[] tx = t.x().clone(), ty = t.y().clone();
            for (int i = 0; i < tx.length; i++) {
                if (logX) tx[i] = Math.pow(10, tx[i]);
                if (logY) ty[i] = Math.pow(10, ty[i]);
            }
            thin.add(new ChartSpec.Series(s.name(), tx, ty));
        }
        return prepare(spec.withSeries(thin));
    }

    /** The spec as it is drawn: x/y series without non-finite x and downsampled. */
    ChartSpec prepare(ChartSpec spec) {
        switch (spec.kind()) {
            case BOX, BAR, BAR_WITH_ERRORS, TIMELINE -> {
                return spec;
            }
            default -> { }
        }
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

    /** A short content hash (for callers that want stable names). */
    static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
