package dev.poolbench.harness.compare;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The statistics behind regression verdicts and the report's "significant": medians, percentile
 * bootstrap confidence intervals (seeded, so a verdict is reproducible), and the two-sided
 * Mann–Whitney U test (exact for small samples without ties, normal approximation with tie and
 * continuity corrections otherwise). Nothing here assumes normal data: benchmark samples on a
 * shared 2-core machine are skewed and have outliers.
 */
public final class Statistics {

    /** Resamples a bootstrap uses unless told otherwise. */
    public static final int RESAMPLES = 10_000;

    /** A closed interval. */
    public record Interval(double low, double high) {
        public boolean contains(double v) {
            return v >= low && v <= high;
        }

        public boolean above(double v) {
            return low > v;
        }

        public boolean below(double v) {
            return high < v;
        }
    }

    private Statistics() {
    }

    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    /** Percentile bootstrap CI of the median of {@code x} (e.g. of per-round B/A ratios). */
    public static Interval bootstrapMedianCi(double[] x, double confidence, int resamples, long seed) {
        requireSome(x, "x");
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] stats = new double[resamples];
        double[] sample = new double[x.length];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < x.length; i++) {
                sample[i] = x[rnd.nextInt(x.length)];
            }
            stats[r] = median(sample);
        }
        return percentileInterval(stats, confidence);
    }

    /**
     * Percentile bootstrap CI of median(b) / median(a) for two independent samples (baseline
     * mode, where iterations are not paired); each side is resampled on its own.
     */
    public static Interval bootstrapRatioOfMediansCi(double[] a, double[] b, double confidence, int resamples,
                                                     long seed) {
        requireSome(a, "a");
        requireSome(b, "b");
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] stats = new double[resamples];
        double[] sa = new double[a.length];
        double[] sb = new double[b.length];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < a.length; i++) {
                sa[i] = a[rnd.nextInt(a.length)];
            }
            for (int i = 0; i < b.length; i++) {
                sb[i] = b[rnd.nextInt(b.length)];
            }
            stats[r] = median(sb) / median(sa);
        }
        return percentileInterval(stats, confidence);
    }

    private static Interval percentileInterval(double[] stats, double confidence) {
        Arrays.sort(stats);
        double alpha = (1 - confidence) / 2;
        int lo = (int) Math.floor(alpha * (stats.length - 1));
        int hi = (int) Math.ceil((1 - alpha) * (stats.length - 1));
        return new Interval(stats[lo], stats[hi]);
    }

    /**
     * Two-sided p-value of Welch's unequal-variances t-test that {@code a} and {@code b} have the
     * same mean (Welch–Satterthwaite degrees of freedom); NaN when both variances are zero or a
     * side has fewer than 2 values.
     */
    public static double welchP(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            return Double.NaN;
        }
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double va = Arrays.stream(a).map(x -> (x - ma) * (x - ma)).sum() / (a.length - 1) / a.length;
        double vb = Arrays.stream(b).map(x -> (x - mb) * (x - mb)).sum() / (b.length - 1) / b.length;
        double se2 = va + vb;
        if (se2 == 0) {
            return ma == mb ? Double.NaN : 0;
        }
        double t = (ma - mb) / Math.sqrt(se2);
        double df = se2 * se2 / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        return studentTwoSidedP(t, df);
    }

    /** P(|T| ≥ |t|) for Student's t with {@code df} degrees of freedom: I_{df/(df+t²)}(df/2, 1/2). */
    static double studentTwoSidedP(double t, double df) {
        return regularizedBeta(df / (df + t * t), df / 2, 0.5);
    }

    /** The regularized incomplete beta function I_x(a, b), by its continued fraction (modified Lentz). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - regularizedBeta(1 - x, b, a); // the fraction converges fast on this side
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x)) / a;
        double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double f = d;
        for (int m = 1; m <= 300; m++) {
            // even step
            double num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 + num * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            f *= c * d;
            // odd step
            num = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + num * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-14) {
                break;
            }
        }
        return front * f;
    }

    /** ln Γ(x) for x > 0 (Lanczos approximation, g = 7, 9 terms). */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
                -176.61503916999185, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
                1.5056327351493116e-7};
        x -= 1;
        double sum = g[0];
        for (int i = 1; i < g.length; i++) {
            sum += g[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /**
     * Two-sided p-value of the Mann–Whitney U test that {@code a} and {@code b} come from the
     * same distribution. 1.0 when either sample is empty.
     */
    public static double mannWhitneyP(double[] a, double[] b) {
        int n1 = a.length;
        int n2 = b.length;
        if (n1 == 0 || n2 == 0) {
            return 1.0;
        }
        int n = n1 + n2;
        double[] all = new double[n];
        System.arraycopy(a, 0, all, 0, n1);
        System.arraycopy(b, 0, all, n1, n2);
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(all[x], all[y]));
        double[] rank = new double[n];
        double tieTerm = 0;
        boolean ties = false;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && all[idx[j + 1]] == all[idx[i]]) {
                j++;
            }
            double r = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[idx[k]] = r;
            }
            int t = j - i + 1;
            if (t > 1) {
                ties = true;
                tieTerm += (double) t * t * t - t;
            }
            i = j + 1;
        }
        double r1 = 0;
        for (int i = 0; i < n1; i++) {
            r1 += rank[i];
        }
        double u1 = r1 - n1 * (n1 + 1) / 2.0;
        double u = Math.min(u1, (double) n1 * n2 - u1);
        if (!ties && n1 <= 20 && n2 <= 20) {
            return Math.min(1.0, 2 * exactLowerTail(n1, n2, (int) Math.round(u)));
        }
        double mean = n1 * (double) n2 / 2;
        double var = n1 * (double) n2 / 12 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
        if (var <= 0) {
            return 1.0; // every value tied: no evidence of a difference
        }
        double z = (Math.abs(u1 - mean) - 0.5) / Math.sqrt(var);
        return Math.min(1.0, 2 * (1 - normalCdf(Math.max(0, z))));
    }

    /** P(U ≤ u) under the null, by counting arrangements (no ties). */
    private static double exactLowerTail(int n1, int n2, int u) {
        // count[m][k][s]: arrangements of m of the first sample among k... use the recurrence
        // f(n1, n2, u) = f(n1 - 1, n2, u - n2) + f(n1, n2 - 1, u) over a table indexed by u.
        int max = n1 * n2;
        double[][] prev = new double[n2 + 1][];
        for (int j = 0; j <= n2; j++) {
            prev[j] = new double[max + 1];
            prev[j][0] = 1; // n1 = 0: one arrangement with U = 0
        }
        for (int i = 1; i <= n1; i++) {
            double[][] cur = new double[n2 + 1][max + 1];
            cur[0][0] = 1; // n2 = 0
            for (int j = 1; j <= n2; j++) {
                for (int s = 0; s <= i * j; s++) {
                    double v = cur[j - 1][s];
                    if (s - j >= 0) {
                        v += prev[j][s - j];
                    }
                    cur[j][s] = v;
                }
            }
            prev = cur;
        }
        double total = 0;
        double tail = 0;
        for (int s = 0; s <= max; s++) {
            total += prev[n2][s];
            if (s <= u) {
                tail += prev[n2][s];
            }
        }
        return tail / total;
    }

    /** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, |error| < 1.5e-7). */
    static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                + 0.254829592) * t * Math.exp(-x * x);
        return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }

    private static void requireSome(double[] x, String name) {
        if (x.length == 0) {
            throw new IllegalArgumentException(name + ": no samples");
        }
    }
}
