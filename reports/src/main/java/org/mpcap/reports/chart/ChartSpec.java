package org.mpcap.reports.chart;

import java.util.List;
import java.util.Objects;

/**
 * What a chart shows, independent of how it is drawn: kind, title, axis labels with units, the data and how the
 * axes are laid out. The content (which series, named how — interfaces by address) and every statistic (box-plot
 * quartiles and whiskers) are decided by the caller; {@link ChartRenderer} only draws. Arrays are not copied:
 * callers must not modify them after building the spec.
 *
 * <p>Units: a unit of {@code "B"} (bytes) or {@code "bit/s"} means the data is given in that base unit and the
 * renderer picks the decimal prefix from the data's range (B, kB, MB, GB, TB with 1 kB = 1000 B; bit/s, kbit/s,
 * Mbit/s, Gbit/s), scaling the values and writing the chosen unit in the axis title. Any other unit is drawn as
 * given.
 *
 * @param kind       how series are drawn
 * @param title      chart title, may be ""
 * @param xLabel     x axis quantity, e.g. "time since first packet"
 * @param xUnit      x axis unit, e.g. "s", or "" (the axis title reads "label (unit)")
 * @param yLabel     y axis quantity
 * @param yUnit      y axis unit or ""
 * @param categories for BAR, BAR_WITH_ERRORS: one label per bar group; each series' {@code y} (and {@code yError})
 *                   has one value per category and {@code x} is ignored. Empty otherwise.
 * @param series     the series (LINE, SCATTER, STEP, BAR, BAR_WITH_ERRORS, TIMELINE); empty for BOX
 * @param boxes      for BOX: one box per group, statistics computed by the caller; empty otherwise
 * @param layout     axis scales and small multiples
 */
