package org.mpcap.reports.chart;

import java.awt.Color;
import java.awt.Font;
import java.util.Locale;

/**
 * Writes SVG elements directly (no DOM, no post-processing): one {@code <path>} per polyline or marker series
 * with coordinates at 0.1 px, relative moves between markers (a marker is a zero-length round-capped segment),
 * text as {@code <text>} in the page's sans-serif font. A chart of a few thousand points stays at tens of kB.
 */
final class SvgCanvas implements Canvas {
    static final String FONT_FAMILY = "DejaVu Sans,Verdana,Arial,Helvetica,sans-serif";
    private final StringBuilder b;
    /** Consecutive straight lines of one colour and width (grid, ticks), written as one path by {@link #flush}. */
    private final StringBuilder lines = new StringBuilder();
    private Color linesColor;
    private double linesWidth;

    SvgCanvas(StringBuilder b) { this.b = b; }

    /**
     * A straight line. Consecutive lines of the same colour and width become subpaths of one {@code <path>}: a
     * chart's grid and ticks were thousands of one-line elements, a third of a report page's SVG bytes.
     */
    @Override
    public void line(double x1, double y1, double x2, double y2, Color c, double width) {
        if (lines.length() > 0 && (!c.equals(linesColor) || width != linesWidth)) flush();
        linesColor = c;
        linesWidth = width;
        lines.append('M').append(n(x1)).append(' ').append(n(y1));
        if (x1 == x2) lines.append('V').append(n(y2));
        else if (y1 == y2) lines.append('H').append(n(x2));
        else lines.append('L').append(n(x2)).append(' ').append(n(y2));
    }

    /** Writes the pending lines; every other primitive calls it first, so the drawing order is kept. */
    private void flush() {
        if (lines.length() == 0) return;
        b.append("<path d=\"").append(lines).append("\" stroke=\"").append(hex(linesColor)).append('"');
        if (linesWidth != 1) b.append(" stroke-width=\"").append(n(linesWidth)).append('"');
        b.append("/>\n");
        lines.setLength(0);
    }

    /** Ends the drawing: call once, after the last primitive. */
    void finish() { flush(); }

    @Override
    public void polyline(double[] xs, double[] ys, int count, Color c, double width, double dash) {
        flush();
        // Each run of points as an absolute move, then one relative lineto ("l") whose later pairs repeat it
        // implicitly (SVG 1.1 §8.3.2): deltas in tenths of a pixel are a few digits, absolute coordinates five or
        // six, so a long series takes about 40 % fewer bytes. Deltas are taken between rounded positions, so the
        // points are exactly those of absolute coordinates at 0.1 px (no drift).
        StringBuilder d = new StringBuilder(count * 8);
        boolean pen = false, relative = false;
        long px = 0, py = 0; // previous point in tenths of a pixel
        for (int i = 0; i < count; i++) {
            if (Double.isNaN(xs[i]) || Double.isNaN(ys[i])) {
                pen = false;
                continue;
            }
            long x = Math.round(xs[i] * 10), y = Math.round(ys[i] * 10);
            if (!pen) {
                d.append('M').append(tenths(x)).append(' ').append(tenths(y));
                relative = false;
            } else {
                long dx = x - px, dy = y - py;
                if (!relative) d.append('l');
                else if (dx >= 0) d.append(' ');
                d.append(tenths(dx));
                if (dy >= 0) d.append(' ');
                d.append(tenths(dy));
                relative = true;
            }
            px = x;
            py = y;
            pen = true;
        }
        if (d.length() == 0) return;
        b.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(hex(c))
                .append("\" stroke-width=\"").append(n(width)).append("\" stroke-linejoin=\"round\"");
        if (dash > 0) b.append(" stroke-dasharray=\"").append(n(dash)).append('"');
        b.append("/>\n");
    }

    @Override
    public void markers(double[] xs, double[] ys, int count, Color c, double size, boolean hollow) {
        flush();
        if (hollow) {
            for (int i = 0; i < count; i++) {
                if (Double.isNaN(xs[i]) || Double.isNaN(ys[i])) continue;
                b.append("<circle cx=\"").append(n(xs[i])).append("\" cy=\"").append(n(ys[i])).append("\" r=\"")
                        .append(n(size / 2)).append("\" fill=\"none\" stroke=\"").append(hex(c)).append("\"/>\n");
            }
            return;
        }
        StringBuilder d = new StringBuilder(count * 10);
        long px = 0, py = 0; // previous point in tenths of a pixel
        boolean first = true;
        for (int i = 0; i < count; i++) {
            if (Double.isNaN(xs[i]) || Double.isNaN(ys[i])) continue;
            long x = Math.round(xs[i] * 10), y = Math.round(ys[i] * 10);
            if (first) d.append('M').append(tenths(x)).append(' ').append(tenths(y));
            else {
                d.append('m').append(tenths(x - px));
                long dy = y - py;
                if (dy >= 0) d.append(' ');
                d.append(tenths(dy));
            }
            d.append("h0");
            px = x;
            py = y;
            first = false;
        }
        if (first) return;
        b.append("<path d=\"").append(d).append("\" stroke=\"").append(hex(c)).append("\" stroke-width=\"")
                .append(n(size)).append("\" stroke-linecap=\"round\"/>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fill, Color stroke) {
        flush();
        b.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill == null ? "none" : hex(fill))
                .append('"');
        if (stroke != null) b.append(" stroke=\"").append(hex(stroke)).append('"');
        b.append("/>\n");
    }

    @Override
    public void text(String s, double x, double y, Font f, Color c, Align align, boolean vertical) {
        flush();
        if (s.isEmpty()) return;
        b.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append('"');
        if (f.getSize() != 12) b.append(" font-size=\"").append(f.getSize()).append('"');
        if (f.isBold()) b.append(" font-weight=\"bold\"");
        if (align != Align.START) b.append(" text-anchor=\"").append(align == Align.MIDDLE ? "middle" : "end")
                .append('"');
        if (!Color.BLACK.equals(c) && !Plot.TEXT.equals(c)) b.append(" fill=\"").append(hex(c)).append('"');
        if (vertical) b.append(" transform=\"rotate(-90 ").append(n(x)).append(' ').append(n(y)).append(")\"");
        b.append('>');
        escape(s, b);
        b.append("</text>\n");
    }

    static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (ch < 0x20 && ch != '\t' && ch != '\n') out.append(' '); // not allowed in XML 1.0
                    else out.append(ch);
                }
            }
        }
    }

    static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    /** A coordinate at 0.1 px: "12.5", "-3", "0". */
    static String n(double v) {
        return tenths(Math.round(v * 10));
    }

    private static String tenths(long t) {
        long a = Math.abs(t);
        String s = (t < 0 ? "-" : "") + (a / 10);
        return a % 10 == 0 ? s : s + "." + (a % 10);
    }
}
