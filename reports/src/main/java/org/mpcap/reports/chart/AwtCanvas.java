package org.mpcap.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/** Draws on a Java2D surface: the bitmap of a PNG. */
final class AwtCanvas implements Canvas {
    private final Graphics2D g;

    AwtCanvas(Graphics2D g) {
        this.g = g;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color c, double width) {
        g.setColor(c);
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n, Color c, double width, double dash) {
        Path2D.Double p = new Path2D.Double(Path2D.WIND_NON_ZERO, n);
        boolean pen = false, any = false;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(xs[i]) || Double.isNaN(ys[i])) {
                pen = false;
                continue;
            }
            if (pen) p.lineTo(xs[i], ys[i]);
            else p.moveTo(xs[i], ys[i]);
            pen = true;
            any = true;
        }
        if (!any) return;
        g.setColor(c);
        g.setStroke(dash > 0
                ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                        new float[] {(float) dash, (float) dash}, 0f)
                : new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        g.draw(p);
    }

    @Override
    public void markers(double[] xs, double[] ys, int n, Color c, double size, boolean hollow) {
        g.setColor(c);
        double r = size / 2;
        if (hollow) {
            g.setStroke(new BasicStroke(1f));
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(xs[i]) || Double.isNaN(ys[i])) continue;
                g.draw(new Ellipse2D.Double(xs[i] - r, ys[i] - r, size, size));
            }
            return;
        }
        // One stroked path of tiny round-capped segments: a dot each, drawn (and written to PDF) as one shape
        // instead of thousands of ellipses.
        Path2D.Double p = new Path2D.Double(Path2D.WIND_NON_ZERO, 2 * n);
        boolean any = false;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(xs[i]) || Double.isNaN(ys[i])) continue;
            p.moveTo(xs[i], ys[i]);
            p.lineTo(xs[i] + 0.01, ys[i]);
            any = true;
        }
        if (!any) return;
        g.setStroke(new BasicStroke((float) size, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(p);
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fill, Color stroke) {
        Rectangle2D.Double r = new Rectangle2D.Double(x, y, w, h);
        if (fill != null) {
            g.setColor(fill);
            g.fill(r);
        }
        if (stroke != null) {
            g.setColor(stroke);
            g.setStroke(new BasicStroke(1f));
            g.draw(r);
        }
    }

    @Override
    public void text(String s, double x, double y, Font f, Color c, Align align, boolean vertical) {
        if (s.isEmpty()) return;
        double w = Canvas.textWidth(s, f);
        double dx = align == Align.START ? 0 : align == Align.MIDDLE ? -w / 2 : -w;
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        if (vertical) g.rotate(-Math.PI / 2);
        g.setColor(c);
        g.setFont(f);
        g.drawString(s, (float) dx, 0f);
        g.setTransform(saved);
    }
}
