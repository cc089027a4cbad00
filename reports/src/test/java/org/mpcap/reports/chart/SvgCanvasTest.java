package org.mpcap.reports.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgCanvasTest {

    /**
     * The absolute points of a path of M (absolute move) and l (relative lineto, implicitly repeated) commands,
     * as a browser reads it; a NaN pair marks each move after the first.
     */
    static List<double[]> points(String d) {
        List<double[]> out = new ArrayList<>();
        Matcher m = Pattern.compile("([Ml])|(-?[0-9]*\\.?[0-9]+)").matcher(d);
        char cmd = 0;
        List<Double> nums = new ArrayList<>();
        double x = 0, y = 0;
        while (m.find()) {
            if (m.group(1) != null) {
                cmd = m.group(1).charAt(0);
                continue;
            }
            nums.add(Double.parseDouble(m.group(2)));
            if (nums.size() == 2) {
                if (cmd == 'M') {
                    if (!out.isEmpty()) out.add(new double[] {Double.NaN, Double.NaN});
                    x = nums.get(0);
                    y = nums.get(1);
                    cmd = 'L'; // pairs after a moveto are implicit absolute linetos (not written by SvgCanvas)
                } else if (cmd == 'l') {
                    x += nums.get(0);
                    y += nums.get(1);
                } else {
                    x = nums.get(0);
                    y = nums.get(1);
                }
                out.add(new double[] {x, y});
                nums.clear();
            }
        }
        return out;
    }

    @Test
    void polylineIsAbsoluteMovesAndRelativeLinesThroughTheSamePoints() {
        StringBuilder b = new StringBuilder();
        double[] xs = {10.04, 12.5, 11.0, Double.NaN, 300.25, 299.95, 1000.0};
        double[] ys = {20.0, 18.26, 25.0, 5.0, 40.0, 41.5, 39.0};
        new SvgCanvas(b).polyline(xs, ys, xs.length, Color.RED, 1.5, 0);
        Matcher m = Pattern.compile("d=\"([^\"]*)\"").matcher(b);
        assertThat(m.find()).isTrue();
        String d = m.group(1);
        assertThat(d).isEqualTo("M10 20l2.5-1.7-1.5 6.7M300.3 40l-0.3 1.5 700-2.5");
        List<double[]> p = points(d);
        double[][] expected = {{10, 20}, {12.5, 18.3}, {11, 25}, {Double.NaN, Double.NaN}, {300.3, 40}, {300, 41.5},
                {1000, 39}};
        assertThat(p).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i][0])) {
                assertThat(p.get(i)[0]).isNaN();
                continue;
            }
            assertThat(p.get(i)[0]).as("x %d", i).isCloseTo(expected[i][0], org.assertj.core.data.Offset.offset(1e-9));
            assertThat(p.get(i)[1]).as("y %d", i).isCloseTo(expected[i][1], org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void noPathForAnAllNaNSeries() {
        StringBuilder b = new StringBuilder();
        new SvgCanvas(b).polyline(new double[] {Double.NaN}, new double[] {1}, 1, Color.RED, 1, 0);
        assertThat(b).isEmpty();
    }

    @Test
    void consecutiveLinesOfOneStyleAreOnePathAndOrderIsKept() {
        StringBuilder b = new StringBuilder();
        SvgCanvas c = new SvgCanvas(b);
        c.line(0, 10, 100, 10, Color.GRAY, 1);
        c.line(0, 20, 100, 20, Color.GRAY, 1);
        c.line(5, 0, 5, 30, Color.BLACK, 1);
        c.rect(1, 2, 3, 4, Color.WHITE, null);
        c.line(0, 0, 10, 10, Color.BLACK, 1);
        c.finish();
        assertThat(b.toString()).isEqualTo("<path d=\"M0 10H100M0 20H100\" stroke=\"#808080\"/>\n"
                + "<path d=\"M5 0V30\" stroke=\"#000000\"/>\n"
                + "<rect x=\"1\" y=\"2\" width=\"3\" height=\"4\" fill=\"#ffffff\"/>\n"
                + "<path d=\"M0 0L10 10\" stroke=\"#000000\"/>\n");
    }
}
