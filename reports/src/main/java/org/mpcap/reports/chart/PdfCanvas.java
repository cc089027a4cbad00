package org.mpcap.reports.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.PathIterator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * Writes a one-page vector PDF directly (ISO 32000-1): the page's content stream is built from the drawing calls
 * as PDF path operators (§8.5) with coordinates at 0.01 pt, then deflated (§7.4.4) and wrapped in the four objects
 * a page needs (catalog, page tree, page, contents) and a cross-reference table (§7.5.4). Text is drawn as glyph
 * outlines, as it was through VectorGraphics2D, so that the file needs no font and shows every character (arrows,
 * σ) as in the PNG.
 *
 * <p>Why not VectorGraphics2D: it formatted every coordinate through {@code DecimalFormat}, which made PDFs the
 * most expensive chart format (41 % of the CPU of a {@code compare} of 38 runs); this writes the same drawing in a
 * small fraction of that time.
 *
 * <p>The page's y axis is flipped once ({@code 1 0 0 -1 0 h cm}) so that the canvas's top-left coordinates are used
 * as they are. Markers are zero-length round-capped segments, which §8.5.3.2 paints as filled circles.
 */
final class PdfCanvas implements Canvas {
    private final StringBuilder b = new StringBuilder(1 << 14);
    private final int width, height;
    // graphics state last written, to skip repeats
    private Color stroke, fill;
    private double lineWidth = 1;
    private int cap = 0;
    private boolean dashed;

    PdfCanvas(int width, int height) {
        this.width = width;
        this.height = height;
        b.append("1 0 0 -1 0 ").append(height).append(" cm\n1 j\n");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color c, double w) {
        strokeState(c, w, 0, false);
        n(x1).append(' ');
        n(y1).append(" m ");
        n(x2).append(' ');
        n(y2).append(" l S\n");
    }

    @Override
    public void polyline(double[] xs, double[] ys, int count, Color c, double w, double dash) {
        boolean pen = false, any = false;
        for (int i = 0; i < count; i++) {
            if (Double.isNaN(xs[i]) || Double.isNaN(ys[i])) {
                pen = false;
                continue;
            }
            if (!any) {
                // the state goes before the path, written at its first point (nothing for an all-NaN series)
                strokeState(c, w, 0, dash > 0);
                if (dash > 0) {
                    b.append('[');
                    n(dash).append(' ');
                    n(dash).append("] 0 d\n");
                }
                any = true;
            }
            n(xs[i]).append(' ');
            n(ys[i]).append(pen ? " l\n" : " m\n");
            pen = true;
        }
        if (any) b.append("S\n");
    }

    @Override
    public void markers(double[] xs, double[] ys, int count, Color c, double size, boolean hollow) {
        boolean any = false;
        for (int i = 0; i < count; i++) {
            if (Double.isNaN(xs[i]) || Double.isNaN(ys[i])) continue;
            if (!any) {
                strokeState(c, hollow ? 1 : size, hollow ? 0 : 1, false);
                any = true;
            }
            if (hollow) {
                circle(xs[i], ys[i], size / 2);
            } else {
                n(xs[i]).append(' ');
                n(ys[i]).append(" m ");
                n(xs[i]).append(' ');
                n(ys[i]).append(" l\n");
            }
        }
        if (any) b.append("S\n");
    }

    /** A circle as four cubic Béziers (control distance 0.5523 r). */
    private void circle(double x, double y, double r) {
        double k = 0.5522847498 * r;
        n(x + r).append(' ');
        n(y).append(" m\n");
        curve(x + r, y + k, x + k, y + r, x, y + r);
        curve(x - k, y + r, x - r, y + k, x - r, y);
        curve(x - r, y - k, x - k, y - r, x, y - r);
        curve(x + k, y - r, x + r, y - k, x + r, y);
    }

