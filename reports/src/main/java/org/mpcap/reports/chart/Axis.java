package org.mpcap.reports.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One axis as drawn: its range, its tick values and their labels, and the unit after prefix scaling. Linear axes
 * get "nice" ticks: a step of 1, 2 or 5 times a power of ten, the range widened to whole steps. Logarithmic axes
 * get a tick per decade (and at 2 and 5 times it when the range spans fewer than three decades).
 *
 * @param lo     lower end of the axis, in scaled units
 * @param hi     upper end of the axis, in scaled units (> lo)
 * @param ticks  tick values in scaled units, ascending, all within [lo, hi]
 * @param labels tick labels, one per tick
 * @param log    logarithmic axis
 * @param factor data value × factor = axis value (1, 1e-3, 1e-6 …, from the unit prefix)
 * @param unit   the unit as shown ("MB" for a byte series in the millions), possibly ""
 */
record Axis(double lo, double hi, double[] ticks, List<String> labels, boolean log, double factor, String unit) {

    /** Byte and bit-rate units whose decimal prefix follows the data. */
    private static final String[] BYTES = {"B", "kB", "MB", "GB", "TB"};
    private static final String[] BITS = {"bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"};

    /** Position of value {@code v} (scaled) as a fraction of the axis, 0 at lo and 1 at hi. */
    double fraction(double v) {
        if (log) return (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
        return (v - lo) / (hi - lo);
    }

    /**
     * The unit shown for data in {@code unit} whose largest magnitude is {@code maxAbs}, and the factor to apply:
     * for "B" and "bit/s" the largest decimal prefix that keeps {@code maxAbs} at or above 1 (300 B stays B,
     * 2 500 000 B becomes 2.5 MB); other units unchanged.
     *
     * @return {factor, unit}: the factor as a Double and the unit text
     */
    static Object[] prefix(String unit, double maxAbs) {
        String[] units = unit.equals("B") ? BYTES : unit.equals("bit/s") ? BITS : null;
        if (units == null || !(maxAbs > 0) || !Double.isFinite(maxAbs)) return new Object[] {1.0, unit};
        int k = 0;
        while (k + 1 < units.length && maxAbs >= Math.pow(1000, k + 1)) k++;
        return new Object[] {Math.pow(1000, -k), units[k]};
    }

    /**
     * A linear axis over scaled data in [min, max] with at most {@code maxTicks} ticks (at least 2).
     *
     * @param zero include 0 in the range (bars, counts, bytes)
     */
    static Axis linear(double min, double max, int maxTicks, boolean zero, double factor, String unit) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            min = 0;
            max = 1;
        }
        if (zero) {
            min = Math.min(min, 0);
            max = Math.max(max, 0);
        }
        if (max - min <= Math.abs(max) * 1e-12) { // a single value: show it in the middle of a unit range
            double w = max == 0 ? 1 : Math.abs(max) * 0.1;
            if (zero && min >= 0) {
                max = max == 0 ? 1 : max + w;
            } else {
                min -= w;
                max += w;
            }
        }
        maxTicks = Math.max(2, maxTicks);
        double step = niceStep((max - min) / (maxTicks - 1));
        double lo = Math.floor(min / step + 1e-9) * step;
        double hi = Math.ceil(max / step - 1e-9) * step;
        while ((int) Math.round((hi - lo) / step) + 1 > maxTicks) {
            step = niceStep(step * 1.0001);
            lo = Math.floor(min / step + 1e-9) * step;
            hi = Math.ceil(max / step - 1e-9) * step;
        }
        int n = (int) Math.round((hi - lo) / step) + 1;
        lo = clean(lo, step);
        hi = clean(hi, step);
        double[] ticks = new double[n];
        List<String> labels = new ArrayList<>(n);
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        for (int i = 0; i < n; i++) {
            ticks[i] = clean(lo + i * step, step);
            labels.add(format(ticks[i], decimals));
        }
        return new Axis(lo, hi, ticks, labels, false, factor, unit);
    }

    /** A logarithmic axis over positive scaled data in [min, max]. */
    static Axis logarithmic(double min, double max, double factor, String unit) {
        if (!(min > 0) || !Double.isFinite(max) || !Double.isFinite(min)) {
            min = 1;
            max = 10;
        }
        int d0 = (int) Math.floor(Math.log10(min) + 1e-9);
        int d1 = (int) Math.ceil(Math.log10(max) - 1e-9);
        if (d1 <= d0) d1 = d0 + 1;
        boolean minor = d1 - d0 < 3;
        List<Double> t = new ArrayList<>();
        for (int d = d0; d <= d1; d++) {
            double p = Math.pow(10, d);
            t.add(p);
            if (minor && d < d1) {
                t.add(2 * p);
                t.add(5 * p);
            }
        }
        double lo = Math.pow(10, d0), hi = Math.pow(10, d1);
        // Trim to the data: keep one tick at or below min and one at or above max.
        int first = 0, last = t.size() - 1;
        while (first + 1 < t.size() && t.get(first + 1) <= min) first++;
        while (last - 1 >= 0 && t.get(last - 1) >= max) last--;
        lo = t.get(first);
        hi = t.get(last);
        double[] ticks = new double[last - first + 1];
        List<String> labels = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            double v = t.get(i);
            ticks[i - first] = v;
            int dec = Math.max(0, (int) -Math.floor(Math.log10(v) + 1e-9));
            labels.add(format(v, dec));
        }
        return new Axis(lo, hi, ticks, labels, true, factor, unit);
    }

    /** 1, 2 or 5 × 10^k, the smallest such value ≥ raw. */
    static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        double nice = m <= 1 + 1e-9 ? 1 : m <= 2 + 1e-9 ? 2 : m <= 5 + 1e-9 ? 5 : 10;
        return nice * p;
    }

    /** {@code v} rounded to the step's precision (hides binary rounding such as 0.30000000000000004). */
    private static double clean(double v, double step) {
        double q = Math.pow(10, Math.floor(Math.log10(step)) - 3);
        double r = Math.round(v / q) * q;
        return Math.abs(r) < step * 1e-9 ? 0 : Double.parseDouble(String.format(Locale.ROOT, "%.12g", r));
    }

    private static String format(double v, int decimals) {
        String s = new java.math.BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString();
        if (s.startsWith("-")) { // "-0", "-0.00": negative zero after rounding
            boolean zero = true;
            for (int i = 1; i < s.length() && zero; i++) zero = s.charAt(i) == '0' || s.charAt(i) == '.';
            if (zero) return s.substring(1);
        }
        return s;
    }
}
