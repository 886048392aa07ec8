package dev.poolbench.harness.report;

import org.knowm.xchart.style.AxesChartStyler;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * A readable log axis: XChart's own logarithmic axis labels only the powers of ten inside the
 * data, so a curve within one decade gets one label or none. Values are drawn as log10 on a
 * linear axis that spans whole decades (at least two: floor and ceiling of the data), and every
 * decade is labelled with its plain value (0.1, 1, 10, 1,000 …); ticks between decades stay
 * unlabelled.
 */
final class Decades {

    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** Widens the range to the positive values of {@code v}. */
    void include(double[] v) {
        Arrays.stream(v).filter(x -> x > 0 && Double.isFinite(x)).forEach(x -> {
            min = Math.min(min, x);
            max = Math.max(max, x);
        });
    }

    static double[] log(double[] v) {
        return Arrays.stream(v).map(x -> x > 0 ? Math.log10(x) : Double.NaN).toArray();
    }

    /** The y axis from the decade at or below the data to the one at or above, decades labelled. */
    void applyY(AxesChartStyler s) {
        if (min > max) {
            return;
        }
        double lo = Math.floor(Math.log10(min));
        double hi = Math.ceil(Math.log10(max));
        if (hi <= lo) {
            hi = lo + 1;
        }
        s.setYAxisMin(lo);
        s.setYAxisMax(hi);
        s.setyAxisTickLabelsFormattingFunction(Decades::label);
    }

    /** "1,000" at 3, "0.01" at −2, "" between decades. */
    static String label(double log10) {
        double decade = Math.rint(log10);
        if (Math.abs(log10 - decade) > 1e-6) {
            return "";
        }
        if (decade >= 0) {
            return Fmt.num(Math.pow(10, decade));
        }
        return BigDecimal.ONE.movePointLeft((int) -decade).toPlainString();
    }
}