public record ChartSpec(Kind kind, String title, String xLabel, String xUnit, String yLabel, String yUnit,
        List<String> categories, List<Series> series, List<Box> boxes, Layout layout) {

    /** How the data is drawn. */
    public enum Kind {
        /** Points joined by straight lines, no markers (e.g. cumulative bytes over time). */
        LINE,
        /** Markers only (e.g. RTT samples over time or sequence number). */
        SCATTER,
        /** A step function: the value holds until the next x (e.g. counters, empirical CDFs). */
        STEP,
        /** Bars per category, one colour per series. */
        BAR,
        /** Bars per category with ± yError whiskers (e.g. mean ± standard deviation). */
        BAR_WITH_ERRORS,
        /** One Tukey box-and-whisker per {@link Box}, outliers as points. */
        BOX,
        /**
         * One row per series: {@code x} holds three times, {@code {start, established, end}} (established NaN
         * when it never was). Drawn as two panels sharing the rows: the establishment phase on a scale that shows
         * sub-millisecond intervals, and the whole lifetime.
         */
        TIMELINE
    }

    /**
     * How the axes are laid out.
     *
     * @param logX   logarithmic x axis (non-positive values are not drawn)
     * @param logY   logarithmic y axis (non-positive values are not drawn)
     * @param panels one panel per series (small multiples) with shared x and y axes, instead of all series on one
     *               plot; for LINE, SCATTER and STEP
     */
    public record Layout(boolean logX, boolean logY, boolean panels) {
        /** Linear axes, one plot. */
        public static final Layout PLAIN = new Layout(false, false, false);

        /** This layout with a logarithmic y axis when {@code log}. */
        public Layout withLogY(boolean log) { return new Layout(logX, log, panels); }

        /** This layout with a logarithmic x axis when {@code log}. */
        public Layout withLogX(boolean log) { return new Layout(log, logY, panels); }

        /** This layout with (or without) small multiples. */
        public Layout withPanels(boolean p) { return new Layout(logX, logY, p); }
    }

    /**
     * One data series.
     *
     * @param name   legend text (e.g. the interface address {@code 10.0.1.6})
     * @param x      x values (monotone for LINE/STEP; ignored for bars, may then be null)
     * @param y      y values, same length as x (for bars: one per category); NaN = no value
     * @param yError error half-width per point (same length as y), or null for none
     */
    public record Series(String name, double[] x, double[] y, double[] yError) {
        public Series {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(y, "y");
            if (x != null && x.length != y.length) {
                throw new IllegalArgumentException(name + ": " + x.length + " x values for " + y.length + " y values");
            }
            if (yError != null && yError.length != y.length) {
                throw new IllegalArgumentException(name + ": " + yError.length + " errors for " + y.length + " values");
            }
        }

        /** A series without error bars. */
        public Series(String name, double[] x, double[] y) { this(name, x, y, null); }

        /** Number of points. */
        public int size() { return y.length; }
    }

    /**
     * One box of a box plot (Tukey: whiskers at the most extreme observations within 1.5·IQR of the quartiles).
     *
     * @param name         group label under the box
     * @param n            observations
     * @param q1           first quartile
     * @param median       median
     * @param q3           third quartile
     * @param lowerWhisker lower whisker end (an observation)
     * @param upperWhisker upper whisker end (an observation)
     * @param outliers     observations beyond the whiskers, drawn as points
     */
    public record Box(String name, int n, double q1, double median, double q3, double lowerWhisker,
            double upperWhisker, double[] outliers) {
        public Box {
            Objects.requireNonNull(name, "name");
            outliers = outliers == null ? new double[0] : outliers;
        }
    }

    public ChartSpec {
        Objects.requireNonNull(kind, "kind");
        title = title == null ? "" : title;
        xLabel = xLabel == null ? "" : xLabel;
        xUnit = xUnit == null ? "" : xUnit;
        yLabel = yLabel == null ? "" : yLabel;
        yUnit = yUnit == null ? "" : yUnit;
        categories = categories == null ? List.of() : List.copyOf(categories);
        series = series == null ? List.of() : List.copyOf(series);
        boxes = boxes == null ? List.of() : List.copyOf(boxes);
        layout = layout == null ? Layout.PLAIN : layout;
        boolean bars = kind == Kind.BAR || kind == Kind.BAR_WITH_ERRORS;
        for (Series s : series) {
            if (bars && s.size() != categories.size()) {
                throw new IllegalArgumentException(s.name() + ": " + s.size() + " values for " + categories.size()
                        + " categories");
            }
            if (!bars && s.x() == null) throw new IllegalArgumentException(s.name() + ": x values required");
            if (kind == Kind.TIMELINE && s.size() != 3) {
                throw new IllegalArgumentException(s.name() + ": a timeline row needs {start, established, end}");
            }
        }
    }

    /** A chart with the plain layout. */
    public ChartSpec(Kind kind, String title, String xLabel, String xUnit, String yLabel, String yUnit,
            List<String> categories, List<Series> series, List<Box> boxes) {
        this(kind, title, xLabel, xUnit, yLabel, yUnit, categories, series, boxes, Layout.PLAIN);
    }

    /** An x/y chart (LINE, SCATTER or STEP). */
    public static ChartSpec xy(Kind kind, String title, String xLabel, String xUnit, String yLabel, String yUnit,
            List<Series> series) {
        if (kind != Kind.LINE && kind != Kind.SCATTER && kind != Kind.STEP) {
            throw new IllegalArgumentException(kind + " is not an x/y kind");
        }
        return new ChartSpec(kind, title, xLabel, xUnit, yLabel, yUnit, List.of(), series, List.of());
    }

    /** A bar chart; BAR_WITH_ERRORS when any series has errors. */
    public static ChartSpec bars(String title, String xLabel, String yLabel, String yUnit, List<String> categories,
            List<Series> series) {
        boolean errors = series.stream().anyMatch(s -> s.yError() != null);
        return new ChartSpec(errors ? Kind.BAR_WITH_ERRORS : Kind.BAR, title, xLabel, "", yLabel, yUnit, categories,
                series, List.of());
    }

    /** A box plot, one box per group. */
    public static ChartSpec box(String title, String xLabel, String yLabel, String yUnit, List<Box> boxes) {
        return new ChartSpec(Kind.BOX, title, xLabel, "", yLabel, yUnit, List.of(), List.of(), boxes);
    }

    /**
     * A subflow timeline: one row per series, each with {@code x = {start, established, end}} in seconds.
     *
     * @param rowLabel what a row is, e.g. "subflow"
     */
    public static ChartSpec timeline(String title, String rowLabel, String xLabel, List<Series> rows) {
        return new ChartSpec(Kind.TIMELINE, title, xLabel, "s", rowLabel, "", List.of(), rows, List.of());
    }

    /** "label (unit)", or the label alone when the unit is empty. */
    static String axisTitle(String label, String unit) {
        if (unit.isEmpty()) return label;
        return label.isEmpty() ? unit : label + " (" + unit + ")";
    }

    /** The x axis title, with the unit as given (before prefix scaling). */
    public String xAxisTitle() { return axisTitle(xLabel, xUnit); }

    /** The y axis title, with the unit as given (before prefix scaling). */
    public String yAxisTitle() { return axisTitle(yLabel, yUnit); }

    /** This spec with other series (same everything else). */
    public ChartSpec withSeries(List<Series> newSeries) {
        return new ChartSpec(kind, title, xLabel, xUnit, yLabel, yUnit, categories, newSeries, boxes, layout);
    }

    /** This spec with another layout. */
    public ChartSpec withLayout(Layout newLayout) {
        return new ChartSpec(kind, title, xLabel, xUnit, yLabel, yUnit, categories, series, boxes, newLayout);
    }

    /** This spec without its title (figures for a paper, where the caption says what the title said). */
    public ChartSpec withoutTitle() {
        return new ChartSpec(kind, "", xLabel, xUnit, yLabel, yUnit, categories, series, boxes, layout);
    }
}
