package dev.poolbench.harness.report;

import dev.poolbench.harness.compare.Statistics;

import java.util.Arrays;
import java.util.Locale;

/**
 * Whether two configurations differ (SPEC §5): Welch's t-test on the logarithms of their
 * per-fork values (forks are the independent samples; logs because ratios, not differences,
 * are what a reader compares), two-sided, α = 0.01. With fewer than 3 forks on either side the
 * answer is "not tested", never "significant".
 */
public record Significance(boolean significant, double p, String words) {

    public static final double ALPHA = 0.01;
    public static final int MIN_FORKS = 3;

    public static Significance of(double[] a, double[] b) {
        if (a.length < MIN_FORKS || b.length < MIN_FORKS) {
            return notTested("fewer than " + MIN_FORKS + " forks per side: " + a.length + " and " + b.length);
        }
        if (Arrays.stream(a).anyMatch(v -> !(v > 0)) || Arrays.stream(b).anyMatch(v -> !(v > 0))) {
            return notTested("a value is not positive");
        }
        double p = Statistics.welchP(Arrays.stream(a).map(Math::log).toArray(), Arrays.stream(b).map(Math::log)
                .toArray());
        if (Double.isNaN(p)) {
            return notTested("no spread on either side");
        }
        String ps = p < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", p);
        String n = ", " + a.length + " vs " + b.length + " forks";
        return p < ALPHA ? new Significance(true, p, "significant, " + ps + n)
                : new Significance(false, p, "not significant, " + ps + n);
    }

    private static Significance notTested(String why) {
        return new Significance(false, Double.NaN, "not tested (" + why + ")");
    }

    /** "significant", "not significant" or "not tested": the cell mark of the report's matrix. */
    public String mark() {
        return significant ? "significant" : words.startsWith("not tested") ? "not tested" : "not significant";
    }
}
