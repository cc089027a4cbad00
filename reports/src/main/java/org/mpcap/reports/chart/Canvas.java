package org.mpcap.reports.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;

/**
 * What a chart is drawn on: the few primitives {@link Plot} needs, implemented once for SVG text
 * ({@link SvgCanvas}), once for PDF ({@link PdfCanvas}) and once for Java2D ({@link AwtCanvas}: PNG), so that
 * every format shows the same layout. Coordinates are pixels (PDF: points) from the top-left corner.
 */
interface Canvas {
    /** Text alignment relative to the anchor point. */
    enum Align { START, MIDDLE, END }

    /** Measures text the same way for every canvas (antialiased, fractional metrics). */
    FontRenderContext FRC = new FontRenderContext(null, true, true);

    static double textWidth(String s, Font f) {
        return s.isEmpty() ? 0 : f.getStringBounds(s, FRC).getWidth();
    }

    /** A straight line. */
    void line(double x1, double y1, double x2, double y2, Color c, double width);

    /**
     * A polyline through {@code n} points; a NaN coordinate breaks it.
     *
     * @param dash dash length, 0 for a solid line
     */
    void polyline(double[] xs, double[] ys, int n, Color c, double width, double dash);

    /** Round markers of diameter {@code size} at {@code n} points (NaN coordinates skipped). */
    void markers(double[] xs, double[] ys, int n, Color c, double size, boolean hollow);

    /** A rectangle, filled with {@code fill} (null: none) and outlined with {@code stroke} (null: none). */
    void rect(double x, double y, double w, double h, Color fill, Color stroke);

    /** Text with its baseline at y; rotated −90° (reading upwards) when {@code vertical}. */
    void text(String s, double x, double y, Font f, Color c, Align align, boolean vertical);
}
