package org.mpcap.reports.chart;

import java.util.List;
import java.util.Objects;

/**
 * What a chart shows, independent of how it is drawn: kind, title, axis labels with units and the data. The
 * content (which series, named how — interfaces by address) is decided by the caller; {@link ChartRenderer}
 * only draws it. Arrays are not copied: callers must not modify them after building the spec.
 *
 * @param kind       how series are drawn
 * @param title      chart title, may be ""
 * @param xLabel     x axis quantity, e.g. "time since first packet"
 * @param xUnit      x axis unit, e.g. "s", or "" (the axis title reads "label (unit)")
 * @param yLabel     y axis quantity
 * @param yUnit      y axis unit or ""
 * @param categories for BAR and BAR_WITH_ERRORS: one label per bar group; each series' {@code y} (and
 *                   {@code yError}) has one value per category and {@code x} is ignored. Empty otherwise.
 * @param series     the series (LINE, SCATTER, STEP, BAR, BAR_WITH_ERRORS); empty for BOX
 * @param samples    for BOX: one named sample per box; empty otherwise
 */
public record ChartSpec(Kind kind, String title, String xLabel, String xUnit, String yLabel, String yUnit,
        List<String> categories, List<Series> series, List<Sample> samples) {

    /** How the data is drawn. */
    public enum Kind {
        /** Points joined by straight lines, no markers (e.g. cumulative bytes over time). */
        LINE,
        /** Markers only (e.g. RTT samples over time or sequence number). */
        SCATTER,
        /** A step function: the value holds until the next x (e.g. counters). */
        STEP,
        /** Bars per category, one colour per series. */
        BAR,
        /** Bars per category with ± yError whiskers (e.g. mean ± standard deviation). */
        BAR_WITH_ERRORS,
        /** One box-and-whisker per named sample. */
        BOX
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

    /** A named sample for a box plot (e.g. RTTs of one subflow, in ms). */
    public record Sample(String name, double[] values) {
        public Sample {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(values, "values");
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
        samples = samples == null ? List.of() : List.copyOf(samples);
        boolean bars = kind == Kind.BAR || kind == Kind.BAR_WITH_ERRORS;
        for (Series s : series) {
            if (bars && s.size() != categories.size()) {
                throw new IllegalArgumentException(s.name() + ": " + s.size() + " values for " + categories.size()
                        + " categories");
            }
            if (!bars && s.x() == null) throw new IllegalArgumentException(s.name() + ": x values required");
        }
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

    /** A box plot, one box per sample. */
    public static ChartSpec box(String title, String xLabel, String yLabel, String yUnit, List<Sample> samples) {
        return new ChartSpec(Kind.BOX, title, xLabel, "", yLabel, yUnit, List.of(), List.of(), samples);
    }

    /** "label (unit)", or the label alone when the unit is empty. */
    static String axisTitle(String label, String unit) {
        if (unit.isEmpty()) return label;
        return label.isEmpty() ? unit : label + " (" + unit + ")";
    }

    /** The x axis title. */
    public String xAxisTitle() { return axisTitle(xLabel, xUnit); }

    /** The y axis title. */
    public String yAxisTitle() { return axisTitle(yLabel, yUnit); }

    /** This spec with other series (same everything else). */
    public ChartSpec withSeries(List<Series> newSeries) {
        return new ChartSpec(kind, title, xLabel, xUnit, yLabel, yUnit, categories, newSeries, samples);
    }
}
