package org.mpcap.reports.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {

    @Test
    void decodesToTheSamePixels() throws Exception {
        BufferedImage img = new BufferedImage(37, 23, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 37, 23);
        g.setColor(new Color(0x0072b2));
        g.drawLine(0, 22, 36, 0);
        g.dispose();
        Random r = new Random(7);
        for (int i = 0; i < 50; i++) img.setRGB(r.nextInt(37), r.nextInt(23), r.nextInt(1 << 24));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(img)));
        assertThat(back.getWidth()).isEqualTo(37);
        assertThat(back.getHeight()).isEqualTo(23);
        for (int y = 0; y < 23; y++) {
            for (int x = 0; x < 37; x++) {
                assertThat(back.getRGB(x, y) & 0xffffff).as("pixel %d,%d", x, y).isEqualTo(img.getRGB(x, y) & 0xffffff);
            }
        }
    }

    @Test
    void onlyRgbImages() {
        assertThatThrownBy(() -> PngEncoder.encode(new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
