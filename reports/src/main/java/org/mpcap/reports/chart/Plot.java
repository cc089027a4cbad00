package org.mpcap.reports.chart;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out and draws a prepared {@link ChartSpec} on a {@link Canvas}: title, axes with nice ticks and units,
 * grid, series, legend. One layout for every output format, so the PNG, the SVG and the PDF of a chart agree.
 */
final class Plot {
    static final Color TEXT = new Color(33, 33, 33);
    static final Color GRID = new Color(228, 228, 228);
    static final Color AXIS = new Color(110, 110, 110);
    static final Color MUTED = new Color(120, 120, 120);
    /** Okabe–Ito colour-blind-safe palette, black last (it reads as text). */
    static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
            new Color(0xD55E00), new Color(0x56B4E9), new Color(0xCC79A7), new Color(0xF0E442), Color.BLACK};
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font PANEL_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    static final double PAD = 12;
    static final double MARKER = ChartRenderer.MARKER_SIZE;
    private static final double LINE_WIDTH = 1.6;
    private static final double TICK_LEN = 4;
    /** Minimum pixels between the centres of two tick labels beyond their own width. */
    private static final double TICK_GAP = 18;

    private Plot() {}

    static Color colour(int i) { return PALETTE[Math.floorMod(i, PALETTE.length)]; }

    /** Dash length for series {@code i}: solid for the first palette round, dashed after (more than 8 series). */
    private static double dash(int i) { return i < PALETTE.length ? 0 : 5; }

    static void draw(ChartSpec p, double w, double h, Canvas c) {
        c.rect(0, 0, w, h, Color.WHITE, null);
        double top = PAD;
        if (!p.title().isEmpty()) {
            Font tf = fitFont(p.title(), TITLE_FONT, w - 2 * PAD);
            c.text(fit(p.title(), tf, w - 2 * PAD), w / 2, top + 15, tf, TEXT, Canvas.Align.MIDDLE, false);
            top += 28;
        }
        Frame f = new Frame(PAD, top, w - PAD, h - PAD);
        switch (p.kind()) {
            case LINE, SCATTER, STEP -> xy(p, f, c);
            case BAR, BAR_WITH_ERRORS -> bars(p, f, c);
            case BOX -> boxes(p, f, c);
            case TIMELINE -> timeline(p, f, c);
        }
    }

    /** The drawing area left for axes and plot. */
    private record Frame(double left, double top, double right, double bottom) {
        double width() { return right - left; }
        double height() { return bottom - top; }
    }

    // ------------------------------------------------------------------------------------------------ legend

    private record Entry(String name, Color colour, double dash, boolean marker) {}

    /**
     * The height the legend of {@code p} takes in a chart {@code width} wide (0 without a legend): the series
     * names of a chart with several series that are not drawn as panels (lines, scatter, steps, grouped bars).
     */
    static double legendHeight(ChartSpec p, double width) {
        boolean xy = p.kind() == ChartSpec.Kind.LINE || p.kind() == ChartSpec.Kind.SCATTER
                || p.kind() == ChartSpec.Kind.STEP;
        boolean bars = p.kind() == ChartSpec.Kind.BAR || p.kind() == ChartSpec.Kind.BAR_WITH_ERRORS;
        if (p.series().size() < 2 || !(bars || xy && (!p.layout().panels() || panelKey(p, width)))) return 0;
        List<Entry> entries = new ArrayList<>();
        for (ChartSpec.Series x : p.series()) entries.add(new Entry(x.name(), TEXT, 0, false));
        return legendHeight(entries, width - 2 * PAD);
    }

    /**
     * True if the panels of {@code p}, drawn {@code width} wide, are titled by their first word only ("flow1")
     * with a key below giving each full name ("flow1 10.0.1.6 → 10.0.4.7"): a full name does not fit its panel
     * even at the smallest font (nine subflows in a 480 pt PDF), and cut names would not tell the subflows apart.
     */
    static boolean panelKey(ChartSpec p, double width) {
        if (!p.layout().panels() || p.series().size() < 2) return false;
        int cols = ChartRenderer.panelColumns(p.series().size());
        // the panel width as xy() lays it out, with the y tick labels estimated at 40 px
        double plotLeft = PAD + 22 + 40 + 8, plotRight = width - PAD - 14, gap = cols > 1 ? 40 + 20 : 0;
        double panelW = (plotRight - plotLeft + gap) / cols - gap;
        for (ChartSpec.Series x : p.series()) {
            String name = x.name();
            if (name.indexOf(' ') > 0 && Canvas.textWidth(name, fitFont(name, PANEL_FONT, panelW)) > panelW) return true;
        }
        return false;
    }

    /** Lays out the legend rows at the bottom of {@code f}; returns its height (0 for no entries). */
    private static double legendHeight(List<Entry> entries, double width) {
        return legendRows(entries, width).size() * 20.0 + (entries.isEmpty() ? 0 : 8);
    }

    private static List<List<Entry>> legendRows(List<Entry> entries, double width) {
        List<List<Entry>> rows = new ArrayList<>();
        List<Entry> row = new ArrayList<>();
        double x = 0;
        for (Entry e : entries) {
            double ew = entryWidth(e);
            if (!row.isEmpty() && x + ew > width) {
                rows.add(row);
                row = new ArrayList<>();
                x = 0;
            }
            row.add(e);
            x += ew;
        }
        if (!row.isEmpty()) rows.add(row);
        return rows;
    }

    private static double entryWidth(Entry e) {
        return 24 + Canvas.textWidth(e.name(), LEGEND_FONT) + 20;
    }

    private static void legend(List<Entry> entries, double left, double width, double bottom, Canvas c) {
        List<List<Entry>> rows = legendRows(entries, width);
        double y = bottom - rows.size() * 20.0 + 14;
        for (List<Entry> row : rows) {
            double total = 0;
            for (Entry e : row) total += entryWidth(e);
            double x = left + Math.max(0, (width - total) / 2);
            for (Entry e : row) {
                if (e.marker()) {
                    c.markers(new double[] {x + 9}, new double[] {y - 4}, 1, e.colour(), 7, false);
                } else {
                    c.polyline(new double[] {x, x + 18}, new double[] {y - 4, y - 4}, 2, e.colour(), 2.5, e.dash());
                }
                c.text(e.name(), x + 24, y, LEGEND_FONT, TEXT, Canvas.Align.START, false);
                x += entryWidth(e);
            }
            y += 20;
        }
    }

    // ------------------------------------------------------------------------------------------------ x/y

    private static void xy(ChartSpec p, Frame f, Canvas c) {
        List<ChartSpec.Series> series = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < p.series().size(); i++) {
            series.add(p.series().get(i));
            index.add(i);
        }
        boolean panels = p.layout().panels() && series.size() > 1;
        boolean logX = p.layout().logX(), logY = p.layout().logY();
        double[] xr = range(series, true, logX), yr = range(series, false, logY);
        Object[] xp = Axis.prefix(p.xUnit(), Math.max(Math.abs(xr[0]), Math.abs(xr[1])));
        Object[] yp = Axis.prefix(p.yUnit(), Math.max(Math.abs(yr[0]), Math.abs(yr[1])));
        double xf = (Double) xp[0], yf = (Double) yp[0];
        String xTitle = ChartSpec.axisTitle(p.xLabel(), (String) xp[1]);
        String yTitle = ChartSpec.axisTitle(p.yLabel(), (String) yp[1]);

        boolean key = panels && panelKey(p, f.width() + 2 * PAD);
        List<Entry> entries = new ArrayList<>();
        if (!panels && series.size() > 1 || key) {
            for (int i = 0; i < series.size(); i++) {
                entries.add(new Entry(series.get(i).name(), colour(i), dash(i), p.kind() == ChartSpec.Kind.SCATTER));
            }
        }
        double legendH = legendHeight(entries, f.width());
        int cols = panels ? ChartRenderer.panelColumns(series.size()) : 1;
        int rows = panels ? (series.size() + cols - 1) / cols : 1;
        double panelTitle = panels ? 18 : 0;
        double plotBottom = f.bottom() - legendH - 22 - 18; // x title, x tick labels
        double plotTop = f.top() + 4;
        double cellH = (plotBottom - plotTop) / rows;
        double plotH = cellH - panelTitle - (panels && rows > 1 ? 22 : 0);
        boolean zeroY = !logY && yr[0] >= 0;
        Axis ya = logY ? Axis.logarithmic(yr[0] * yf, yr[1] * yf, yf, (String) yp[1])
                : Axis.linear(yr[0] * yf, yr[1] * yf, Math.max(2, (int) (plotH / 32) + 1), zeroY, yf, (String) yp[1]);
        double yTickW = maxWidth(ya.labels(), TICK_FONT);
        double plotLeft = f.left() + 22 + yTickW + 8;
        double plotRight = f.right() - 14;
        double gap = cols > 1 ? yTickW + 20 : 0; // room for the next panel's y tick labels
        double cellW = (plotRight - plotLeft + gap) / cols;
        double plotW = cellW - gap;
        Axis xa = xAxis(xr, xf, (String) xp[1], logX, plotW, p.kind() == ChartSpec.Kind.LINE
                || p.kind() == ChartSpec.Kind.STEP);

        for (int k = 0; k < rows * cols && (k == 0 || panels); k++) {
            int row = k / cols, col = k % cols;
            double x0 = plotLeft + col * cellW, y0 = plotTop + row * cellH + panelTitle;
            double x1 = x0 + plotW, y1 = y0 + plotH;
            boolean hasSeries = !panels || k < series.size();
            if (!hasSeries) continue;
            boolean bottomRow = !panels || k + cols >= series.size();
            grid(xa, ya, x0, y0, x1, y1, c, true, col == 0, bottomRow);
            if (panels) {
                String name = series.get(k).name();
                if (key && name.indexOf(' ') > 0) name = name.substring(0, name.indexOf(' ')); // full name in the key
                Font pf = fitFont(name, PANEL_FONT, plotW);
                c.text(fit(name, pf, plotW), x0, y0 - 6, pf, colour(index.get(k)), Canvas.Align.START, false);
                drawSeries(p.kind(), series.get(k), index.get(k), xa, ya, x0, y0, x1, y1, c);
            } else {
                for (int i = 0; i < series.size(); i++) {
                    drawSeries(p.kind(), series.get(i), i, xa, ya, x0, y0, x1, y1, c);
                }
            }
        }
        double xTitleY = plotBottom + 18 + 18;
        axisTitle(xTitle, (plotLeft + plotRight) / 2, xTitleY, plotRight - plotLeft, false, c);
        axisTitle(yTitle, f.left() + 14, (plotTop + plotBottom) / 2, plotBottom - plotTop, true, c);
        legend(entries, f.left(), f.width(), f.bottom(), c);
    }

    /** An x axis whose tick labels fit the plot width. */
    private static Axis xAxis(double[] r, double factor, String unit, boolean log, double plotW, boolean zero) {
        if (log) return Axis.logarithmic(r[0] * factor, r[1] * factor, factor, unit);
        int max = Math.max(3, (int) (plotW / 50) + 1);
        Axis a = Axis.linear(r[0] * factor, r[1] * factor, max, false, factor, unit);
        while (max > 3 && (maxWidth(a.labels(), TICK_FONT) + TICK_GAP) * a.ticks().length > plotW + TICK_GAP) {
            max--;
            a = Axis.linear(r[0] * factor, r[1] * factor, max, false, factor, unit);
        }
        return a;
    }

    /** {min, max} of the finite (positive when log) x or y values of all series; NaN when none. */
    private static double[] range(List<ChartSpec.Series> series, boolean x, boolean log) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (ChartSpec.Series s : series) {
            double[] v = x ? s.x() : s.y();
            double[] e = x ? null : s.yError();
            for (int i = 0; i < v.length; i++) {
                double a = v[i];
                if (!Double.isFinite(a)) continue;
                double d = e == null || !Double.isFinite(e[i]) ? 0 : Math.abs(e[i]);
                double a0 = a - d, a1 = a + d;
                if (log) {
                    if (a1 <= 0) continue;
                    if (a0 <= 0) a0 = a;
                    if (a0 <= 0) a0 = a1;
                }
                lo = Math.min(lo, a0);
                hi = Math.max(hi, a1);
            }
        }
        return lo > hi ? new double[] {Double.NaN, Double.NaN} : new double[] {lo, hi};
    }

    private static void grid(Axis xa, Axis ya, double x0, double y0, double x1, double y1, Canvas c,
            boolean xGrid, boolean yLabels, boolean xLabels) {
        int n = ya.ticks().length;
        // Labels of every k-th tick when they would touch (log axes over many decades in small panels).
        int every = 1;
        while (n > 1 && (y1 - y0) / (n - 1) * every < 15) every++;
        // Grid lines first, then tick marks and axis lines, then labels: the same picture as drawing each tick's
        // pieces together, but lines of one colour come in a row, which the SVG canvas writes as one path.
        int nx = xa == null ? 0 : xa.ticks().length;
        for (int i = 0; i < n; i++) {
            double y = y1 - ya.fraction(ya.ticks()[i]) * (y1 - y0);
            c.line(x0, y, x1, y, GRID, 1);
        }
        if (xGrid) {
            for (int i = 0; i < nx; i++) {
                double x = x0 + xa.fraction(xa.ticks()[i]) * (x1 - x0);
                c.line(x, y0, x, y1, GRID, 1);
            }
        }
        for (int i = 0; i < n; i++) {
            double y = y1 - ya.fraction(ya.ticks()[i]) * (y1 - y0);
            c.line(x0 - TICK_LEN, y, x0, y, AXIS, 1);
        }
        for (int i = 0; i < nx; i++) {
            double x = x0 + xa.fraction(xa.ticks()[i]) * (x1 - x0);
            c.line(x, y1, x, y1 + TICK_LEN, AXIS, 1);
        }
        c.line(x0, y1, x1, y1, AXIS, 1);
        c.line(x0, y0, x0, y1, AXIS, 1);
        for (int i = 0; i < n; i++) {
            double y = y1 - ya.fraction(ya.ticks()[i]) * (y1 - y0);
            if (yLabels && (n - 1 - i) % every == 0) {
                c.text(ya.labels().get(i), x0 - TICK_LEN - 3, y + 4, TICK_FONT, TEXT, Canvas.Align.END, false);
            }
        }
        if (xLabels) {
            for (int i = 0; i < nx; i++) {
                double x = x0 + xa.fraction(xa.ticks()[i]) * (x1 - x0);
                c.text(xa.labels().get(i), x, y1 + TICK_LEN + 13, TICK_FONT, TEXT, Canvas.Align.MIDDLE, false);
            }
        }
    }

    private static void drawSeries(ChartSpec.Kind kind, ChartSpec.Series s, int i, Axis xa, Axis ya, double x0,
            double y0, double x1, double y1, Canvas c) {
        int n = s.size();
        if (n == 0) return;
        boolean step = kind == ChartSpec.Kind.STEP;
        int m = step ? 2 * n - 1 : n;
        double[] px = new double[m], py = new double[m];
        for (int k = 0, j = 0; k < n; k++) {
            double x = map(xa, s.x()[k], x0, x1, false), y = map(ya, s.y()[k], y1, y0, true);
            if (step && k > 0) {
                px[j] = x;
                py[j] = py[j - 1];
                j++;
            }
            px[j] = x;
            py[j] = y;
            j++;
        }
        if (kind == ChartSpec.Kind.SCATTER) c.markers(px, py, m, colour(i), MARKER, false);
        else c.polyline(px, py, m, colour(i), LINE_WIDTH, dash(i));
    }

    /** Data value → canvas coordinate between a (axis lo) and b (axis hi); NaN for values the axis cannot show. */
    private static double map(Axis a, double v, double from, double to, boolean yAxis) {
        if (!Double.isFinite(v)) return Double.NaN;
        double s = v * a.factor();
        if (a.log() && s <= 0) return Double.NaN;
        return from + a.fraction(s) * (to - from);
    }

    // ------------------------------------------------------------------------------------------------ bars

    private static void bars(ChartSpec p, Frame f, Canvas c) {
        List<String> cats = p.categories();
        List<ChartSpec.Series> series = p.series();
        double[] yr = range(series, false, false);
        Object[] yp = Axis.prefix(p.yUnit(), Math.max(Math.abs(yr[0]), Math.abs(yr[1])));
        double yf = (Double) yp[0];
        List<Entry> entries = new ArrayList<>();
        if (series.size() > 1) for (int i = 0; i < series.size(); i++) entries.add(new Entry(series.get(i).name(),
                colour(i), 0, false));
        double legendH = legendHeight(entries, f.width());
        double catW = maxWidth(cats, TICK_FONT);
        Axis probe = Axis.linear(yr[0] * yf, yr[1] * yf, 6, true, yf, (String) yp[1]);
        double plotLeft = f.left() + 22 + maxWidth(probe.labels(), TICK_FONT) + 8;
        double plotRight = f.right() - 8;
        double band = cats.isEmpty() ? 1 : (plotRight - plotLeft) / cats.size();
        boolean vertical = catW + 6 > band;
        double catH = vertical ? Math.min(catW, f.height() * 0.35) + 8 : 18;
        double plotTop = f.top() + 4;
        double plotBottom = f.bottom() - legendH - 22 - catH;
        Axis ya = Axis.linear(yr[0] * yf, yr[1] * yf, Math.max(2, (int) ((plotBottom - plotTop) / 45) + 1), true,
                yf, (String) yp[1]);
        grid(null, ya, plotLeft, plotTop, plotRight, plotBottom, c, false, true, false);
        double group = band * 0.7;
        double barW = series.isEmpty() ? group : group / series.size();
        for (int k = 0; k < cats.size(); k++) {
            double cx = plotLeft + band * (k + 0.5);
            if (vertical) {
                c.text(fit(cats.get(k), TICK_FONT, catH - 8), cx + 4, plotBottom + 8, TICK_FONT, TEXT,
                        Canvas.Align.END, true);
            } else {
                c.text(cats.get(k), cx, plotBottom + 16, TICK_FONT, TEXT, Canvas.Align.MIDDLE, false);
            }
            for (int i = 0; i < series.size(); i++) {
                ChartSpec.Series s = series.get(i);
                double v = s.y()[k];
                if (!Double.isFinite(v)) continue;
                double bx = cx - group / 2 + i * barW;
                double yv = map(ya, v, plotBottom, plotTop, true), y0 = map(ya, 0, plotBottom, plotTop, true);
                c.rect(bx + 0.5, Math.min(yv, y0), Math.max(0.5, barW - 1), Math.abs(y0 - yv), colour(i), null);
                if (s.yError() != null && Double.isFinite(s.yError()[k]) && s.yError()[k] > 0) {
                    double e = s.yError()[k];
                    double ex = bx + barW / 2;
                    double ylo = map(ya, v - e, plotBottom, plotTop, true), yhi = map(ya, v + e, plotBottom, plotTop,
                            true);
                    double cap = Math.min(8, barW / 3);
                    c.line(ex, ylo, ex, yhi, TEXT, 1.2);
                    c.line(ex - cap, ylo, ex + cap, ylo, TEXT, 1.2);
                    c.line(ex - cap, yhi, ex + cap, yhi, TEXT, 1.2);
                }
            }
        }
        c.line(plotLeft, plotBottom, plotRight, plotBottom, AXIS, 1);
        c.text(p.xAxisTitle(), (plotLeft + plotRight) / 2, plotBottom + catH + 18, AXIS_TITLE_FONT, TEXT,
                Canvas.Align.MIDDLE, false);
        c.text(ChartSpec.axisTitle(p.yLabel(), (String) yp[1]), f.left() + 14, (plotTop + plotBottom) / 2,
                AXIS_TITLE_FONT, TEXT, Canvas.Align.MIDDLE, true);
        legend(entries, f.left(), f.width(), f.bottom(), c);
    }

    // ------------------------------------------------------------------------------------------------ boxes

    private static void boxes(ChartSpec p, Frame f, Canvas c) {
        List<ChartSpec.Box> boxes = p.boxes();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (ChartSpec.Box b : boxes) {
            lo = Math.min(lo, b.lowerWhisker());
            hi = Math.max(hi, b.upperWhisker());
            for (double o : b.outliers()) {
                lo = Math.min(lo, o);
                hi = Math.max(hi, o);
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        Object[] yp = Axis.prefix(p.yUnit(), Math.max(Math.abs(lo), Math.abs(hi)));
        double yf = (Double) yp[0];
        double span = hi - lo;
        double pad = span > 0 ? span * 0.05 : Math.max(Math.abs(hi) * 0.05, 1e-9);
        double plotTop = f.top() + 4;
        double plotBottom = f.bottom() - 22 - 34;
        Axis ya = Axis.linear((lo - pad) * yf, (hi + pad) * yf, Math.max(2, (int) ((plotBottom - plotTop) / 45) + 1),
                false, yf, (String) yp[1]);
        double plotLeft = f.left() + 22 + maxWidth(ya.labels(), TICK_FONT) + 8;
        double plotRight = f.right() - 8;
        grid(null, ya, plotLeft, plotTop, plotRight, plotBottom, c, false, true, false);
        double band = boxes.isEmpty() ? 1 : (plotRight - plotLeft) / boxes.size();
        double bw = Math.min(band * 0.5, 120);
        for (int k = 0; k < boxes.size(); k++) {
            ChartSpec.Box b = boxes.get(k);
            double cx = plotLeft + band * (k + 0.5);
            Color col = colour(k);
            double yq1 = map(ya, b.q1(), plotBottom, plotTop, true), yq3 = map(ya, b.q3(), plotBottom, plotTop, true);
            double ylw = map(ya, b.lowerWhisker(), plotBottom, plotTop, true);
            double yuw = map(ya, b.upperWhisker(), plotBottom, plotTop, true);
            double ymed = map(ya, b.median(), plotBottom, plotTop, true);
            c.line(cx, yq3, cx, yuw, TEXT, 1.2);
            c.line(cx, yq1, cx, ylw, TEXT, 1.2);
            c.line(cx - bw / 4, yuw, cx + bw / 4, yuw, TEXT, 1.2);
            c.line(cx - bw / 4, ylw, cx + bw / 4, ylw, TEXT, 1.2);
            c.rect(cx - bw / 2, yq3, bw, Math.max(0.5, yq1 - yq3), tint(col), TEXT);
            c.line(cx - bw / 2, ymed, cx + bw / 2, ymed, TEXT, 2.5);
            double[] ox = new double[b.outliers().length], oy = new double[ox.length];
            for (int i = 0; i < ox.length; i++) {
                ox[i] = cx;
                oy[i] = map(ya, b.outliers()[i], plotBottom, plotTop, true);
            }
            c.markers(ox, oy, ox.length, col, 7, true);
            c.text(fit(b.name(), TICK_FONT, band - 4), cx, plotBottom + 16, TICK_FONT, TEXT, Canvas.Align.MIDDLE,
                    false);
            c.text("n = " + b.n(), cx, plotBottom + 31, TICK_FONT, MUTED, Canvas.Align.MIDDLE, false);
        }
        c.line(plotLeft, plotBottom, plotRight, plotBottom, AXIS, 1);
        c.text(p.xAxisTitle(), (plotLeft + plotRight) / 2, plotBottom + 34 + 18, AXIS_TITLE_FONT, TEXT,
                Canvas.Align.MIDDLE, false);
        c.text(ChartSpec.axisTitle(p.yLabel(), (String) yp[1]), f.left() + 14, (plotTop + plotBottom) / 2,
                AXIS_TITLE_FONT, TEXT, Canvas.Align.MIDDLE, true);
    }

    private static Color tint(Color c) {
        return new Color((c.getRed() + 3 * 255) / 4, (c.getGreen() + 3 * 255) / 4, (c.getBlue() + 3 * 255) / 4);
    }

    // ------------------------------------------------------------------------------------------------ timeline

    /**
     * Two panels sharing one row per subflow. Left: the establishment phase, in ms (or s) since the first SYN,
     * from 0 to the last "established" — SYN as an open circle, the handshake as a thick line, established as a
     * filled circle — so that joins a fraction of a millisecond apart are told apart. Right: each subflow's whole
     * life on the capture's time axis, first SYN to last packet.
     */
    private static void timeline(ChartSpec p, Frame f, Canvas c) {
        List<ChartSpec.Series> rows = p.series();
        double t0 = Double.POSITIVE_INFINITY, estMax = Double.NEGATIVE_INFINITY, endMax = Double.NEGATIVE_INFINITY;
        double startMin = Double.POSITIVE_INFINITY;
        for (ChartSpec.Series s : rows) {
            double[] x = s.x();
            if (Double.isFinite(x[0])) {
                t0 = Math.min(t0, x[0]);
                startMin = Math.min(startMin, x[0]);
            }
            for (double v : x) if (Double.isFinite(v)) endMax = Math.max(endMax, v);
            double e = Double.isFinite(x[1]) ? x[1] : x[0];
            if (Double.isFinite(e)) estMax = Math.max(estMax, e);
        }
        if (!Double.isFinite(t0)) {
            t0 = 0;
            estMax = 1;
            endMax = 1;
        }
        double estSpan = estMax - t0;
        boolean ms = estSpan < 1;
        double ef = ms ? 1000 : 1;
        double legendH = 28;
        Font rowFont = TICK_FONT;
        for (ChartSpec.Series r : rows) rowFont = smaller(rowFont, fitFont(r.name(), TICK_FONT, f.width() * 0.3));
        double labelW = Math.min(maxWidth(names(rows), rowFont), f.width() * 0.3);
        double plotTop = f.top() + 22;
        double plotBottom = f.bottom() - legendH - 22 - 18;
        double left = f.left() + labelW + 10;
        double gap = 36;
        double wA = (f.right() - 14 - left - gap) * 0.45, wB = (f.right() - 14 - left - gap) - wA;
        double ax0 = left, ax1 = left + wA, bx0 = ax1 + gap, bx1 = bx0 + wB;
        Axis aa = xAxis(new double[] {0, estSpan > 0 ? estSpan * 1.08 : 1e-3}, ef, ms ? "ms" : "s", false, wA, true);
        aa = Axis.linear(0, aa.hi(), aa.ticks().length, true, ef, ms ? "ms" : "s");
        Axis ba = xAxis(new double[] {Math.min(0, startMin), endMax}, 1, "s", false, wB, true);
        ba = Axis.linear(Math.min(0, startMin), ba.hi(), ba.ticks().length, true, 1, "s");
        double rowH = rows.isEmpty() ? 1 : (plotBottom - plotTop) / rows.size();
        Axis none = new Axis(0, 1, new double[0], List.of(), false, 1, "");
        grid(aa, none, ax0, plotTop, ax1, plotBottom, c, true, false, true);
        grid(ba, none, bx0, plotTop, bx1, plotBottom, c, true, false, true);
        c.text("establishment", ax0, plotTop - 8, PANEL_FONT, TEXT, Canvas.Align.START, false);
        c.text("lifetime", bx0, plotTop - 8, PANEL_FONT, TEXT, Canvas.Align.START, false);
        double stroke = Math.max(2, Math.min(8, rowH * 0.35));
        for (int k = 0; k < rows.size(); k++) {
            ChartSpec.Series s = rows.get(k);
            double y = plotTop + rowH * (k + 0.5);
            Color col = colour(k);
            c.text(fit(s.name(), rowFont, labelW), left - 8, y + 4, rowFont, TEXT, Canvas.Align.END, false);
            c.line(ax0, y, ax1, y, GRID, 1);
            double start = s.x()[0], est = s.x()[1], end = s.x()[2];
            double xs = map(aa, start - t0, ax0, ax1, false);
            double xe = Double.isFinite(est) ? map(aa, est - t0, ax0, ax1, false) : Double.NaN;
            if (Double.isFinite(xe)) {
                c.line(xe, y, ax1, y, col, 1.2); // alive past the end of the panel
                c.line(xs, y, xe, y, col, stroke);
                c.markers(new double[] {xe}, new double[] {y}, 1, col, stroke + 5, false);
            }
            c.markers(new double[] {xs}, new double[] {y}, 1, Double.isFinite(xe) ? col : MUTED, stroke + 5, true);
            if (!Double.isFinite(xe) && Double.isFinite(xs)) {
                c.text("not established", xs + stroke + 6, y + 4, TICK_FONT, MUTED, Canvas.Align.START, false);
            }
            double bs = map(ba, start, bx0, bx1, false), be = map(ba, Double.isFinite(end) ? end : start, bx0, bx1,
                    false);
            if (Double.isFinite(bs) && Double.isFinite(be)) {
                c.rect(bs, y - stroke / 2, Math.max(1.5, be - bs), stroke, Double.isFinite(est) ? col : MUTED, null);
            }
        }
        double ty = plotBottom + 18 + 18;
        axisTitle(ms ? "time since first SYN (ms)" : "time since first SYN (s)", (ax0 + ax1) / 2, ty, wA + gap - 8,
                false, c);
        axisTitle(p.xAxisTitle(), (bx0 + bx1) / 2, ty, wB, false, c);
        // Legend: the marker shapes used above.
        double ly = f.bottom() - 8;
        double lx = f.left() + f.width() / 2 - 150;
        c.markers(new double[] {lx}, new double[] {ly - 4}, 1, TEXT, 9, true);
        c.text("SYN", lx + 10, ly, LEGEND_FONT, TEXT, Canvas.Align.START, false);
        c.line(lx + 50, ly - 4, lx + 80, ly - 4, TEXT, 4);
        c.text("handshake", lx + 86, ly, LEGEND_FONT, TEXT, Canvas.Align.START, false);
        c.markers(new double[] {lx + 170}, new double[] {ly - 4}, 1, TEXT, 9, false);
        c.text("established", lx + 180, ly, LEGEND_FONT, TEXT, Canvas.Align.START, false);
    }

    private static List<String> names(List<ChartSpec.Series> s) {
        List<String> out = new ArrayList<>();
        for (ChartSpec.Series x : s) out.add(x.name());
        return out;
    }

    // ------------------------------------------------------------------------------------------------ text

    /** An axis title centred at (x, y), in a smaller font (down to 10 px) when it would not fit {@code room}. */
    private static void axisTitle(String s, double x, double y, double room, boolean vertical, Canvas c) {
        Font f = fitFont(s, AXIS_TITLE_FONT, room);
        c.text(fit(s, f, room), x, y, f, TEXT, Canvas.Align.MIDDLE, vertical);
    }

    /** {@code f}, or the same font down to {@value #MIN_FONT} px, the largest in which {@code s} fits. */
    static Font fitFont(String s, Font f, double width) {
        Font g = f;
        while (g.getSize() > MIN_FONT && Canvas.textWidth(s, g) > width) g = g.deriveFont((float) g.getSize() - 1);
        return g;
    }

    private static final int MIN_FONT = 10;

    private static Font smaller(Font a, Font b) { return a.getSize() <= b.getSize() ? a : b; }

    static double maxWidth(List<String> labels, Font f) {
        double m = 0;
        for (String l : labels) m = Math.max(m, Canvas.textWidth(l, f));
        return m;
    }

    /** {@code s}, cut with "…" to fit {@code width}. */
    static String fit(String s, Font f, double width) {
        if (Canvas.textWidth(s, f) <= width) return s;
        int n = s.length();
        while (n > 1 && Canvas.textWidth(s.substring(0, n) + "…", f) > width) n--;
        return s.substring(0, n) + "…";
    }
}
