package dev.poolbench.harness.compare;

/**
 * The comparison of one row and metric: the samples' medians, the median B/A ratio with its 95 %
 * bootstrap CI, the Mann–Whitney p-value, and the verdict of {@link VerdictRule}. An invalid row
 * has one Comparison with {@code metric} null and {@link Verdict#INVALID}.
 *
 * @param ratios per-round B/A ratios (A/B mode), empty in baseline mode
 * @param gating whether the verdict can fail the comparison
 * @param note   why a verdict is what it is when the numbers do not say it (too few samples, invalid reason)
 */
public record Comparison(String key, String label, Metric metric, boolean gating, double threshold, int nA, int nB,
                         double medianA, double medianB, double ratio, Statistics.Interval ci, double p,
                         double[] ratios, Verdict verdict, String note) {

    static Comparison invalid(RowSamples a, RowSamples b) {
        String why = !a.valid() ? "A: " + a.invalidReason() : "B: " + b.invalidReason();
        return new Comparison(a.key(), a.label(), null, true, Double.NaN, 0, 0, Double.NaN, Double.NaN, Double.NaN,
                null, Double.NaN, new double[0], Verdict.INVALID, why);
    }
}