    private void curve(double x1, double y1, double x2, double y2, double x3, double y3) {
        n(x1).append(' ');
        n(y1).append(' ');
        n(x2).append(' ');
        n(y2).append(' ');
        n(x3).append(' ');
        n(y3).append(" c\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fillColor, Color strokeColor) {
        if (fillColor == null && strokeColor == null) return;
        if (fillColor != null) fillState(fillColor);
        if (strokeColor != null) strokeState(strokeColor, 1, 0, false);
        n(x).append(' ');
        n(y).append(' ');
        n(w).append(' ');
        n(h).append(" re ").append(fillColor == null ? "S" : strokeColor == null ? "f" : "B").append('\n');
    }

    @Override
    public void text(String s, double x, double y, Font f, Color c, Align align, boolean vertical) {
        if (s.isEmpty()) return;
        double w = Canvas.textWidth(s, f);
        double dx = align == Align.START ? 0 : align == Align.MIDDLE ? -w / 2 : -w;
        AffineTransform at = AffineTransform.getTranslateInstance(x, y);
        if (vertical) at.rotate(-Math.PI / 2);
        Shape outline = at.createTransformedShape(f.createGlyphVector(FRC, s).getOutline((float) dx, 0f));
        fillState(c);
        PathIterator it = outline.getPathIterator(null);
        double[] p = new double[6];
        double lx = 0, ly = 0; // current point, for quadratic → cubic
        boolean evenOdd = it.getWindingRule() == PathIterator.WIND_EVEN_ODD;
        boolean any = false;
        for (; !it.isDone(); it.next()) {
            any = true;
            switch (it.currentSegment(p)) {
                case PathIterator.SEG_MOVETO -> {
                    n(p[0]).append(' ');
                    n(p[1]).append(" m\n");
                    lx = p[0];
                    ly = p[1];
                }
                case PathIterator.SEG_LINETO -> {
                    n(p[0]).append(' ');
                    n(p[1]).append(" l\n");
                    lx = p[0];
                    ly = p[1];
                }
                case PathIterator.SEG_QUADTO -> {
                    // the cubic with the same curve: controls at 2/3 of the way to the quadratic's control
                    curve(lx + 2.0 / 3 * (p[0] - lx), ly + 2.0 / 3 * (p[1] - ly),
                            p[2] + 2.0 / 3 * (p[0] - p[2]), p[3] + 2.0 / 3 * (p[1] - p[3]), p[2], p[3]);
                    lx = p[2];
                    ly = p[3];
                }
                case PathIterator.SEG_CUBICTO -> {
                    curve(p[0], p[1], p[2], p[3], p[4], p[5]);
                    lx = p[4];
                    ly = p[5];
                }
                case PathIterator.SEG_CLOSE -> b.append("h\n");
                default -> { }
            }
        }
        if (any) b.append(evenOdd ? "f*\n" : "f\n");
    }

    private void strokeState(Color c, double w, int capStyle, boolean dash) {
        if (!c.equals(stroke)) {
            color(c).append(" RG\n");
            stroke = c;
        }
        if (w != lineWidth) {
            n(w).append(" w\n");
            lineWidth = w;
        }
        if (capStyle != cap) {
            b.append(capStyle).append(" J\n");
            cap = capStyle;
        }
        if (dashed && !dash) b.append("[] 0 d\n");
        dashed = dash;
    }

    private void fillState(Color c) {
        if (!c.equals(fill)) {
            color(c).append(" rg\n");
            fill = c;
        }
    }

    private StringBuilder color(Color c) {
        return b.append(unit(c.getRed())).append(' ').append(unit(c.getGreen())).append(' ')
                .append(unit(c.getBlue()));
    }

    /** A colour component 0-255 as 0-1 with three decimals. */
    private static String unit(int v) {
        if (v == 0) return "0";
        if (v == 255) return "1";
        int t = Math.round(v * 1000f / 255f);
        String s = Integer.toString(t + 1000).substring(1); // three digits
        while (s.endsWith("0")) s = s.substring(0, s.length() - 1);
        return "." + s;
    }

    /** Appends v at 0.01 pt, without trailing zeros: "12.5", "-3", "0.07". */
    private StringBuilder n(double v) {
        long t = Math.round(v * 100);
        if (t < 0) {
            b.append('-');
            t = -t;
        }
        b.append(t / 100);
        int frac = (int) (t % 100);
        if (frac != 0) {
            b.append('.').append((char) ('0' + frac / 10));
            if (frac % 10 != 0) b.append((char) ('0' + frac % 10));
        }
        return b;
    }

    /** The finished one-page document. */
    byte[] document() {
        byte[] content = b.toString().getBytes(StandardCharsets.ISO_8859_1); // operators and numbers only: ASCII
        Deflater d = new Deflater(Deflater.BEST_SPEED);
        d.setInput(content);
        d.finish();
        ByteArrayOutputStream z = new ByteArrayOutputStream(content.length / 3 + 64);
        byte[] buf = new byte[1 << 14];
        while (!d.finished()) z.write(buf, 0, d.deflate(buf));
        d.end();
        byte[] stream = z.toByteArray();

        ByteArrayOutputStream out = new ByteArrayOutputStream(stream.length + 1024);
        long[] offsets = new long[5];
        ascii(out, "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n"); // binary comment line: the file holds binary data (§7.5.2)
        offsets[1] = out.size();
        ascii(out, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        offsets[2] = out.size();
        ascii(out, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
        offsets[3] = out.size();
        ascii(out, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + width + " " + height
                + "] /Resources << >> /Contents 4 0 R >>\nendobj\n");
        offsets[4] = out.size();
        ascii(out, "4 0 obj\n<< /Length " + stream.length + " /Filter /FlateDecode >>\nstream\n");
        out.write(stream, 0, stream.length);
        ascii(out, "\nendstream\nendobj\n");
        long xref = out.size();
        StringBuilder x = new StringBuilder("xref\n0 5\n0000000000 65535 f \n");
        for (int i = 1; i <= 4; i++) x.append(String.format(java.util.Locale.ROOT, "%010d 00000 n \n", offsets[i]));
        x.append("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        ascii(out, x.toString());
        return out.toByteArray();
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        out.write(bytes, 0, bytes.length);
    }
}
