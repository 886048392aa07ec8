package dev.poolbench.harness.report;

import dev.poolbench.harness.compare.Statistics;

import java.util.Locale;

/**
 * Whether two configurations' per-iteration samples differ: the two-sided Mann–Whitney U test
 * at α = 0.01. When the samples are so small that even a complete separation could not reach
 * α (the smallest two-sided p is 2 / C(n1+n2, n1); 5 iterations each are needed), the answer is
 * "not significant (n too small)" rather than a p-value that cannot mean anything.
 */
public record Significance(boolean significant, double p, String words) {

    public static final double ALPHA = 0.01;

    public static Significance of(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            return new Significance(false, Double.NaN, "not significant (no per-iteration samples)");
        }
        if (smallestP(a.length, b.length) > ALPHA) {
            return new Significance(false, Double.NaN, "not significant (n too small: " + a.length + " and "
                    + b.length + " iterations)");
        }
        double p = Statistics.mannWhitneyP(a, b);
        String ps = p < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", p);
        return p < ALPHA ? new Significance(true, p, "significant, " + ps)
                : new Significance(false, p, "not significant, " + ps);
    }

    /** 2 / C(n1 + n2, n1): the two-sided p of a complete separation without ties. */
    static double smallestP(int n1, int n2) {
        double c = 1;
        for (int k = 1; k <= n1; k++) {
            c = c * (n2 + k) / k;
        }
        return Math.min(1, 2 / c);
    }
}
