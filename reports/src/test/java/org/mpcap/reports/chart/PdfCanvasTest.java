package org.mpcap.reports.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class PdfCanvasTest {

    private static String latin1(byte[] b) { return new String(b, StandardCharsets.ISO_8859_1); }

    /** The inflated content stream of a document written by PdfCanvas. */
    private static String content(byte[] pdf) throws Exception {
        String s = latin1(pdf);
        int start = s.indexOf("stream\n") + "stream\n".length();
        Matcher m = Pattern.compile("/Length (\\d+)").matcher(s);
        assertThat(m.find()).isTrue();
        int length = Integer.parseInt(m.group(1));
        Inflater inf = new Inflater();
        inf.setInput(pdf, start, length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!inf.finished()) {
            int n = inf.inflate(buf);
            if (n == 0 && inf.needsInput()) break;
            out.write(buf, 0, n);
        }
        assertThat(inf.finished()).as("the stream's /Length covers the whole deflated stream").isTrue();
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void crossReferenceOffsetsPointAtTheirObjects() {
        PdfCanvas c = new PdfCanvas(300, 200);
        c.line(0, 0, 10, 10, Color.BLACK, 1);
        byte[] pdf = c.document();
        String s = latin1(pdf);
        assertThat(s).startsWith("%PDF-1.4\n").endsWith("%%EOF\n");
        int startxref = Integer.parseInt(s.substring(s.lastIndexOf("startxref\n") + 10, s.lastIndexOf("\n%%EOF")));
        assertThat(s.substring(startxref)).startsWith("xref\n0 5\n");
        Matcher m = Pattern.compile("(\\d{10}) 00000 n ").matcher(s.substring(startxref));
        int object = 1;
        while (m.find()) {
            int offset = Integer.parseInt(m.group(1));
            assertThat(s.substring(offset)).startsWith(object + " 0 obj\n");
            object++;
        }
        assertThat(object).isEqualTo(5);
        assertThat(s).contains("/MediaBox [0 0 300 200]");
    }

    @Test
    void drawsInTopLeftCoordinatesThroughOneFlip() throws Exception {
        PdfCanvas c = new PdfCanvas(300, 200);
        c.line(1.5, 2.25, 100, 50.004, new Color(255, 0, 0), 2);
        c.rect(10, 20, 30, 40, Color.WHITE, null);
        String ops = content(c.document());
        assertThat(ops).startsWith("1 0 0 -1 0 200 cm\n");
        assertThat(ops).contains("1 0 0 RG\n2 w\n1.5 2.25 m 100 50 l S\n");
        assertThat(ops).contains("1 1 1 rg\n10 20 30 40 re f\n");
    }

    @Test
    void polylineBreaksAtNaNAndWritesItsDash() throws Exception {
        PdfCanvas c = new PdfCanvas(100, 100);
        c.polyline(new double[] {0, 1, Double.NaN, 3, 4}, new double[] {0, 1, 2, 3, 4}, 5, Color.BLUE, 1.5, 4);
        String ops = content(c.document());
        assertThat(ops).contains("[4 4] 0 d\n0 0 m\n1 1 l\n3 3 m\n4 4 l\nS\n");
        PdfCanvas none = new PdfCanvas(100, 100);
        none.polyline(new double[] {Double.NaN}, new double[] {1}, 1, Color.BLUE, 1.5, 0);
        assertThat(content(none.document())).doesNotContain(" S\n").doesNotContain("RG");
    }

    @Test
    void filledMarkersAreRoundCappedDots() throws Exception {
        PdfCanvas c = new PdfCanvas(100, 100);
        c.markers(new double[] {5, Double.NaN, 7}, new double[] {6, 0, 8}, 3, Color.BLACK, 4, false);
        String ops = content(c.document());
        assertThat(ops).contains("4 w\n1 J\n5 6 m 5 6 l\n7 8 m 7 8 l\nS\n");
    }

    @Test
    void textIsFilledGlyphOutlines() throws Exception {
        PdfCanvas c = new PdfCanvas(200, 100);
        c.text("σ → x", 10, 50, new Font(Font.SANS_SERIF, Font.PLAIN, 12), Color.BLACK, Canvas.Align.START, false);
        String ops = content(c.document());
        assertThat(ops).contains(" c\n").containsPattern("\\n(f|f\\*)\\n");
        assertThat(ops).doesNotContain("Tj").doesNotContain("/Font");
    }
}
